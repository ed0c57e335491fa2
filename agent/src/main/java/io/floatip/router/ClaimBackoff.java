package io.floatip.router;

import java.util.concurrent.TimeUnit;

/**
 * How long a router whose VIP claim failed stays BACKUP without preempting. A claim that fails once (a netlink
 * hiccup) is tried again soon; one that keeps failing (a capability dropped, an LSM denial, IPv6 disabled on
 * the interface) will not heal by itself, so the wait doubles up to a cap: an operator who fixes the cause sees
 * the node take the VIP back within {@link #MAX_NANOS} without restarting it. A claim that succeeds ends the
 * episode. Pure, loop thread only.
 */
public final class ClaimBackoff {
    /** The first wait: what a single failed claim cost before (FAULT for 5 s). */
    public static final long FIRST_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The longest wait: 5, 10, 20, 40, 80, 160, then 300 s. */
    public static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(5);

    private int failures;
    private long waitNanos;
    private long until = Long.MIN_VALUE;
    private String lastError;

    /** A claim failed at {@code now}; returns the time before which the router must not preempt. */
    public long failed(long now, String error) {
        waitNanos = failures == 0 ? FIRST_NANOS : Math.min(MAX_NANOS, waitNanos * 2);
        failures++;
        until = now + waitNanos;
        lastError = error;
        return until;
    }

    /** A claim succeeded: returns the failures of the episode it ends (0 if there was none). */
    public int succeeded() {
        int had = failures;
        failures = 0;
        waitNanos = 0;
        until = Long.MIN_VALUE;
        lastError = null;
        return had;
    }

    /** Whether preempting is held off at {@code now}. */
    public boolean holding(long now) {
        return failures > 0 && now < until;
    }

    /** Failed claims since the last one that succeeded. */
    public int failures() {
        return failures;
    }

    /** The current wait, 0 outside an episode. */
    public long waitNanos() {
        return waitNanos;
    }

    /** When preempting is allowed again (meaningful while {@link #failures()} is non-zero). */
    public long until() {
        return until;
    }

    /** The last failure's reason, or null outside an episode. */
    public String lastError() {
        return lastError;
    }
}
