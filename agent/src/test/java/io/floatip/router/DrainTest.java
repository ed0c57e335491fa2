package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** floatip drain in virtual time: hand over at once, stay out while another router can serve, come back after. */
class DrainTest {

    private static SimRouter router(SimNetwork net, String name, String address, int priority) {
        try {
            SimRouter r = new SimRouter(net, new RouterConfig(name, 51, 3, priority, 10, true, 0,
                    InetAddress.getByName(address)));
            net.routers.add(r);
            return r;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static long masters(SimRouter r) {
        return r.log.stream().filter(l -> l.endsWith("->MASTER")).count();
    }

    @Test
    void aDrainedMasterHandsOverWithPriorityZeroAndStaysBackupUntilUndrained() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = router(net, "m", "198.51.100.11", 200);
        SimRouter b = router(net, "b", "198.51.100.12", 100);
        m.router.startup(0);
        b.router.startup(0);
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, m.state());
        m.clear();
        b.clear();
        long t = net.now();
        m.router.drain(t, true, "drained");
        assertEquals(List.of(t / MS + "ms advert 0", t / MS + "ms release", t / MS + "ms MASTER->BACKUP"), m.log);
        net.runFor(Timers.skewTime(100, 10) + 2 * MS);
        assertEquals(State.MASTER, b.state(), "the backup takes over after Skew_Time: " + b.log);
        net.runFor(10_000 * MS);
        assertEquals(State.BACKUP, m.state(), "a drained router never preempts: " + m.log);
        assertEquals(0, masters(m));
        assertEquals(1, masters(b), "no flap: " + b.log);
        m.router.priorityChanged(net.now(), 220); // tracking may change meanwhile: remembered, not applied
        assertEquals(Router.DRAINED_PRIORITY, m.router.priority());

        m.router.drain(net.now(), false, "undrained");
        assertEquals(220, m.router.priority(), "the priority tracking asked for while drained");
        net.runFor(2_000 * MS);
        assertEquals(State.MASTER, m.state(), "preempts in the ordinary way once undrained: " + m.log);
        assertEquals(State.BACKUP, b.state());
    }

    @Test
    void aDrainedRouterStillServesWhenNoOtherRouterIsHeard() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = router(net, "m", "198.51.100.11", 200);
        m.router.drain(0, true, "drained at start");
        m.router.startup(0);
        assertEquals(State.BACKUP, m.state());
        net.runFor(Timers.masterDownInterval(Router.DRAINED_PRIORITY, 10) + MS);
        assertEquals(State.MASTER, m.state(), "at least one holder: drained is the lowest priority, not off");
        assertEquals(Router.DRAINED_PRIORITY, m.router.priority());
    }

    @Test
    void anAddressOwnerCanBeDrainedAndComesBackAs255() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter o = router(net, "o", "198.51.100.11", 255);
        SimRouter b = router(net, "b", "198.51.100.12", 100);
        o.router.drain(0, true, "drained at start");
        o.router.startup(0);
        b.router.startup(0);
        assertEquals(State.BACKUP, o.state(), "a drained owner does not take over at startup");
        net.runFor(3_000 * MS);
        assertEquals(State.MASTER, b.state());
        assertEquals(State.BACKUP, o.state());
        o.router.drain(net.now(), false, "undrained");
        assertEquals(255, o.router.priority());
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, o.state());
        assertFalse(b.holdsVips);
        assertTrue(o.holdsVips);
    }

    /** A router that is master although drained: no other router is heard. */
    private static SimRouter drainedMaster(SimNetwork net) {
        SimRouter m = router(net, "m", "198.51.100.11", 200);
        m.router.drain(0, true, "drained at start");
        m.router.startup(0);
        net.runFor(Timers.masterDownInterval(Router.DRAINED_PRIORITY, 10) + 35 * MS);
        assertEquals(State.MASTER, m.state());
        assertEquals(Router.DRAINED_PRIORITY, m.router.priority());
        m.clear();
        return m;
    }

    @Test
    void anUndrainedMasterAdvertisesItsPriorityAtOnceAndKeepsTheIntervalFromThere() {
        // A backup that may preempt a priority-1 master must hear the real priority before its timer runs out.
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = drainedMaster(net);
        long t = net.now();
        m.router.drain(t, false, "undrained");
        net.runFor(250 * MS);
        assertEquals(List.of(t / MS + "ms advert 200", (t / MS + 100) + "ms advert 200",
                (t / MS + 200) + "ms advert 200"), m.log);
    }

    @Test
    void aRepeatedDrainOrUndrainChangesNothing() {
        // The operator may run floatip drain twice: a drained router serving alone must not hand over to nobody.
        SimNetwork net = new SimNetwork(MS);
        SimRouter m = drainedMaster(net);
        long t = net.now();
        m.router.drain(t, true, "drained again");
        assertEquals(List.of(), m.log);
        assertEquals(State.MASTER, m.state());
        m.router.drain(t, false, "undrained");
        m.router.drain(t, false, "undrained again");
        assertEquals(List.of(t / MS + "ms advert 200"), m.log, "one advert for the one change");
        assertTrue(m.holdsVips);
    }
}
