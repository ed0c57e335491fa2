package io.floatip.track;

/** How one run of a script ended: exit 0 is success; a non-zero exit, a signal or a timeout is failure. */
public record ScriptOutcome(boolean success, String detail) {
    public static ScriptOutcome exit(int code) {
        return exit(code, "");
    }

    /** @param said the script's last line of output, "" for none: why it failed, in its own words */
    public static ScriptOutcome exit(int code, String said) {
        return new ScriptOutcome(code == 0, "exit " + code + (said.isEmpty() ? "" : ": " + said));
    }

    public static ScriptOutcome timedOut(long timeoutMillis) {
        return timedOut(timeoutMillis, "");
    }

    public static ScriptOutcome timedOut(long timeoutMillis, String said) {
        return new ScriptOutcome(false, "timed out after " + timeoutMillis + " ms" + (said.isEmpty() ? "" : "; it said: " + said));
    }

    public static ScriptOutcome failedToStart(String why) {
        return new ScriptOutcome(false, "could not start: " + why);
    }
}
