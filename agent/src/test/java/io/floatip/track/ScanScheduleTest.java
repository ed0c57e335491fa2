package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the process watch reads /proc, in virtual time: never right after an exit, and never late. */
class ScanScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 7_000_000_000L;

    @Test
    void anExitPutsTheNextReadAfterExitMillisNotAtOnce() {
        ScanSchedule s = new ScanSchedule();
        s.scanned(T0, false);
        long exit = T0 + 1_234 * MS;
        s.exited(exit);
        assertFalse(s.due(exit), "not at once: the loop must get the core first");
        assertEquals(ProcessWatch.AFTER_EXIT_MILLIS, s.pollMillis(exit));
        assertFalse(s.due(exit + ProcessWatch.AFTER_EXIT_MILLIS * MS - 1));
        assertTrue(s.due(exit + ProcessWatch.AFTER_EXIT_MILLIS * MS));
    }

    @Test
    void anExitJustBeforeAPlannedReadPostponesIt() {
        ScanSchedule s = new ScanSchedule();
        s.scanned(T0, true);
        long exit = T0 + (ProcessWatch.BELOW_QUORUM_MILLIS - 1) * MS;
        s.exited(exit);
        assertFalse(s.due(T0 + ProcessWatch.BELOW_QUORUM_MILLIS * MS), "a read 1 ms after the exit would compete");
        assertTrue(s.due(exit + ProcessWatch.AFTER_EXIT_MILLIS * MS));
    }

    @Test
    void belowQuorumReadsOftenerThanAtQuorum() {
        ScanSchedule s = new ScanSchedule();
        s.scanned(T0, true);
        assertEquals(ProcessWatch.BELOW_QUORUM_MILLIS, s.pollMillis(T0));
        assertTrue(s.due(T0 + ProcessWatch.BELOW_QUORUM_MILLIS * MS));
        s.scanned(T0, false);
        assertEquals(ProcessWatch.RESCAN_MILLIS, s.pollMillis(T0));
        assertFalse(s.due(T0 + (ProcessWatch.RESCAN_MILLIS - 1) * MS));
        assertTrue(s.due(T0 + ProcessWatch.RESCAN_MILLIS * MS));
    }

    @Test
    void pollTimeoutRoundsUpSoItNeverWakesJustBeforeTheRead() {
        ScanSchedule s = new ScanSchedule();
        s.scanAt(T0 + 5 * MS + 1);
        assertEquals(6, s.pollMillis(T0), "5 ms and 1 ns left: 6 ms, not 5");
        assertEquals(1, s.pollMillis(T0 + 5 * MS), "1 ns left: 1 ms, not 0 (a busy loop)");
        assertEquals(0, s.pollMillis(T0 + 5 * MS + 1));
        assertEquals(0, s.pollMillis(T0 + 9 * MS), "overdue: no wait");
        assertTrue(s.due(T0 + 9 * MS));
    }

    @Test
    void worksAcrossTheSignOfTheNanoClock() {
        ScanSchedule s = new ScanSchedule();
        long t = Long.MAX_VALUE - 3 * MS;
        s.exited(t);
        assertFalse(s.due(t + 10 * MS), "wrapped past Long.MAX_VALUE, still 10 ms before");
        assertTrue(s.due(t + ProcessWatch.AFTER_EXIT_MILLIS * MS));
        assertEquals(ProcessWatch.AFTER_EXIT_MILLIS, s.pollMillis(t));
    }
}
