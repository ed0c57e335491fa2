package io.floatip.net;

/**
 * A frame's arrival on the System.nanoTime clock, from libpcap's timestamp (the kernel's wall clock when
 * the frame reached the packet socket). Between that moment and the event loop handling the advert are two
 * thread wake-ups, 0.2 to 1 ms on a small VM; a Master_Down_Timer started at the handling would expire that
 * much late, and a backup would take over later than RFC 9568 says (and later than keepalived, whose one
 * thread reads the socket itself).
 */
public final class ReceiveTime {
    /**
     * The most this correction moves a timer. An older frame is possible (a thread kept off the CPU) but so
     * is a wall clock stepped forward meanwhile, which would make the frame look older than it is; either
     * way the frame counts as received now, which only ever makes a timer later. 10 ms is the shortest
     * advert interval: a Master_Down_Timer (three intervals and more) moved this much early still outlasts
     * the next advert.
     */
    static final long MAX_AGE_NANOS = 10_000_000L;

    private ReceiveTime() {
    }

    /**
     * @param frameWallNanos the frame's timestamp (Unix epoch, ns)
     * @param wallNanos      the wall clock now
     * @param monoNanos      System.nanoTime() now
     */
    public static long monotonic(long frameWallNanos, long wallNanos, long monoNanos) {
        long age = wallNanos - frameWallNanos;
        return age >= 0 && age <= MAX_AGE_NANOS ? monoNanos - age : monoNanos;
    }

    /**
     * Now, for a frame libpcap stamped {@code seconds}, {@code micros} (its struct timeval). Capture thread;
     * {@code scratch} (two longs) takes the wall clock, so that no object is made per frame.
     */
    static long of(long seconds, long micros, long[] scratch) {
        long mono = System.nanoTime();
        long wall = NativeMemory.wallNanos(scratch);
        return monotonic(seconds * 1_000_000_000L + micros * 1000L, wall, mono);
    }
}
