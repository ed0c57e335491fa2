package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
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
    void readsPcap4jStampsToTheMicrosecond() {
        ReceiveTime.of(Timestamp.from(Instant.now())); // load what the first call loads
        long before = System.nanoTime();
        Timestamp stamp = Timestamp.from(Instant.now().minusNanos(2_000_000));
        long at = ReceiveTime.of(stamp);
        long after = System.nanoTime();
        // 2 ms before the moment the stamp was taken, which lies between before and after (us precision)
        assertTrue(at >= before - 2_001_000 && at <= after - 1_999_000, (before - at) + " ns before");
        long now = ReceiveTime.of(null);
        assertTrue(now >= after, "no stamp: now");
    }
}
