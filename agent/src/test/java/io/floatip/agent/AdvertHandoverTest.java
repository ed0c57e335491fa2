package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The capture-to-loop hand-over, a read round at a time: one loop task per round whatever the number of
 * instances with adverts, none for a round without, none lost when rounds and drains overlap. The loop is a
 * queue of tasks this test runs by hand: no threads, no sleeps.
 */
class AdvertHandoverTest {
    /** The event loop's task queue, run when the test says. */
    private static final class Loop implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        int given;

        @Override
        public void execute(Runnable task) {
            given++;
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    @Test
    void aRoundOfManyInstancesWakesTheLoopOnce() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        List<Integer> drained = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int instance = i;
            h.list(() -> drained.add(instance), loop);
        }
        assertEquals(0, loop.given, "nothing before the round ends");
        h.roundEnd();
        assertEquals(1, loop.given, "one task for the round");
        loop.runAll();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), drained, "every instance drained once, in the order heard");
    }

    @Test
    void aRoundWithoutAdvertsGivesTheLoopNothing() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        h.roundEnd();
        h.list(() -> { }, loop);
        h.roundEnd();
        loop.runAll();
        h.roundEnd(); // frames that were all dropped, or went to instances already listed
        assertEquals(1, loop.given);
    }

    @Test
    void aRoundThatEndsBeforeTheLoopRanTheLastOneAddsToIt() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        int[] runs = new int[2];
        h.list(() -> runs[0]++, loop);
        h.roundEnd();
        h.list(() -> runs[1]++, loop); // the loop is busy elsewhere: its task has not started
        h.roundEnd();
        assertEquals(1, loop.given, "the queued drain will see the second round too");
        loop.runAll();
        assertEquals(1, runs[0]);
        assertEquals(1, runs[1]);
    }

    @Test
    void anInstanceListedWhileTheLoopDrainsIsNotLost() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        int[] late = new int[1];
        // The capture thread lists and ends a round in the middle of the loop's drain.
        h.list(() -> {
            h.list(() -> late[0]++, loop);
            h.roundEnd();
        }, loop);
        h.roundEnd();
        loop.runAll();
        assertEquals(1, late[0], "drained once: in that drain or in the task its round queued");
        assertTrue(loop.given <= 2);
    }

    @Test
    void beyondTheRingAnInstanceGoesOnItsOwn() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        int[] runs = new int[1];
        for (int i = 0; i <= AdvertHandover.CAPACITY; i++) {
            h.list(() -> runs[0]++, loop);
        }
        assertEquals(1, loop.given, "the one over the capacity, at once");
        h.roundEnd();
        loop.runAll();
        assertEquals(AdvertHandover.CAPACITY + 1, runs[0], "none lost");
    }

    @Test
    void handingOverAllocatesNothing() {
        Loop loop = new Loop();
        AdvertHandover h = new AdvertHandover();
        long[] drained = {0};
        Runnable[] drains = new Runnable[50];
        for (int i = 0; i < drains.length; i++) {
            drains[i] = () -> drained[0]++;
        }
        // 50 instances' adverts in rounds of 6, as a backup hears a master's grid bursts at 10 ms.
        double perRound = Allocated.perRun(20_000, () -> {
            for (int i = 0; i < 6; i++) {
                h.list(drains[(int) (drained[0] + i) % drains.length], loop);
            }
            h.roundEnd();
            Runnable task = loop.tasks.poll();
            task.run();
        });
        assertEquals(40_000 * 6, drained[0]);
        assertTrue(perRound < 1, perRound + " bytes per round");
    }
}
