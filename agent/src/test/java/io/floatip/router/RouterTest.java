package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9568 6.4 scenarios in virtual time: events in, actions and states out. */
class RouterTest {

    @Test
    void startsAsBackupAndBecomesMasterAfterMasterDownInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 150, 10, true);
        a.router.startup(net.now());
        assertEquals(State.BACKUP, a.state());
        assertEquals(List.of("0ms INIT->BACKUP"), a.log);

        long mdi = Timers.masterDownInterval(150, 10); // 341.40625 ms
        net.runUntil(mdi - 1);
        assertEquals(State.BACKUP, a.state(), "not before Master_Down_Interval");
        net.runUntil(mdi);
        assertEquals(State.MASTER, a.state());
        assertEquals(List.of("0ms INIT->BACKUP", "341ms claim", "341ms advert 150", "341ms BACKUP->MASTER"), a.log,
                "claims (and announces) before it advertises");
    }

    @Test
    void masterAdvertisesEveryIntervalWithoutDrift() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 255, 10, true);
        a.router.startup(0);
        assertEquals(State.MASTER, a.state(), "the owner does not wait");
        a.clear();
        net.runUntil(1000 * MS);
        assertEquals(10, a.adverts, "one advert each 100 ms: " + a.log);
        assertEquals("1000ms advert 255", a.log.get(a.log.size() - 1));
    }

    @Test
    void aLateLoopDoesNotBurstAdverts() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 255, 10, true);
        a.router.startup(0);
        a.clear();
        a.router.fireTimers(350 * MS, 0); // the loop woke 250 ms late, within Master_Down_Interval (300 ms)
        assertEquals(1, a.adverts);
        assertEquals(450 * MS, a.router.nextDeadline());
    }

    @Test
    void aMasterFrozenLongerThanMasterDownIntervalStepsDownInsteadOfFighting() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        m.router.startup(0);
        b.router.startup(0);
        net.runFor(1_000 * MS);
        // SIGSTOP: m stops taking part; b takes over after its Master_Down_Interval.
        m.connected = false;
        SimRouter frozen = m;
        net.routers.remove(frozen);
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.state());
        // SIGCONT: m's loop wakes with its advert timer 900+ ms overdue.
        net.routers.add(frozen);
        frozen.connected = true;
        m.clear();
        net.runFor(0);
        assertEquals(State.BACKUP, m.state(), "stepped down: " + m.log);
        assertEquals(0, m.adverts, "it did not advertise over the new master first");
        assertFalse(m.holdsVips);
        // Then the ordinary preemption, one Master_Down_Interval later, clean: b steps down on m's first advert.
        net.runFor(Timers.masterDownInterval(200, 10) + 2 * MS);
        assertEquals(State.MASTER, m.state());
        assertEquals(State.BACKUP, b.state());
    }

    @Test
    void higherPriorityAdvertMakesTheMasterStepDown() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 100, 10, true);
        a.router.startup(0);
        net.runFor(400 * MS);
        assertEquals(State.MASTER, a.state());
        a.clear();

        net.inject(a, "198.51.100.12", 200, 10);
        net.runFor(0);
        assertEquals(State.BACKUP, a.state());
        assertEquals(List.of("400ms release", "400ms MASTER->BACKUP", "400ms advert 0 as backup"), a.log,
                "yields, then says so with priority 0, so a winner that never heard it knows to announce again; the "
                        + "VIPs go first (one left would answer the winner's ARPs from the virtual MAC), and the "
                        + "priority 0 is a backup's (not from the virtual MAC)");
        assertEquals("198.51.100.12", a.router.masterAddress().getHostAddress());
        assertEquals(400 * MS + Timers.masterDownInterval(100, 10), a.router.nextDeadline());
    }

    @Test
    void lowerPriorityBackupStaysBackupWhileTheMasterAdvertises() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter master = net.add("m", "198.51.100.11", 200, 10, true);
        SimRouter backup = net.add("b", "198.51.100.12", 100, 10, true);
        master.router.startup(0);
        backup.router.startup(0);
        net.runFor(10_000 * MS);
        assertEquals(State.MASTER, master.state());
        assertEquals(State.BACKUP, backup.state());
        assertFalse(backup.holdsVips);
        assertEquals(List.of("0ms INIT->BACKUP"), backup.log);
    }

    @Test
    void higherPriorityBackupWithPreemptOffDoesNotTakeOver() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
        low.router.startup(0);
        net.runFor(500 * MS);
        assertEquals(State.MASTER, low.state());

        SimRouter high = net.add("high", "198.51.100.12", 200, 10, false);
        high.router.startup(net.now());
        net.runFor(10_000 * MS);
        assertEquals(State.MASTER, low.state());
        assertEquals(State.BACKUP, high.state());
        assertFalse(high.holdsVips);
        assertEquals(1, high.transitions.size(), "never took over in the whole run: " + high.transitions);
        assertEquals(List.of(), low.transitionsSince(500 * MS));
    }

    @Test
    void higherPriorityBackupWithPreemptOnTakesOverAfterMasterDownInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
        low.router.startup(0);
        net.runFor(500 * MS);

        SimRouter high = net.add("high", "198.51.100.12", 200, 10, true);
        long start = net.now();
        high.router.startup(start);
        net.runUntil(start + Timers.masterDownInterval(200, 10) - 1);
        assertEquals(State.BACKUP, high.state());
        net.runUntil(start + Timers.masterDownInterval(200, 10));
        assertEquals(State.MASTER, high.state());
        net.runFor(2 * MS); // the advert reaches the old master
        assertEquals(State.BACKUP, low.state());
        assertFalse(low.holdsVips);
        assertTrue(high.holdsVips);
    }

    @Test
    void preemptDelayHoldsPreemptionBackAfterStartup() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
        low.router.startup(0);
        net.runFor(500 * MS);

        SimRouter high = net.add("high", "198.51.100.12", 200, 10, true, 2_000 * MS, 3);
        long start = net.now();
        high.router.startup(start);
        net.runUntil(start + 2_000 * MS);
        assertEquals(State.BACKUP, high.state(), "still inside preempt_delay");
        // After the delay, lower adverts are ignored and the master down timer runs out.
        net.runUntil(start + 2_000 * MS + Timers.masterDownInterval(200, 10) + 2 * MS);
        assertEquals(State.MASTER, high.state());
        assertEquals(State.BACKUP, low.state());
        assertEquals(2, high.transitions.size(), "one takeover in the whole run: " + high.transitions);
        net.runFor(10_000 * MS);
        assertEquals(2, high.transitions.size(), "and nothing after it: " + high.transitions);
        assertEquals(State.BACKUP, low.state());
    }

    @Test
    void priorityZeroAdvertShortensTheWaitToSkewTime() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 100, true);
        b.router.startup(0);
        net.inject(b, "198.51.100.11", 200, 100);
        net.runFor(1_000 * MS);
        assertEquals(State.BACKUP, b.state());

        long t = net.now();
        net.inject(b, "198.51.100.11", 0, 100);
        net.runFor(0);
        long skew = Timers.skewTime(100, 100); // 609.375 ms instead of 3.6 s
        assertEquals(t + skew, b.router.nextDeadline());
        net.runUntil(t + skew - 1);
        assertEquals(State.BACKUP, b.state());
        net.runUntil(t + skew);
        assertEquals(State.MASTER, b.state());
    }

    @Test
    void equalPriorityIsDecidedByTheHigherPrimaryAddress() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter low = net.add("low", "198.51.100.11", 100, 10, true);
        SimRouter high = net.add("high", "198.51.100.12", 100, 10, true);
        low.router.startup(0);
        high.router.startup(0);
        net.runFor(2_000 * MS);
        assertEquals(State.MASTER, high.state());
        assertEquals(State.BACKUP, low.state());
        assertFalse(low.holdsVips);
        assertEquals(List.of(), low.transitionsSince(1_000 * MS), "settled, and nothing after: " + low.transitions);
        assertEquals(List.of(), high.transitionsSince(1_000 * MS), "" + high.transitions);
    }

    @Test
    void addressComparisonIsUnsigned() {
        assertTrue(Addresses.compare(SimNetwork.addr("198.51.100.200"), SimNetwork.addr("198.51.100.12")) > 0);
    }

    @Test
    void v3BackupLearnsTheMastersInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 100, true); // configured 1 s
        b.router.startup(0);
        net.inject(b, "198.51.100.11", 200, 10);                       // master sends every 100 ms
        net.runFor(0);
        assertEquals(10, b.router.masterAdverInterval());
        assertEquals(Timers.masterDownInterval(100, 10), b.router.nextDeadline());
    }

    @Test
    void v2BackupKeepsItsOwnInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 100, true, 0, 2);
        b.router.startup(0);
        net.inject(b, "198.51.100.11", 200, 200);
        net.runFor(0);
        assertEquals(100, b.router.masterAdverInterval());
    }

    @Test
    void shutdownAsMasterSendsPriorityZeroAndReleases() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        m.router.startup(0);
        b.router.startup(0);
        net.runFor(1_000 * MS);
        m.clear();
        long t = net.now();
        m.router.shutdown(t);
        assertEquals(List.of("1000ms advert 0", "1000ms release", "1000ms MASTER->INIT"), m.log);
        net.runUntil(t + MS + Timers.skewTime(100, 10));
        assertEquals(State.MASTER, b.state(), "backup takes over after Skew_Time, not Master_Down_Interval");
    }

    @Test
    void interfaceDownGivesFaultAndReleasesAndUpListensAgain() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
        m.router.startup(0);
        net.runFor(500 * MS);
        m.clear();
        m.router.faultDetected(net.now(), "link down");
        assertEquals(List.of("500ms advert 0", "500ms release", "500ms MASTER->FAULT"), m.log,
                "a master hands over with priority 0 before it releases");
        net.runFor(5_000 * MS);
        assertEquals(3, m.log.size(), "a FAULT router sends nothing more: " + m.log);
        m.router.faultCleared(net.now(), "link up");
        assertEquals(State.BACKUP, m.state());
    }

    @Test
    void masterHearingALowerPriorityMasterAssertsAndAnnouncesOncePerInterval() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
        m.router.startup(0);
        net.runFor(500 * MS);
        m.clear();
        for (int i = 0; i < 50; i++) { // a flood of lower-priority adverts within one interval
            net.inject(m, "198.51.100.12", 100, 10);
        }
        net.runFor(0);
        assertEquals(List.of("500ms advert 200", "500ms announce"), m.log);
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void partitionHealsWithTheLowerPriorityMasterSteppingDown() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 10, true);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        m.router.startup(0);
        b.router.startup(0);
        net.runFor(1_000 * MS);
        b.connected = false;
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.state(), "both are master while cut off");
        b.connected = true;
        m.clear();
        net.runFor(100 * MS + 2 * MS);
        assertEquals(State.BACKUP, b.state(), "within one advert interval of the heal");
        assertTrue(m.holdsVips);
        assertFalse(b.holdsVips);
        assertTrue(m.log.stream().anyMatch(l -> l.endsWith("announce")),
                "the winner announces again, whichever heard the other first: " + m.log);
        long healed = net.now();
        net.runFor(10_000 * MS);
        assertEquals(List.of(), b.transitionsSince(healed), "b stays backup: " + b.transitions);
        assertEquals(2, m.transitions.size(), "m was master throughout: " + m.transitions);
    }

    @Test
    void priorityChangeIsAdvertisedAtOnce() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 100, true);
        m.router.startup(0);
        net.runFor(3_500 * MS);
        m.clear();
        m.router.priorityChanged(net.now(), 140);
        assertEquals(List.of("3500ms advert 140"), m.log);
        assertEquals(140, m.router.priority());
    }

    @Test
    void theOwnersPriorityNeverChanges() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 255, 100, true);
        m.router.startup(0);
        m.router.priorityChanged(0, 100);
        assertEquals(255, m.router.priority());
    }
}
