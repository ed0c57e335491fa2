package io.floatip.lab;

import java.util.List;

/** What a finished (or timed-out) command left behind: its argv, exit code and merged stdout+stderr. */
public record ProcessResult(List<String> argv, int exitCode, String output, boolean timedOut) {

    public ProcessResult {
        argv = List.copyOf(argv);
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Returns this result, or throws with the command and its output so a failed setup step says why. */
    public ProcessResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    public String describe() {
        String how = timedOut ? "timed out" : "exited " + exitCode;
        return String.join(" ", argv) + " " + how + (output.isBlank() ? "" : ": " + output.strip());
    }
}
