package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timers a router keeps, at their edges: when an event restarts the advert timer, which interval a
 * re-listening backup waits, how late is still on time and how late is frozen, what a reload changes.
 */
class RouterTimersTest {

    /** A master since 3,414 ms (priority 150, 1 s adverts: Master_Down_Interval 3.41 s), run to 3,550 ms. */
    private static SimRouter masterAt3550(SimNetwork net) {
        SimRouter m = net.add("m", "198.51.100.11", 150, 100, true);
        m.router.startup(0);
        net.runUntil(3_550 * MS);
        assertEquals(State.MASTER, m.state());
        return m;
    }

    @Test
    void aPriorityChangeIsAdvertisedAtOnceAndTheNextAdvertComesAWholeIntervalLater() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = masterAt3550(net);
        m.router.priorityChanged(net.now(), 140);
        net.runUntil(6_600 * MS);
        assertEquals(List.of(3550L, 4550L, 5550L, 6550L), m.advertMillisSince(3_550 * MS),
                "the advert timer restarts from the change: no second advert 0.5 s after it");
    }

    @Test
    void aPriorityReportThatChangesNoAdvertisedPriorityLeavesTheAdvertsAlone() {
        // Tracking reports after every check, mostly the priority the router has: no extra advert for that, nor
        // for what an address owner's (always 255) or a drained master's (always 1) tracking asks for.
        SimNetwork net = new SimNetwork(MS);
        SimRouter same = masterAt3550(net);
        same.router.priorityChanged(net.now(), 150);
        net.runUntil(5_600 * MS);
        assertEquals(List.of(4414L, 5414L), same.advertMillisSince(3_550 * MS), "cadence from 3414 ms: " + same.log);

        SimNetwork own = new SimNetwork(MS);
        SimRouter owner = own.add("o", "198.51.100.12", 255, 100, true);
        owner.router.startup(0);
        own.runUntil(3_550 * MS);
        owner.router.priorityChanged(own.now(), 200);
        own.runUntil(5_600 * MS);
        assertEquals(List.of(4000L, 5000L), owner.advertMillisSince(3_550 * MS), "cadence from 0: " + owner.log);
        assertEquals(255, owner.router.priority());

        SimNetwork alone = new SimNetwork(MS);
        SimRouter drained = alone.add("d", "198.51.100.11", 150, 100, true);
        drained.router.drain(0, true, "drained at start");
        drained.router.startup(0);
        long master = Timers.masterDownInterval(Router.DRAINED_PRIORITY, 100);
        alone.runUntil(master + 550 * MS);
        assertEquals(State.MASTER, drained.state(), "no other router: even a drained one serves");
        drained.router.priorityChanged(alone.now(), 200);
        alone.runUntil(master + 2_600 * MS);
        assertEquals(List.of((master + 1_000 * MS) / MS, (master + 2_000 * MS) / MS),
                drained.advertMillisSince(master + MS), "kept for after the drain, not advertised");
        assertEquals(Router.DRAINED_PRIORITY, drained.router.priority());
    }

    @Test
    void aPriorityZeroAdvertToTheMasterIsAnsweredAtOnceAndRestartsItsTimer() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = masterAt3550(net);
        net.inject(m, "198.51.100.12", 0, 100);
        net.runUntil(5_600 * MS);
        assertEquals(List.of(3550L, 4550L, 5550L), m.advertMillisSince(3_550 * MS));
        assertTrue(m.log.contains("3550ms announce"), "and announces again: " + m.log);
    }

    @Test
    void aBackupListeningAgainForgetsTheIntervalItLearned() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 100, true); // configured 1 s
        b.router.startup(0);
        net.inject(b, "198.51.100.11", 200, 10); // a master every 100 ms
        net.runFor(0);
        assertEquals(10, b.router.masterAdverInterval());

        b.router.faultDetected(net.now(), "link down");
        net.runFor(1_000 * MS);
        b.router.faultCleared(net.now(), "link up");
        assertEquals(100, b.router.masterAdverInterval(), "the master it learned from may be gone");
        assertEquals(net.now() + Timers.masterDownInterval(100, 100), b.router.nextDeadline());

        net.inject(b, "198.51.100.11", 200, 10);
        net.runFor(0);
        b.router.shutdown(net.now());
        b.router.startup(net.now());
        assertEquals(100, b.router.masterAdverInterval(), "a restart too");
    }

    @Test
    void aV3MasterYieldingLearnsTheWinnersIntervalAndAV2MasterKeepsItsOwn() {
        for (int version : new int[]{2, 3}) {
            SimNetwork net = new SimNetwork(MS);
            SimRouter m = net.add("m", "198.51.100.11", 150, 100, true, 0, version);
            m.router.startup(0);
            net.runUntil(3_550 * MS);
            net.inject(m, "198.51.100.12", 200, version == 3 ? 50 : 200);
            net.runFor(0);
            assertEquals(State.BACKUP, m.state());
            int expected = version == 3 ? 50 : 100;
            assertEquals(expected, m.router.masterAdverInterval(), "v" + version);
            assertEquals(3_550 * MS + Timers.masterDownInterval(150, expected), m.router.nextDeadline(), "v" + version);
        }
    }

    @Test
    void aLoopWakingExactlyOneIntervalLateSendsOneAdvertAndWaitsAWholeInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 255, 10, true);
        a.router.startup(0); // advert at 0, next due at 100 ms
        a.clear();
        a.router.fireTimers(200 * MS, 0);
        assertEquals(1, a.adverts);
        assertEquals(300 * MS, a.router.nextDeadline());
        a.router.fireTimers(200 * MS, 0);
        assertEquals(1, a.adverts, "no second advert at the same instant");
    }

    @Test
    void aMasterLateByExactlyMasterDownIntervalIsStillOnTimeAndOneNanosecondMoreIsFrozen() {
        long mdi = Timers.masterDownInterval(200, 10);
        for (long extra : new long[]{0, 1}) {
            SimNetwork net = new SimNetwork(MS);
            SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
            m.router.startup(0);
            net.runFor(1_000 * MS);
            long due = m.router.nextDeadline();
            m.clear();
            m.router.fireTimers(due + mdi + extra, 0);
            if (extra == 0) {
                assertEquals(State.MASTER, m.state());
                assertEquals(1, m.adverts);
            } else {
                assertEquals(State.BACKUP, m.state());
                assertEquals(0, m.adverts);
                assertTrue(m.router.reason().startsWith("frozen for " + (mdi + 1) / MS + " ms"), m.router.reason());
            }
        }
    }

    @Test
    void aReloadAppliesANewIntervalFromTheNextAdvertAndKeepsVridAndVersion() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 255, 10, true);
        m.router.startup(0);
        RouterConfig c = m.router.config();
        m.router.reconfigure(new RouterConfig("m", c.vrid(), c.version(), 255, 50, true, 0, c.primaryAddress()));
        net.runUntil(700 * MS);
        assertEquals(List.of(0L, 100L, 600L), m.advertMillisSince(0), "the advert already due, then every 500 ms");
        assertEquals(50, m.router.config().advertIntervalCentis());

        assertThrows(IllegalArgumentException.class, () -> m.router.reconfigure(
                new RouterConfig("m", 52, 3, 255, 10, true, 0, c.primaryAddress())));
        assertThrows(IllegalArgumentException.class, () -> m.router.reconfigure(
                new RouterConfig("m", 51, 2, 255, 100, true, 0, c.primaryAddress())));
    }

    @Test
    void aReloadThatMakesTheRouterTheAddressOwnerGivesItPriority255() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        RouterConfig c = b.router.config();
        b.router.reconfigure(new RouterConfig("b", 51, 3, 255, 10, true, 0, c.primaryAddress()));
        assertEquals(255, b.router.priority());
        b.router.reconfigure(new RouterConfig("b", 51, 3, 120, 10, true, 0, c.primaryAddress()));
        assertEquals(255, b.router.priority(), "a lower configured priority comes through priorityChanged");
        b.router.priorityChanged(net.now(), 120);
        assertEquals(120, b.router.priority());
    }

    @Test
    void aBackupOrAFaultyRouterShutsDownQuietly() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        SimRouter f = net.add("f", "198.51.100.13", 100, 10, true);
        b.router.startup(0);
        f.router.startup(0);
        f.router.faultDetected(0, "link down");
        b.router.shutdown(10 * MS);
        f.router.shutdown(10 * MS);
        for (SimRouter r : List.of(b, f)) {
            assertEquals(State.INIT, r.state());
            assertEquals(Router.NEVER, r.router.nextDeadline());
            assertEquals(0, r.adverts);
            assertEquals("shutdown", r.router.reason());
            assertEquals(10 * MS, r.router.since());
        }
        net.runFor(10_000 * MS);
        assertEquals(State.INIT, b.state(), "nothing fires after a shutdown");
        b.router.shutdown(net.now());
        assertEquals(2, b.transitions.size(), "a second shutdown changes nothing");
    }

    @Test
    void aFaultyRouterIgnoresAdvertsAndTimersUntilCleared() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        b.router.faultDetected(0, "link down");
        b.router.faultDetected(5 * MS, "again");
        net.inject(b, "198.51.100.11", 200, 10);
        net.runFor(5_000 * MS);
        assertEquals(State.FAULT, b.state());
        assertEquals("link down", b.router.reason(), "a second fault is no second transition");
        assertEquals(null, b.router.masterAddress());
        b.router.faultCleared(net.now(), "link up");
        b.router.faultCleared(net.now(), "link up again");
        assertEquals(3, b.transitions.size(), "INIT->BACKUP->FAULT->BACKUP: " + b.transitions);
        assertFalse(b.holdsVips);
    }
}
