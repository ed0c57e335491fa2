package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A frame's kernel timestamp moves its receive time back by its age, within bounds that only make timers later. */
class ReceiveTimeTest {
    private static final long WALL = 1_763_738_428_671_123_000L;
    private static final long MONO = 5_000_000_000L;

    @Test
    void aFrameReceivedEarlierCountsFromThen() {
        assertEquals(MONO - 700_000, ReceiveTime.monotonic(WALL - 700_000, WALL, MONO));
        assertEquals(MONO, ReceiveTime.monotonic(WALL, WALL, MONO));
        assertEquals(MONO - ReceiveTime.MAX_AGE_NANOS,
                ReceiveTime.monotonic(WALL - ReceiveTime.MAX_AGE_NANOS, WALL, MONO));
    }

    @Test
    void aStampFromTheFutureOrTooOldCountsAsNow() {
        // The wall clock stepped back (frame looks newer than now) or forward (frame looks older than it is).
        assertEquals(MONO, ReceiveTime.monotonic(WALL + 1, WALL, MONO));
        assertEquals(MONO, ReceiveTime.monotonic(WALL - ReceiveTime.MAX_AGE_NANOS - 1, WALL, MONO));
        assertEquals(MONO, ReceiveTime.monotonic(WALL - 3_600_000_000_000L, WALL, MONO));
    }

    @Test
    void readsLibpcapStampsToTheMicrosecondAgainstTheRealWallClock() {
        long[] scratch = new long[2];
        ReceiveTime.of(0, 0, scratch); // load what the first call loads
        long before = System.nanoTime();
        Instant stamped = Instant.now().minusNanos(2_000_000);
        long at = ReceiveTime.of(stamped.getEpochSecond(), stamped.getNano() / 1000, scratch);
        long after = System.nanoTime();
        // 2 ms before the moment the stamp was taken, which lies between before and after (us precision)
        assertTrue(at >= before - 2_001_000 && at <= after - 1_999_000, (before - at) + " ns before");
    }

    @Test
    void theWallClockIsReadWithoutAnObject() {
        long[] scratch = new long[2];
        long wall = NativeMemory.wallNanos(scratch);
        long instant = Instant.now().getEpochSecond() * 1_000_000_000L + Instant.now().getNano();
        assertTrue(Math.abs(instant - wall) < 1_000_000_000L, "clock_gettime and Instant agree");
        for (int i = 0; i < 10_000; i++) {
            ReceiveTime.of(1, 2, scratch);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            ReceiveTime.of(1, 2, scratch);
        }
        long bytes = ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 10_000, bytes + " bytes over 10,000 stamps");
    }
}
