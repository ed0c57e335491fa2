package io.floatip.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimBackoffTest {
    private static final long S = 1_000_000_000L;

    @Test
    void doublesFromFiveSecondsToFiveMinutesAndHoldsUntilItsEnd() {
        ClaimBackoff b = new ClaimBackoff();
        assertFalse(b.holding(0));
        List<Long> waits = new ArrayList<>();
        long now = 1_000 * S;
        for (int i = 0; i < 9; i++) {
            long until = b.failed(now, "EACCES");
            waits.add(b.waitNanos() / S);
            assertEquals(now + b.waitNanos(), until);
            assertTrue(b.holding(until - 1));
            assertFalse(b.holding(until));
            now = until;
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L), waits);
        assertEquals(9, b.failures());
        assertEquals("EACCES", b.lastError());
    }

    @Test
    void aClaimThatSucceedsEndsTheEpisodeAndTheNextStartsAtFiveSeconds() {
        ClaimBackoff b = new ClaimBackoff();
        b.failed(0, "a");
        b.failed(10 * S, "b");
        assertEquals(2, b.succeeded());
        assertEquals(0, b.failures());
        assertNull(b.lastError());
        assertFalse(b.holding(11 * S));
        assertEquals(0, b.succeeded(), "no episode to end");
        b.failed(20 * S, "c");
        assertEquals(5 * S, b.waitNanos());
    }
}
