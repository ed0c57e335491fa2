package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each transition carries a code beside its line, so nothing has to parse the line back. */
class ReasonTest {

    private static void assertWhy(SimRouter r, State state, Reason.Code code, String detail) {
        assertEquals(state, r.state());
        assertEquals(code, r.router.why().code());
        assertEquals(detail, r.router.why().detail());
        assertEquals(detail, r.router.reason(), "the line reads as before");
        assertEquals(detail, String.valueOf(r.router.why()), "a log's {} prints the line, not the record");
    }

    @Test
    void everyTransitionOfAnOrdinaryRunHasItsCode() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter a = net.add("a", "198.51.100.11", 100, 10, true);
        assertEquals(Reason.Code.NOT_STARTED, a.router.why().code());
        a.router.startup(0);
        assertWhy(a, State.BACKUP, Reason.Code.STARTUP, "startup");
        net.runFor(400 * MS);
        assertWhy(a, State.MASTER, Reason.Code.NO_ADVERT, "no advert heard for Master_Down_Interval 360 ms");
        net.inject(a, "198.51.100.12", 200, 10);
        net.runFor(0);
        assertWhy(a, State.BACKUP, Reason.Code.HIGHER_PRIORITY,
                "higher priority advert from 198.51.100.12 (200 > 100)");
        net.runFor(400 * MS);
        assertWhy(a, State.MASTER, Reason.Code.MASTER_SILENT, "master 198.51.100.12 silent for 360 ms");
        a.router.faultDetected(net.now(), "interface eth0 is down");
        assertWhy(a, State.FAULT, Reason.Code.FAULT, "interface eth0 is down");
        a.router.faultCleared(net.now(), "interface eth0 is up");
        assertWhy(a, State.BACKUP, Reason.Code.FAULT_CLEARED, "interface eth0 is up");
        a.router.takeOver(net.now(), "sync group G: VI_2 is MASTER");
        assertWhy(a, State.MASTER, Reason.Code.SYNC_GROUP, "sync group G: VI_2 is MASTER");
        a.router.shutdown(net.now());
        assertWhy(a, State.INIT, Reason.Code.SHUTDOWN, "shutdown (sent priority 0)");
    }

    @Test
    void theOwnerAndAnEqualPriorityFromAHigherAddressHaveTheirs() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter owner = net.add("o", "198.51.100.11", 255, 10, true);
        owner.router.startup(0);
        assertWhy(owner, State.MASTER, Reason.Code.ADDRESS_OWNER, "startup: address owner (priority 255)");
        SimNetwork other = new SimNetwork(MS);
        SimRouter low = other.add("l", "198.51.100.11", 100, 10, true);
        low.router.startup(0);
        other.runFor(400 * MS);
        assertEquals(State.MASTER, low.state());
        other.inject(low, "198.51.100.12", 100, 10);
        other.runFor(0);
        assertEquals(State.BACKUP, low.state());
        assertEquals(Reason.Code.EQUAL_PRIORITY_HIGHER_ADDRESS, low.router.why().code());
        assertEquals(Reason.Code.EQUAL_PRIORITY_HIGHER_ADDRESS.name().toLowerCase(),
                Reason.Code.EQUAL_PRIORITY_HIGHER_ADDRESS.key());
    }
}
