package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios judged over the whole simulated run, not at one instant: after the routers settle nothing changes
 * any more, and the master's adverts keep their cadence, while every timer fires late by a random amount (an
 * event loop that wakes late). Several seeds each; a failure names its seed.
 */
class RouterRunTest {
    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void anEqualPriorityPairSettlesOnceAndNeverFlaps() {
        for (long seed : SEEDS) {
            SimNetwork net = new SimNetwork(MS, 5 * MS, seed);
            SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
            SimRouter high = net.add("high", "198.51.100.12", 100, 10, true);
            low.router.startup(0);
            high.router.startup(0);
            net.runFor(20_000 * MS);
            String run = "seed " + seed + ": low " + low.transitions + ", high " + high.transitions;
            assertEquals(State.MASTER, high.state(), run);
            assertEquals(State.BACKUP, low.state(), run);
            // Both may time out once at the start (each begins as a backup); after one second, no change at all.
            assertEquals(List.of(), low.transitionsSince(1_000 * MS), run);
            assertEquals(List.of(), high.transitionsSince(1_000 * MS), run);
            assertFalse(low.holdsVips, run);
        }
    }

    @Test
    void aLowerPriorityBackupNeverTakesOverFromAMasterWhoseTimersFireLate() {
        for (long seed : SEEDS) {
            // The backup waits 360.9 ms; the master's adverts come at most 100 + 50 ms apart.
            SimNetwork net = new SimNetwork(MS, 50 * MS, seed);
            SimRouter master = net.add("m", "198.51.100.11", 200, 10, true);
            SimRouter backup = net.add("b", "198.51.100.12", 100, 10, true);
            master.router.startup(0);
            backup.router.startup(0);
            net.runFor(30_000 * MS);
            assertEquals(1, backup.transitions.size(), "seed " + seed + ": only INIT->BACKUP: " + backup.transitions);
            assertEquals(2, master.transitions.size(), "seed " + seed + ": INIT->BACKUP->MASTER: " + master.transitions);
            assertFalse(backup.holdsVips);
        }
    }

    @Test
    void aMasterWhoseTimersFireLateKeepsItsCadenceWithoutDrifting() {
        for (long seed : SEEDS) {
            SimNetwork net = new SimNetwork(MS, 30 * MS, seed);
            SimRouter m = net.add("m", "198.51.100.11", 255, 10, true);
            m.router.startup(0);
            net.runFor(10_050 * MS); // the advert due at 10 s may go out up to 30 ms late
            List<SimRouter.Advert> sent = m.sent;
            assertEquals(101, sent.size(), "seed " + seed + ": one at start, then one each 100 ms");
            for (int k = 0; k < sent.size(); k++) {
                long at = sent.get(k).at();
                // Advert k is due at k * 100 ms and goes out at most one lateness after that: late firings
                // do not push the next deadline back, so the cadence never drifts.
                assertTrue(at >= k * 100 * MS && at <= k * 100 * MS + 30 * MS,
                        "seed " + seed + ": advert " + k + " at " + at / 1e6 + " ms");
            }
        }
    }

    @Test
    void aHigherPriorityRouterJoiningPreemptsOnceAndThenNothingChanges() {
        for (long seed : SEEDS) {
            SimNetwork net = new SimNetwork(MS, 20 * MS, seed);
            SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
            low.router.startup(0);
            net.runFor(1_000 * MS);
            SimRouter high = net.add("high", "198.51.100.12", 200, 10, true);
            high.router.startup(net.now());
            net.runFor(20_000 * MS);
            String run = "seed " + seed + ": low " + low.transitions + ", high " + high.transitions;
            assertEquals(List.of("MASTER->BACKUP"), low.transitionsSince(1_000 * MS).stream()
                    .map(t -> t.from() + "->" + t.to()).toList(), run);
            assertEquals(List.of(State.BACKUP, State.MASTER), high.transitions.stream()
                    .map(SimRouter.Transition::to).toList(), run);
            assertTrue(high.transitions.get(1).reason().startsWith("preempting lower priority master 198.51.100.11"
                    + " (100 < 200)"), run);
            assertTrue(high.holdsVips && !low.holdsVips, run);
        }
    }

    @Test
    void aPartitionThatHealsLeavesOneMasterAndNoFurtherChange() {
        for (long seed : SEEDS) {
            SimNetwork net = new SimNetwork(MS, 20 * MS, seed);
            SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
            SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
            m.router.startup(0);
            b.router.startup(0);
            net.runFor(1_000 * MS);
            b.connected = false;
            net.runFor(2_000 * MS);
            b.connected = true;
            long healed = net.now();
            net.runFor(20_000 * MS);
            String run = "seed " + seed + ": m " + m.transitions + ", b " + b.transitions;
            assertEquals(List.of(State.BACKUP), b.transitionsSince(healed).stream().map(SimRouter.Transition::to)
                    .toList(), "b yields once and stays: " + run);
            assertEquals(List.of(), m.transitionsSince(1_000 * MS), run);
            assertTrue(m.holdsVips && !b.holdsVips, run);
        }
    }
}
