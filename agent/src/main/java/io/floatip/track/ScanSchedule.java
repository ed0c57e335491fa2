package io.floatip.track;

import java.util.concurrent.TimeUnit;

/**
 * When {@link ProcessWatch} reads /proc next. Pure (the caller gives the System.nanoTime clock), so tests run
 * it in virtual time.
 *
 * <p>After a read: {@link ProcessWatch#BELOW_QUORUM_MILLIS} later while a count is below its quorum (a new
 * process is being waited for), {@link ProcessWatch#RESCAN_MILLIS} otherwise. After an exit:
 * {@link ProcessWatch#AFTER_EXIT_MILLIS} later, not at once. A read costs milliseconds of CPU on a host with
 * many processes; started right after the exit was handed to the event loop, it ran on the core the loop had
 * just been woken on and kept it for 1 to 2 ms before the loop could send the lower advert (the scheduler
 * lets a waker run out its slice). A replacement process is found that much later, which changes nothing: a
 * restarted proxy takes far longer than that to start.
 */
final class ScanSchedule {
    private long due;

    /** /proc was read at {@code now}. */
    void scanned(long now, boolean belowQuorum) {
        due = now + TimeUnit.MILLISECONDS.toNanos(belowQuorum ? ProcessWatch.BELOW_QUORUM_MILLIS
                : ProcessWatch.RESCAN_MILLIS);
    }

    /** A followed process exited (its loss already reported) at {@code now}. */
    void exited(long now) {
        scanAt(now + TimeUnit.MILLISECONDS.toNanos(ProcessWatch.AFTER_EXIT_MILLIS));
    }

    /** The next read at {@code at}, whatever was planned (poll failed: read /proc instead). */
    void scanAt(long at) {
        due = at;
    }

    /** Whether /proc is to be read now. */
    boolean due(long now) {
        return now - due >= 0;
    }

    /** poll(2)'s timeout until the next read: whole milliseconds, rounded up so it never wakes just before. */
    int pollMillis(long now) {
        long left = due - now;
        if (left <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }
}
