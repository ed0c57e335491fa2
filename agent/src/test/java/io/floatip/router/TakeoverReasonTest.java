package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The reason a takeover gives (status and the log show it) names what happened last, never a lower master
 * heard before something that superseded it: a higher master followed, a fault, a term as master.
 */
class TakeoverReasonTest {
    private static final String LOWER = "198.51.100.9";

    private static String lastReason(SimRouter r) {
        return r.transitions.get(r.transitions.size() - 1).reason();
    }

    @Test
    void aHigherMasterFollowedAfterALowerOneIsTheOneNamedWhenItGoesSilent() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        net.inject(b, LOWER, 50, 10); // a lower master: b means to preempt it
        net.runFor(100 * MS);
        net.inject(b, "198.51.100.13", 200, 10); // then a higher one, which b follows; then it dies
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.state());
        assertEquals("master 198.51.100.13 silent for 360 ms", lastReason(b));
    }

    @Test
    void aFaultForgetsTheLowerMasterHeardBeforeIt() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        net.inject(b, LOWER, 50, 10);
        net.runFor(100 * MS);
        b.router.faultDetected(net.now(), "link down");
        net.runFor(100 * MS);
        b.router.faultCleared(net.now(), "link up");
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.state());
        assertEquals("no advert heard for Master_Down_Interval 360 ms", lastReason(b));
    }

    @Test
    void aTermAsMasterForgetsTheMasterItPreempted() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        net.inject(b, LOWER, 50, 10);
        net.runFor(500 * MS);
        assertEquals("preempting lower priority master " + LOWER + " (50 < 100)", lastReason(b));
        b.router.drain(net.now(), true, "maintenance"); // steps down; nobody else is heard
        net.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.state());
        assertTrue(lastReason(b).startsWith("no advert heard for Master_Down_Interval"), lastReason(b));
    }
}
