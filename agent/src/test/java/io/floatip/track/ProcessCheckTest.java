package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.agent.VirtualScheduler;
import io.floatip.config.ProcessConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quorum and delay in virtual time. */
class ProcessCheckTest {
    static final long MS = 1_000_000;

    @Test
    void downAtOnceWithoutDelayUpAtOnceAlways() {
        VirtualScheduler clock = new VirtualScheduler();
        ProcessCheck c = new ProcessCheck(new ProcessConfig("hap", "haproxy", List.of(), 2, 0, 0), clock, 2);
        List<Boolean> changes = new ArrayList<>();
        c.addListener(x -> changes.add(x.up()));
        assertTrue(c.up());
        c.counted(3);
        c.counted(2);
        assertEquals(List.of(), changes, "above or at quorum: no change");
        c.counted(1);
        assertEquals(List.of(false), changes, "below quorum 2: down at once");
        c.counted(0);
        c.counted(2);
        assertEquals(List.of(false, true), changes);
        assertEquals("2 running (quorum 2)", c.describe());
    }

    @Test
    void aLossShorterThanTheDelayChangesNothing() {
        VirtualScheduler clock = new VirtualScheduler();
        ProcessCheck c = new ProcessCheck(new ProcessConfig("hap", "haproxy", List.of(), 1, 500, -50), clock, 1);
        List<Boolean> changes = new ArrayList<>();
        c.addListener(x -> changes.add(x.up()));
        c.counted(0);
        clock.advance(300 * MS);
        c.counted(1); // restarted within the delay
        clock.advance(1_000 * MS);
        assertEquals(List.of(), changes, "a restart within the delay is no failure");
        assertTrue(c.up());

        c.counted(0);
        clock.advance(499 * MS);
        assertTrue(c.up(), "still up before the delay ends");
        clock.advance(1 * MS);
        assertFalse(c.up(), "down once the delay ran out below quorum");
        assertEquals(List.of(false), changes);
    }

    @Test
    void aSecondLossAfterARecoveryGetsItsOwnDelay() {
        VirtualScheduler clock = new VirtualScheduler();
        ProcessCheck c = new ProcessCheck(new ProcessConfig("hap", "haproxy", List.of(), 1, 500, 0), clock, 1);
        c.counted(0);
        clock.advance(400 * MS);
        c.counted(1);
        clock.advance(50 * MS);
        c.counted(0); // the first loss's timer fires 50 ms from now: it must not count for this one
        clock.advance(100 * MS);
        assertTrue(c.up(), "the earlier loss's delay does not end this one's early");
        clock.advance(400 * MS);
        assertFalse(c.up());
    }

    @Test
    void startsDownBelowQuorum() {
        ProcessCheck c = new ProcessCheck(new ProcessConfig("hap", "haproxy", List.of(), 1, 0, 0), new VirtualScheduler(), 0);
        assertFalse(c.up());
    }
}
