package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a router decides at the edges of RFC 9568 6.4's conditions, and the reason it gives an operator for each
 * transition (status and logs show it).
 */
class RouterDecisionsTest {

    private static String lastReason(SimRouter r) {
        return r.transitions.get(r.transitions.size() - 1).reason();
    }

    @Test
    void eachTakeoverSaysWhy() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter alone = net.add("alone", "198.51.100.11", 150, 10, true);
        alone.router.startup(0);
        net.runFor(500 * MS);
        assertEquals("no advert heard for Master_Down_Interval 341 ms", lastReason(alone));

        SimRouter silent = net.add("silent", "198.51.100.12", 100, 10, true, 0, 3);
        silent.router.startup(net.now());
        net.runFor(1_000 * MS); // hears alone's adverts
        alone.connected = false;
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, silent.state());
        assertEquals("master 198.51.100.11 silent for 360 ms", lastReason(silent),
                "from its last advert, Master_Down_Interval 360.9 ms");
    }

    @Test
    void aStoppingMasterIsNamedInTheReason() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        net.inject(b, "198.51.100.11", 200, 10);
        net.runFor(50 * MS);
        assertEquals(200, b.router.masterPriority(), "a backup reports the master it hears");
        net.inject(b, "198.51.100.11", 0, 10);
        net.runFor(1_000 * MS);
        assertEquals("master 198.51.100.11 stopped (priority 0 advert), took over after Skew_Time", lastReason(b));
        assertEquals(100, b.router.masterPriority(), "a master reports its own priority");
        assertEquals(50 * MS + Timers.skewTime(100, 10), b.router.since());
    }

    @Test
    void aMasterYieldsToEqualPriorityOnlyFromAGreaterAddress() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.12", 100, 10, true);
        m.router.startup(0);
        net.runFor(500 * MS);
        net.inject(m, "198.51.100.12", 100, 10); // the same address: not "greater than" (RFC 9568 6.4.3)
        net.inject(m, "198.51.100.11", 100, 10);
        net.runFor(0);
        assertEquals(State.MASTER, m.state());
        net.inject(m, "198.51.100.13", 100, 10);
        net.runFor(0);
        assertEquals(State.BACKUP, m.state());
        assertEquals("equal priority advert from higher address 198.51.100.13", lastReason(m));
        SimNetwork net2 = new SimNetwork(MS);
        SimRouter m2 = net2.add("m2", "198.51.100.12", 100, 10, true);
        m2.router.startup(0);
        net2.runFor(500 * MS);
        net2.inject(m2, "198.51.100.11", 101, 10);
        net2.runFor(0);
        assertEquals("higher priority advert from 198.51.100.11 (101 > 100)", lastReason(m2));
        assertEquals(101, m2.router.masterPriority());
    }

    @Test
    void aMasterAnnouncesAgainToALowerMasterOncePerIntervalToTheNanosecond() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = net.add("m", "198.51.100.11", 200, 100, true); // 1 s adverts
        m.router.startup(0);
        net.runUntil(3_500 * MS);
        m.clear();
        long t = net.now();
        net.inject(m, "198.51.100.12", 100, 100);
        net.runUntil(t + 1_000 * MS - 1);
        net.inject(m, "198.51.100.12", 100, 100); // 1 ns short of an interval: rate-limited
        net.runFor(1);
        net.inject(m, "198.51.100.12", 100, 100); // exactly one interval after the first: asserts again
        net.runFor(0);
        assertEquals(List.of("3500ms announce", "4500ms announce"),
                m.log.stream().filter(l -> l.endsWith("announce")).toList(), "" + m.log);
        assertEquals(State.MASTER, m.state());
    }

    @Test
    void preemptDelayEndsAtItsInstant() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter high = net.add("high", "198.51.100.12", 200, 10, true, 2_000 * MS, 3);
        high.router.startup(0);
        for (long t = 0; t < 2_000 * MS; t += 100 * MS) {
            net.runUntil(t);
            net.inject(high, "198.51.100.11", 100, 10);
        }
        net.runUntil(2_000 * MS);
        net.inject(high, "198.51.100.11", 100, 10); // at the instant the delay ends: no longer waits for it
        net.runFor(Timers.masterDownInterval(200, 10));
        assertEquals(State.MASTER, high.state());
        assertEquals(2_000 * MS - 100 * MS + Timers.masterDownInterval(200, 10), high.router.since(),
                "from the last advert heard inside the delay");
        assertEquals("preempting lower priority master 198.51.100.11 (100 < 200)", lastReason(high));
    }

    @Test
    void addressesCompareAsUnsignedNumbersAndFamiliesBySize() {
        assertEquals(0, Addresses.compare(SimNetwork.addr("198.51.100.12"), SimNetwork.addr("198.51.100.12")));
        assertTrue(Addresses.compare(SimNetwork.addr("198.51.100.11"), SimNetwork.addr("198.51.100.12")) < 0);
        assertTrue(Addresses.compare(SimNetwork.addr("2001:db8::1"), SimNetwork.addr("198.51.100.12")) > 0);
        assertTrue(Addresses.compare(SimNetwork.addr("198.51.100.12"), SimNetwork.addr("2001:db8::1")) < 0);
    }

    @Test
    void aRouterReportsItsConfigurationAndItsMaster() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        assertEquals("not started", b.router.reason());
        assertEquals(State.INIT, b.state());
        b.router.startup(0);
        b.router.startup(0);
        assertEquals(1, b.transitions.size(), "a second startup changes nothing");
        assertEquals("b", b.router.config().name());
        assertNull(b.router.masterAddress());
        net.runFor(1_000 * MS);
        assertEquals("198.51.100.12", b.router.masterAddress().getHostAddress(), "its own, as master");
        assertFalse(b.router.drained());
        b.router.drain(net.now(), true, "maintenance");
        assertTrue(b.router.drained(), "status shows it");
        b.router.drain(net.now(), false, "done");
        assertFalse(b.router.drained());
    }
}
