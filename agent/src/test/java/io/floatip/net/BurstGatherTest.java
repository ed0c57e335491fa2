package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the capture pauses to let a burst gather: never for the first frame, never for a lone advert. */
class BurstGatherTest {
    private static final long US = 1_000L;
    private static final boolean WAITED = true;
    private static final boolean FROM_THE_RING = false;

    @Test
    void theFirstFrameOfABurstIsNeverHeldBack() {
        BurstGather g = new BurstGather();
        assertFalse(g.pauseAfter(WAITED, 5_000_000 * US), "the very first frame");
        assertFalse(g.pauseAfter(WAITED, 5_100_000 * US), "a frame 100 ms after the last: a new burst starts");
    }

    @Test
    void aFrameThatWokeTheThreadInsideABurstPausesOnce() {
        BurstGather g = new BurstGather();
        g.pauseAfter(WAITED, 1_000 * US);
        assertTrue(g.pauseAfter(WAITED, 1_010 * US), "woke for a frame 10 µs after the last: a burst is under way");
        assertFalse(g.pauseAfter(FROM_THE_RING, 1_020 * US), "read from the ring without waiting: no second pause");
        assertFalse(g.pauseAfter(FROM_THE_RING, 1_400 * US));
    }

    @Test
    void aLoneAdvertEvery10msNeverPauses() {
        BurstGather g = new BurstGather();
        for (int i = 0; i < 100; i++) {
            assertFalse(g.pauseAfter(WAITED, i * 10_000 * US));
        }
    }

    @Test
    void framesReadInTheSameRoundNeverPause() {
        BurstGather g = new BurstGather();
        assertFalse(g.pauseAfter(WAITED, 1_000 * US));
        for (int i = 1; i < 6; i++) {
            assertFalse(g.pauseAfter(FROM_THE_RING, (1_000 + i) * US), "frame " + i + " of a round read at once");
        }
        assertFalse(g.pauseAfter(WAITED, 2_100 * US), "woke 1.1 ms after the last frame: a burst of its own");
    }

    @Test
    void theGapThatMakesABurstIsStrict() {
        BurstGather g = new BurstGather();
        g.pauseAfter(WAITED, 0);
        assertFalse(g.pauseAfter(WAITED, BurstGather.BURST_GAP_NANOS), "exactly the gap: not one burst");
        assertTrue(g.pauseAfter(WAITED, 2 * BurstGather.BURST_GAP_NANOS - 1), "just inside it");
    }
}
