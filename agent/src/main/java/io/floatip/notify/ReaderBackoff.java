package io.floatip.notify;

/**
 * How long to wait before starting the notify_fifo_script again after it exited. keepalived does not restart
 * it at all (vrrp.c, vrrp_notify_fifo_script_exit only logs "vrrp notify fifo script terminated"), so the
 * FIFO then fills and its lines are lost until a restart. floatip restarts it: at once would turn a reader
 * that fails at start into a fork loop, so the wait starts at {@link #FIRST_MILLIS}, doubles after every run
 * shorter than {@link #STABLE_MILLIS} up to {@link #MAX_MILLIS}, and falls back to the first wait after a run
 * that lasted. Pure: it is told how long the run lasted.
 */
public final class ReaderBackoff {
    public static final long FIRST_MILLIS = 1_000;
    public static final long MAX_MILLIS = 60_000;
    /** A run at least this long was a working reader, not a crash loop. */
    public static final long STABLE_MILLIS = 60_000;

    private long last;

    /** The wait before the next start, for a run that lasted {@code ranMillis}. */
    public long next(long ranMillis) {
        if (ranMillis >= STABLE_MILLIS || last == 0) {
            last = FIRST_MILLIS;
        } else {
            last = Math.min(last * 2, MAX_MILLIS);
        }
        return last;
    }
}
