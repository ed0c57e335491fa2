package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A VIP the kernel refuses: what a router sends, reports and waits for before it claims again. */
class RouterClaimFailureTest {
    private static final long S = 1_000 * MS;

    @Test
    void aFailedTakeoverStaysBackupSilentlyAndListensAWholeMasterDownIntervalBeforeTheNextTry() {
        // advert_interval 3 s: Master_Down_Interval is 10.83 s, longer than the back-off's first 5 s.
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 300, true);
        b.claimError = "cannot add VIP 198.51.100.50: Operation not permitted";
        b.router.startup(0);
        net.runFor(30 * S);
        assertEquals(List.of("10828ms claim failed", "10828ms advert 0 as backup", "10828ms release",
                "21656ms claim failed", "21656ms advert 0 as backup", "21656ms release"), b.log.subList(1, b.log.size()),
                "a priority 0 advert (as a backup: not from the virtual MAC, which stays the serving master's) and "
                        + "nothing held after each failure; the next try a Master_Down_Interval on");
        assertEquals(1, b.transitions.size(), "INIT->BACKUP only: it never left BACKUP");
        assertEquals(2, b.router.claimBackoff().failures());
        assertEquals(21_656_250_000L + 10 * S, b.router.claimBackoff().until(), "the second wait is 10 s");
        assertEquals(State.BACKUP, b.state());
    }

    @Test
    void aMasterWhoseNewVipIsRefusedHandsOverSaysForHowLongAndNamesNoMaster() {
        SimNetwork net = new SimNetwork(MS);
        SimRouter b = net.add("b", "198.51.100.12", 100, 10, true);
        b.router.startup(0);
        net.runFor(1 * S);
        assertEquals(State.MASTER, b.state());
        b.clear();
        b.claimError = "cannot add VIP 198.51.100.51: Operation not permitted";
        b.router.claimFailed(net.now(), b.claimError); // a reload's new VIP
        assertEquals(State.BACKUP, b.state());
        assertEquals("cannot add VIP 198.51.100.51: Operation not permitted; not preempting for 5 s",
                b.transitions.get(b.transitions.size() - 1).reason());
        assertNull(b.router.masterAddress(), "status names no master, not itself");
        assertEquals(List.of("1000ms advert 0", "1000ms release", "1000ms MASTER->BACKUP"), b.log);
        assertFalse(b.holdsVips);
        b.claimError = null; // the operator fixed it: alone, it takes the VIPs back when the 5 s are over
        net.runFor(10 * S);
        assertEquals(State.MASTER, b.state());
        assertEquals(6 * S, b.transitions.get(b.transitions.size() - 1).at());
        assertEquals(0, b.router.claimBackoff().failures(), "the claim that succeeded ended the episode");
    }
}
