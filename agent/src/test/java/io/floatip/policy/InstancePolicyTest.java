package io.floatip.policy;

import static io.floatip.policy.PolicyBench.MS;
import static io.floatip.policy.PolicyBench.config;
import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import io.floatip.router.ClaimBackoff;
import io.floatip.router.Reason;
import io.floatip.router.State;
import io.floatip.router.Timers;
import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an instance decides beside its router, in virtual time with a recording port. */
class InstancePolicyTest {
    private static final VirtualIp A = vip("198.51.100.100");
    private static final VirtualIp B = vip("198.51.100.101");
    private static final VirtualIp C = vip("198.51.100.102");
    /** Master_Down_Interval at priority 100 and 100 ms adverts: 360.9375 ms. */
    private static final long MDI = Timers.masterDownInterval(100, 10);

    @Test
    void aFailedTakeoverClaimSendsOnlyPriorityZeroReleasesWhatWasAddedAndStaysBackup() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A, B));
        b.failing.put(B, "No such device");
        b.start();
        b.runUntil(MDI);
        assertEquals(State.BACKUP, b.router.state(), b.log.toString());
        assertEquals(List.of("360ms add [" + A + ", " + B + "]",
                "360ms announce [198.51.100.100, 198.51.100.101] x1",
                "360ms cannot claim " + B + ": No such device",
                "360ms claimed [" + A + "]",
                "360ms advert 0 as backup",
                "360ms remove " + A),
                b.log.subList(1, b.log.size()), "no advert at its priority, no transition; what was added goes");
        assertEquals(1, b.router.claimBackoff().failures());
        assertEquals(MDI + ClaimBackoff.FIRST_NANOS, b.router.claimBackoff().until());
        assertEquals("cannot add VIP " + B + ": No such device", b.router.claimBackoff().lastError());
    }

    @Test
    void aLoneNodeWhoseClaimsFailTriesAgainOnlyAsTheBackOffAllowsAndLogsOncePerEpisode() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A));
        b.failing.put(A, "Permission denied");
        b.start();
        b.runUntil(MDI + 3_600_000 * MS); // an hour alone, every claim failing
        List<String> adds = b.lines("add [");
        // 5, 10, 20, 40, 80, 160 s, then every 300 s.
        long at = MDI / MS;
        List<String> expected = new java.util.ArrayList<>();
        long wait = 5_000;
        while (at <= (MDI / MS) + 3_600_000) {
            expected.add(at + "ms add [" + A + "]");
            at += wait;
            wait = Math.min(300_000, wait * 2);
        }
        assertEquals(expected, adds);
        assertEquals(1, b.lines("cannot claim").size(), "one error line for the whole episode");
        assertEquals(List.of("0ms INIT->BACKUP (startup)"), b.lines("->"), "it never was MASTER");
        assertEquals(ClaimBackoff.MAX_NANOS, b.router.claimBackoff().waitNanos());

        b.failing.clear();
        b.runFor(300_000 * MS);
        assertEquals(State.MASTER, b.router.state(), "the next try succeeds");
        assertEquals(0, b.router.claimBackoff().failures(), "and ends the episode");
        assertEquals(1, b.lines("claimed [").size());
    }

    @Test
    void whileBackingOffItFollowsALowerMasterWithoutPreemptingAndPreemptsOnceTheBackOffEnds() {
        PolicyBench b = new PolicyBench(config(150, new GarpConfig(0, 1), A));
        b.failing.put(A, "Permission denied");
        b.start();
        b.heard("198.51.100.12", 100);
        for (int i = 1; i <= 400; i++) { // 40 s of a lower master advertising every 100 ms
            b.runFor(100 * MS);
            b.heard("198.51.100.12", 100);
        }
        assertEquals(State.BACKUP, b.router.state());
        assertEquals(List.of("0ms INIT->BACKUP (startup)"), b.lines("->"));
        // Each try: the back-off ends, the next lower advert is discarded, Master_Down_Interval (~341 ms) runs out.
        assertEquals(List.of("341ms add [" + A + "]", "5641ms add [" + A + "]", "15941ms add [" + A + "]",
                "36241ms add [" + A + "]"), b.lines("add ["), "tries 5 s, 10 s, 20 s after each failure");
        assertEquals(List.of("advert 0 as backup", "advert 0 as backup", "advert 0 as backup", "advert 0 as backup"),
                b.lines("advert").stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList(),
                "only priority 0 adverts (a backup's: not from the virtual MAC), one per failed try: none at 150 "
                        + "that would make the master yield");
        assertEquals(1, b.lines("cannot claim").size());

        // The master falls silent while we are backing off: at least one holder comes first.
        b.failing.clear();
        long silentFrom = b.now();
        b.runFor(1_000 * MS);
        assertEquals(State.MASTER, b.router.state(), "took over from the silent master despite the back-off");
        assertEquals(Reason.Code.MASTER_SILENT, b.router.why().code());
        assertTrue(b.router.since() - silentFrom < Timers.masterDownInterval(150, 10) + MS);
    }

    @Test
    void aSuccessfulClaimResetsTheBackOffToItsFirstStep() {
        PolicyBench b = new PolicyBench(config(150, new GarpConfig(0, 1), A));
        b.failing.put(A, "Permission denied");
        b.start();
        b.runUntil(60_000 * MS); // fails at 0.3 s, 5.3, 15.3, 35.3 s: the back-off is 40 s now
        assertEquals(4, b.router.claimBackoff().failures());
        b.failing.clear();
        b.runUntil(80_000 * MS);
        assertEquals(State.MASTER, b.router.state());
        b.heard("198.51.100.12", 200); // yields to a higher priority
        assertEquals(State.BACKUP, b.router.state());
        b.failing.put(A, "Permission denied");
        b.runFor(1_000 * MS); // the higher one went silent: take over, and the claim fails again
        assertEquals(1, b.router.claimBackoff().failures());
        assertEquals(ClaimBackoff.FIRST_NANOS, b.router.claimBackoff().waitNanos(), "a new episode starts at 5 s");
        assertEquals(2, b.lines("cannot claim").size(), "one line per episode");
    }

    @Test
    void aYieldingMasterDropsItsVipsThenSaysPriorityZeroAsABackup() {
        // With use_vmac a VIP left on the macvlan answers the winner's gratuitous ARPs from the virtual MAC, and
        // a priority 0 from it would do the same: the switch would send the VMAC's frames to the node letting go.
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A));
        b.start();
        b.runUntil(1_000 * MS);
        assertEquals(State.MASTER, b.router.state());
        b.log.clear();
        b.heard("198.51.100.12", 200);
        assertEquals(State.BACKUP, b.router.state());
        assertEquals(List.of("1000ms remove " + A, "1000ms advert 0 as backup"),
                b.log.stream().filter(l -> l.contains("ms remove ") || l.contains("ms advert ")).toList(),
                b.log.toString());
    }

    @Test
    void aReloadedVipThatCannotBeAddedMakesTheMasterHandOverAndBackOff() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A));
        b.start();
        b.runUntil(1_000 * MS);
        assertEquals(State.MASTER, b.router.state());
        b.failing.put(B, "Permission denied");
        b.policy.reconfigure(config(100, new GarpConfig(0, 1), A, B));
        b.runFor(0);
        assertEquals(State.BACKUP, b.router.state(), b.log.toString());
        assertEquals(Reason.Code.CLAIM_FAILED, b.router.why().code());
        assertEquals(List.of("1000ms advert 0", "1000ms remove " + A), b.log.subList(b.log.size() - 3,
                b.log.size() - 1), "hands over with priority 0 and releases what it held");
        assertTrue(b.router.reason().endsWith("not preempting for 5 s"), b.router.reason());
    }

    @Test
    void aGarpBurstScheduledInOneMasterTermNeverFiresInALaterOne() {
        // garp_master_delay 5 s (the second burst), garp_master_refresh 2 s, each burst twice.
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(5_000, 2, 2_000), A));
        b.start();
        b.runUntil(1_000 * MS); // term 1 from 360 ms: its second burst was due at 5360 ms, refreshes from 2360 ms
        b.heard("198.51.100.12", 200);
        assertEquals(State.BACKUP, b.router.state());
        b.runUntil(8_000 * MS); // the other master went quiet: term 2 from 1360 ms
        assertEquals(State.MASTER, b.router.state());
        assertEquals(List.of("360ms announce [198.51.100.100] x2", "1360ms announce [198.51.100.100] x2",
                        "3360ms announce [198.51.100.100] x2", "5360ms announce [198.51.100.100] x2",
                        "6360ms announce [198.51.100.100] x2", "7360ms announce [198.51.100.100] x2"),
                b.lines("announce"), "claims, term 2's refreshes at +2 s, +4 s, +6 s and its delayed burst at +5 s; "
                        + "nothing of term 1 after it ended");
    }

    @Test
    void noGarpTimersWithoutDelayOrRefresh() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 3), A));
        b.start();
        b.runUntil(60_000 * MS);
        assertEquals(List.of("360ms announce [198.51.100.100] x3"), b.lines("announce"));
    }

    @Test
    void aMasterTermEndsAtShutdownAndReleasesWhatItHeld() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(1_000, 1), A, B));
        b.start();
        b.runUntil(500 * MS);
        b.router.shutdown(b.now());
        b.runUntil(10_000 * MS);
        assertEquals(List.of("500ms advert 0", "500ms remove " + A, "500ms remove " + B,
                "500ms MASTER->INIT (shutdown (sent priority 0))"), b.log.subList(b.log.size() - 4, b.log.size()));
        assertEquals(1, b.lines("announce").size(), "the delayed burst of the ended term never went out");
    }

    @Test
    void aMasterHeardAgainAnnouncesAtMostOncePerInterval() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A));
        b.start();
        b.runUntil(500 * MS);
        b.heard("198.51.100.12", 0); // another master gave up: announce again
        b.heard("198.51.100.12", 0);
        assertEquals(2, b.lines("announce").size(), b.log.toString());
    }

    @Test
    void aReloadChangesTheVipsOfAMasterInPlace() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 2), A, B));
        b.start();
        b.runUntil(500 * MS);
        b.log.clear();
        b.policy.reconfigure(config(120, new GarpConfig(0, 2), A, C));
        assertEquals(List.of("500ms remove " + B, "500ms add [" + C + "]", "500ms announce [198.51.100.102] x2",
                "500ms claimed [" + C + "]"), b.log, "the gone VIP released, the new one claimed and announced alone");
        assertEquals(List.of(A.address(), C.address()), b.policy.addresses(), "adverts carry the new list");
        assertEquals(120, b.router.config().priority());
        assertEquals(State.MASTER, b.router.state());
        b.router.shutdown(b.now());
        assertEquals(List.of("500ms remove " + B, "500ms remove " + A, "500ms remove " + C), b.lines("remove"),
                "it held A and C after the reload");
    }

    @Test
    void whatItHoldsAndWhetherItIsMasterAreWhatStatusAndAStoppingThreadRead() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A, B));
        b.start();
        assertFalse(b.policy.master());
        assertEquals(List.of(), b.policy.heldVips());
        b.runUntil(500 * MS);
        assertTrue(b.policy.master(), "a stopping thread sends its priority 0 advert only in a master term");
        assertEquals(List.of(A, B), b.policy.heldVips());
        InstanceConfig next = config(120, new GarpConfig(0, 1), C, A);
        b.policy.reconfigure(next);
        assertSame(next, b.policy.config(), "adverts and status read the reloaded config from now on");
        assertEquals(List.of(C, A), b.policy.heldVips(), "in the reloaded config's order");
        assertTrue(b.policy.holds(C));
        assertFalse(b.policy.holds(B));
        b.heard("198.51.100.12", 200);
        assertFalse(b.policy.master());
        assertEquals(List.of(), b.policy.heldVips());
        assertFalse(b.policy.holds(A));
    }

    @Test
    void aReloadChangesNothingOnTheLinkOfABackup() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A, B));
        b.start();
        b.log.clear();
        b.policy.reconfigure(config(100, new GarpConfig(0, 1), C));
        assertEquals(List.of(), b.log);
        b.runUntil(MDI);
        assertEquals(List.of("360ms add [" + C + "]"), b.lines("add"), "it claims the new list when it takes over");
    }

    @Test
    void unicastPeersAreAskedForEverySecondUntilKnownThenEveryTenSeconds() throws Exception {
        UnicastPeer p1 = UnicastPeer.of((Inet4Address) PolicyBench.ip("198.51.100.12"));
        UnicastPeer p2 = UnicastPeer.of((Inet4Address) PolicyBench.ip("198.51.100.13"));
        PolicyBench b = new PolicyBench(PolicyBench.unicast(p1, p2));
        b.policy.resolvePeers();
        b.runUntil(2_500 * MS);
        b.peersResolved = true;
        b.runUntil(30_000 * MS);
        assertEquals(List.of("0ms arp 198.51.100.12", "0ms arp 198.51.100.13", "1000ms arp 198.51.100.12",
                "1000ms arp 198.51.100.13", "2000ms arp 198.51.100.12", "2000ms arp 198.51.100.13",
                "3000ms arp 198.51.100.12", "3000ms arp 198.51.100.13", "13000ms arp 198.51.100.12",
                "13000ms arp 198.51.100.13", "23000ms arp 198.51.100.12", "23000ms arp 198.51.100.13"), b.log);
    }

    @Test
    void multicastInstancesResolveNoPeers() {
        PolicyBench b = new PolicyBench(config(100, new GarpConfig(0, 1), A));
        b.policy.resolvePeers();
        b.runUntil(30_000 * MS);
        assertTrue(b.log.isEmpty(), b.log.toString());
    }
}
