package io.floatip.base;

/** Rate limit for repeated events: log the 1st, 10th, 100th ... occurrence, so a flood cannot flood the log. */
public final class LogLimit {
    private LogLimit() {
    }

    public static boolean shouldLog(long count) {
        while (count >= 10 && count % 10 == 0) {
            count /= 10;
        }
        return count == 1;
    }
}
