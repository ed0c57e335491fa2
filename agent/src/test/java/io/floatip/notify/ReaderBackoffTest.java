package io.floatip.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The notify_fifo_script's restart waits, in virtual time: only how long each run lasted goes in. */
class ReaderBackoffTest {

    @Test
    void aCrashLoopWaitsTwiceAsLongEachTimeUpToAMinute() {
        ReaderBackoff b = new ReaderBackoff();
        long[] waits = new long[9];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = b.next(50); // dies at once, every time
        }
        assertEquals("[1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]",
                java.util.Arrays.toString(waits));
    }

    @Test
    void aRunThatLastedStartsOverFromTheFirstWait() {
        ReaderBackoff b = new ReaderBackoff();
        b.next(10);
        b.next(10);
        assertEquals(4000, b.next(ReaderBackoff.STABLE_MILLIS - 1), "just short of stable: still a crash loop");
        assertEquals(1000, b.next(ReaderBackoff.STABLE_MILLIS), "a minute's run was a working reader");
        assertEquals(2000, b.next(0));
    }

    @Test
    void theFirstExitWaitsTheFirstWaitHoweverLongItRan() {
        assertEquals(1000, new ReaderBackoff().next(0));
        assertEquals(1000, new ReaderBackoff().next(3_600_000));
    }
}
