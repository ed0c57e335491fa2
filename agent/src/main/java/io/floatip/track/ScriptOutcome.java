package io.floatip.track;

/** How one run of a script ended: exit 0 is success; a non-zero exit, a signal or a timeout is failure. */
public record ScriptOutcome(boolean success, String detail) {
    public static ScriptOutcome exit(int code) {
        return new ScriptOutcome(code == 0, "exit " + code);
    }

    public static ScriptOutcome timedOut(long timeoutMillis) {
        return new ScriptOutcome(false, "timed out after " + timeoutMillis + " ms");
    }

    public static ScriptOutcome failedToStart(String why) {
        return new ScriptOutcome(false, "could not start: " + why);
    }
}
