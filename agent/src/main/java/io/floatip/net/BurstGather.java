package io.floatip.net;

/**
 * When the capture thread should let a burst of frames gather before its next read, so that a master's burst of
 * adverts (one per instance, microseconds apart) costs a few wake-ups instead of one per frame. The first frame of
 * a burst is never held back: its read round is handed over as soon as the ring is empty. Only a frame that woke
 * the thread (the first after a wait in poll) and came within {@link #BURST_GAP_NANOS} of the one before says "a
 * burst is under way"; once its round is handed over the thread pauses {@link #PAUSE_NANOS} and reads what
 * gathered without waiting. So at most the rest of a burst waits, at most that long; a lone advert per interval
 * (one instance, even at 10 ms) never pauses. Pure: the caller gives the times.
 */
final class BurstGather {
    /** Frames closer than this are one burst (a master sends its instances' adverts back to back). */
    static final long BURST_GAP_NANOS = 1_000_000L;
    /**
     * How long the rest of a burst may wait: 2 % of a 10 ms interval, far inside Master_Down_Interval. Short, too,
     * because the frames of the pause wait in the capture ring (512 KiB, about a hundred frames): a longer pause in a
     * 255-advert burst would fill it and the kernel would drop adverts.
     */
    static final long PAUSE_NANOS = 200_000L;
    private long lastReceivedAt = Long.MIN_VALUE;

    /**
     * After reading a frame received at {@code receivedAt}; {@code waited}: it is the first since the thread
     * waited in poll. Pause once this round is handed over?
     */
    boolean pauseAfter(boolean waited, long receivedAt) {
        boolean inBurst = lastReceivedAt != Long.MIN_VALUE && receivedAt - lastReceivedAt < BURST_GAP_NANOS;
        lastReceivedAt = receivedAt;
        return inBurst && waited;
    }
}
