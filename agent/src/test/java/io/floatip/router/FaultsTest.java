package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Faults from several sources at once, and the router events they turn into. */
class FaultsTest {

    @Test
    void setSaysWhetherAnythingChanged() {
        Faults f = new Faults();
        assertFalse(f.set("link", null), "clearing what is not set");
        assertTrue(f.set("link", "link down"));
        assertFalse(f.set("link", "link down"), "the same reason again");
        assertTrue(f.set("link", "carrier lost"), "a new reason for the same source");
        assertTrue(f.set("link", null));
        assertFalse(f.any());
    }

    @Test
    void theSummaryNamesEverySourceInTheOrderTheyCame() {
        Faults f = new Faults();
        f.set("link", "link down");
        f.set("script", "chk failed");
        f.set(Faults.GROUP, "sync group A: VI_2 is in FAULT");
        assertEquals("link down; chk failed; sync group A: VI_2 is in FAULT", f.summary());
        assertTrue(f.own());
        f.set("link", null);
        f.set("script", null);
        assertTrue(f.any());
        assertFalse(f.own(), "only the group's hold is left");
    }

    @Test
    void applyMovesTheRouterIntoFaultWithTheSummaryAndOutWithTheGivenReason() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter r = net.add("r", "198.51.100.11", 100, 10, true);
        r.router.startup(0);
        Faults f = new Faults();
        f.apply(r.router, 0, "nothing to clear");
        assertEquals(State.BACKUP, r.state(), "no fault, not in FAULT: nothing to do");
        f.set("link", "link down");
        f.set("script", "chk failed");
        f.apply(r.router, MS, "unused");
        assertEquals(State.FAULT, r.state());
        assertEquals("link down; chk failed", r.router.reason());
        f.set("link", null);
        f.set("script", null);
        f.apply(r.router, 2 * MS, "link up");
        assertEquals(State.BACKUP, r.state());
        assertEquals("link up", r.router.reason());
    }
}
