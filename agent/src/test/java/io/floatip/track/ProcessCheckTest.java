package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.base.Scheduler;
import io.floatip.config.ProcessConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** Quorum and delay in virtual time. */
class ProcessCheckTest {
    static final long MS = 1_000_000;

    /** A scheduler whose clock moves only when told. */
    static final class Clock implements Scheduler {
        record Task(long at, long seq, Runnable run) {
        }

        long now;
        long seq;
        final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.seq, b.seq));

        @Override
        public long now() {
            return now;
        }

        @Override
        public void schedule(long at, Runnable task) {
            tasks.add(new Task(at, seq++, task));
        }

        void advance(long by) {
            long until = now + by;
            while (!tasks.isEmpty() && tasks.peek().at <= until) {
                Task t = tasks.poll();
                now = Math.max(now, t.at);
                t.run.run();
            }
            now = until;
        }
    }

    @Test
    void downAtOnceWithoutDelayUpAtOnceAlways() {
        Clock clock = new Clock();
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
        Clock clock = new Clock();
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
        Clock clock = new Clock();
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
        ProcessCheck c = new ProcessCheck(new ProcessConfig("hap", "haproxy", List.of(), 1, 0, 0), new Clock(), 0);
        assertFalse(c.up());
    }
}
