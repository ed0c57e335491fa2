package io.floatip.signal;

import java.util.List;

/**
 * A thread's set of blocked signals as the kernel shows it in /proc/.../status: "SigBlk:" and 16 hex digits,
 * bit n-1 standing for signal n. A value, so that what the agent decides from it can be tested without a
 * process whose mask is set.
 */
public record SignalMask(long bits) {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGTERM = 15;

    /** What the sigwait mode takes: a stop (TERM, INT), a reload (HUP), a thread dump (QUIT). */
    public static final List<Integer> TAKEN = List.of(SIGHUP, SIGINT, SIGQUIT, SIGTERM);
    public static final List<Integer> STOP_AND_RELOAD = List.of(SIGHUP, SIGINT, SIGTERM);

    private static final String FIELD = "SigBlk:";

    /** The SigBlk line of a status file's text; null when it has none or it is not hex. */
    public static SignalMask fromStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith(FIELD)) {
                String hex = line.substring(FIELD.length()).strip();
                try {
                    return new SignalMask(Long.parseUnsignedLong(hex, 16));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    public boolean blocks(int signal) {
        return signal >= 1 && signal <= 64 && (bits >>> (signal - 1) & 1) != 0;
    }

    public boolean blocksAll(List<Integer> signals) {
        return signals.stream().allMatch(this::blocks);
    }

    public boolean blocksAny(List<Integer> signals) {
        return signals.stream().anyMatch(this::blocks);
    }
}
