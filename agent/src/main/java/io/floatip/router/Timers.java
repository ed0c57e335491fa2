package io.floatip.router;

/**
 * All of VRRP's timer arithmetic, in nanoseconds. Intervals come in centiseconds, as v3 carries them
 * (a v2 interval of N seconds is 100 * N centiseconds, which gives RFC 3768's formulas the same shape).
 */
public final class Timers {
    public static final long NANOS_PER_CENTISECOND = 10_000_000L;

    private Timers() {
    }

    public static long centisToNanos(int centis) {
        return centis * NANOS_PER_CENTISECOND;
    }

    /** RFC 9568 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256. RFC 3768: (256 - Priority) / 256 s. */
    public static long skewTime(int priority, int masterAdverIntervalCentis) {
        return (256 - priority) * centisToNanos(masterAdverIntervalCentis) / 256;
    }

    /** RFC 9568 6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time. */
    public static long masterDownInterval(int priority, int masterAdverIntervalCentis) {
        return 3 * centisToNanos(masterAdverIntervalCentis) + skewTime(priority, masterAdverIntervalCentis);
    }

    /**
     * How far from the RFC cadence an advert may move so that many instances' adverts leave in one wake-up: a
     * tenth of the interval, at most 10 ms. Sending a little early is harmless (a backup waits 3 intervals plus
     * Skew_Time); sending late is not, so nothing here makes an advert later. Half of it is spent pulling the
     * next deadline onto a shared grid ({@link #nextAdvert}), half firing early ({@link #advertEarly}): the gap
     * between two adverts on the wire stays within the interval less the slack and the interval plus half of it.
     */
    public static long advertSlack(long intervalNanos) {
        return Math.min(intervalNanos / 10, 10_000_000L);
    }

    /** How early the owner may send an advert whose deadline is close, to send it with others (half the slack). */
    public static long advertEarly(long intervalNanos) {
        return advertSlack(intervalNanos) / 2;
    }

    /**
     * Bursts per interval: instances are spread over this many grids (by VRID), so that one burst carries at most
     * half of them (128 of 255), and a backup reads each burst in a few read rounds with one wake-up. Eight grids
     * (32 a burst) woke a floatip backup four times as often: at 50 instances at 10 ms it cost more CPU than
     * keepalived's, which reads keepalived's one burst per interval (BENCHMARKS.md). A backup's capture ring holds
     * about 330 frames (256 on a jumbo link): two bursts, while its capture thread catches up.
     */
    public static final int PHASES = 2;

    /**
     * The next advert deadline after one sent at {@code now}, where the cadence says {@code due}: moved earlier
     * by at most half the slack towards the last point of this VRID's grid (multiples of the interval on the
     * clock, offset by {@code (vrid % PHASES) / PHASES} of it, shared by every instance of that phase), so that
     * masters that took over at scattered times drift, a little each interval, into {@link #PHASES} bursts per
     * interval. Never at or before {@code now}, never after {@code due}.
     */
    public static long nextAdvert(long due, long now, long intervalNanos, int vrid) {
        long offset = Math.floorMod(vrid, PHASES) * (intervalNanos / PHASES);
        long grid = due - Math.floorMod(due - offset, intervalNanos);
        long aligned = Math.max(grid, due - advertSlack(intervalNanos) / 2);
        return aligned > now ? aligned : due;
    }
}
