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

    /** RFC 5798 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256. RFC 3768: (256 - Priority) / 256 s. */
    public static long skewTime(int priority, int masterAdverIntervalCentis) {
        return (256 - priority) * centisToNanos(masterAdverIntervalCentis) / 256;
    }

    /** RFC 5798 6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time. */
    public static long masterDownInterval(int priority, int masterAdverIntervalCentis) {
        return 3 * centisToNanos(masterAdverIntervalCentis) + skewTime(priority, masterAdverIntervalCentis);
    }
}
