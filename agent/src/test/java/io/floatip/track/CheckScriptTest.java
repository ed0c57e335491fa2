package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.agent.VirtualScheduler;
import io.floatip.config.Command;
import io.floatip.config.ScriptConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A check script's cadence, rise/fall and overlap handling, in virtual time with a runner the test drives. */
class CheckScriptTest {
    static final long MS = 1_000_000L;

    /** Runs are started here and finished when the test says. */
    static final class FakeRunner implements ScriptRunner {
        final List<Long> startedAt = new ArrayList<>();
        final List<Consumer<ScriptOutcome>> pending = new ArrayList<>();
        final VirtualScheduler clock;

        FakeRunner(VirtualScheduler clock) {
            this.clock = clock;
        }

        @Override
        public void start(List<String> argv, long timeoutMillis, Consumer<ScriptOutcome> done) {
            startedAt.add(clock.now() / MS);
            pending.add(done);
        }

        void finish(ScriptOutcome outcome) {
            pending.remove(0).accept(outcome);
        }
    }

    static ScriptConfig script(int rise, int fall, boolean initFail) {
        return new ScriptConfig("chk", new Command(List.of("/bin/true")), 1000, 500, rise, fall, -50, initFail);
    }

    @Test
    void runsEveryIntervalFromStart() {
        VirtualScheduler clock = new VirtualScheduler();
        FakeRunner runner = new FakeRunner(clock);
        CheckScript chk = new CheckScript(script(1, 1, false), clock, runner);
        chk.start();
        for (long t = 0; t <= 3000; t += 100) {
            clock.advanceTo(t * MS);
            while (!runner.pending.isEmpty()) {
                runner.finish(ScriptOutcome.exit(0));
            }
        }
        assertEquals(List.of(0L, 1000L, 2000L, 3000L), runner.startedAt);
        assertEquals(4, chk.runs());
    }

    @Test
    void fallFailuresBringItDownOnceAndRiseSuccessesBringItUp() {
        VirtualScheduler clock = new VirtualScheduler();
        FakeRunner runner = new FakeRunner(clock);
        CheckScript chk = new CheckScript(script(2, 2, false), clock, runner);
        List<Boolean> changes = new ArrayList<>();
        chk.addListener(s -> changes.add(s.up()));
        chk.start();
        int[] exits = {1, 1, 1, 0, 0, 0};
        for (int i = 0; i < exits.length; i++) {
            clock.advanceTo(i * 1000 * MS);
            runner.finish(ScriptOutcome.exit(exits[i]));
        }
        assertEquals(List.of(false, true), changes, "down after 2 failures, up after 2 successes, once each");
        assertEquals(3, chk.failures());
        assertTrue(chk.up());
    }

    @Test
    void aTimeoutIsAFailure() {
        VirtualScheduler clock = new VirtualScheduler();
        FakeRunner runner = new FakeRunner(clock);
        CheckScript chk = new CheckScript(script(1, 1, false), clock, runner);
        chk.start();
        runner.finish(ScriptOutcome.timedOut(500));
        assertFalse(chk.up());
        assertEquals("timed out after 500 ms", chk.last().detail());
    }

    @Test
    void aRunStillGoingMakesTheNextTicksSkipNotPileUp() {
        VirtualScheduler clock = new VirtualScheduler();
        FakeRunner runner = new FakeRunner(clock);
        CheckScript chk = new CheckScript(script(1, 1, false), clock, runner);
        chk.start();                           // run 1 starts at 0 and hangs
        clock.advanceTo(3500 * MS);            // ticks at 1000, 2000, 3000 find it running
        assertEquals(List.of(0L), runner.startedAt);
        assertEquals(3, chk.skips());
        assertTrue(chk.running());
        runner.finish(ScriptOutcome.exit(0));  // it ends at 3500
        clock.advanceTo(4000 * MS);
        assertEquals(List.of(0L, 4000L), runner.startedAt, "the next tick runs it again, on the old cadence");
    }

    @Test
    void initFailStartsDownUntilRiseSuccesses() {
        VirtualScheduler clock = new VirtualScheduler();
        FakeRunner runner = new FakeRunner(clock);
        CheckScript chk = new CheckScript(script(1, 1, true), clock, runner);
        chk.start();
        assertFalse(chk.up());
        runner.finish(ScriptOutcome.exit(0));
        assertTrue(chk.up());
    }
}
