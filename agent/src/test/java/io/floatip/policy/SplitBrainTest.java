package io.floatip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.protocol.PolicyDrop;
import io.floatip.protocol.WireDrop;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** The dual-master detector in virtual time: what confirms a conflict, what is a handover, what ends one. */
class SplitBrainTest {
    static final long MS = 1_000_000L;
    static final String MAC = "02:00:00:00:00:12";
    final InetAddress vip = address("198.51.100.50");
    final InetAddress peer = address("198.51.100.12");

    /** A port that records and a clock that runs the timers in order. */
    static final class World implements SplitBrain.Port {
        SplitBrain sb;
        long now;
        final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        final List<Conflict> conflicts = new ArrayList<>();
        final List<String> resolved = new ArrayList<>();
        final List<Long> probes = new ArrayList<>();
        final List<InetAddress> probedVips = new ArrayList<>();
        final List<Conflict> healed = new ArrayList<>();
        /** What the other holder does when probed: answers at once, until it gives the VIP up. */
        boolean peerAnswers;
        long answersUntil = Long.MAX_VALUE;

        @Override
        public void probe(InetAddress vip) {
            probes.add(now);
            probedVips.add(vip);
            if (peerAnswers && now < answersUntil) {
                sb.claimed(now, MAC);
            }
        }

        @Override
        public void schedule(long afterNanos, long term) {
            timers.add(new long[]{now + afterNanos, term});
        }

        @Override
        public void conflict(Conflict c) {
            conflicts.add(c);
        }

        @Override
        public void resolved(Conflict c, String why) {
            resolved.add(why);
        }

        @Override
        public void heal(Conflict c) {
            healed.add(c);
        }

        /** Runs the timers due up to {@code until}. */
        void runTo(long until) {
            while (!timers.isEmpty() && timers.peek()[0] <= until) {
                long[] t = timers.poll();
                now = t[0];
                sb.fired(now, t[1]);
            }
            now = until;
        }
    }

    World world(int intervalCentis) {
        World w = new World();
        w.sb = new SplitBrain(w, vip, intervalCentis);
        return w;
    }

    @Test
    void aGratuitousArpFromAnotherMacWhileMasterIsConfirmedByTheProbeWithinTwoSeconds() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC);
        w.runTo(8000 * MS);
        assertEquals(1, w.conflicts.size(), "one conflict");
        Conflict c = w.conflicts.get(0);
        assertEquals(ConflictCause.SILENT, c.cause());
        assertEquals(MAC, c.peerMac());
        assertNull(c.peerAddress());
        assertTrue(c.since() - 5000 * MS <= 2000 * MS, "within 2 s: " + (c.since() - 5000 * MS) / MS + " ms");
        assertTrue(c.describe(51, 3, 100, List.of(vip)).contains("the node at " + MAC + " answers for our VIP"),
                c.describe(51, 3, 100, List.of(vip)));
        assertTrue(w.probes.size() >= 2, "probed to confirm, then to keep watching: " + w.probes);
    }

    /** IPv6: the NA and the probe's answer do what ARP does; the lines write addresses as RFC 5952 does. */
    @Test
    void anIpv6VipsConflictIsProbedConfirmedAndEndedAlike() {
        InetAddress vip6 = address("2001:db8:5::50");
        InetAddress peer6 = address("fe80::ff:fe00:12");
        World w = new World();
        w.sb = new SplitBrain(w, vip6, 100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.now = 5000 * MS;
        w.sb.lowerAdvert(w.now, peer6, 100);
        w.sb.claimed(w.now, MAC);
        w.runTo(7000 * MS);
        assertEquals(1, w.conflicts.size());
        Conflict c = w.conflicts.get(0);
        assertEquals(ConflictCause.NOT_HEARD, c.cause());
        assertEquals(vip6, w.probedVips.get(0), "the Neighbor Solicitation asks for the VIP");
        assertEquals("peer fe80::ff:fe00:12 (" + MAC + ") advertises VRID 51 at priority 100, below ours, so our "
                + "adverts do not reach it (IP protocol 112 filtered on its side, or its unicast_peers omit us?); "
                + "both of us hold 2001:db8:5::50", c.describe(51, 3, 100, List.of(vip6)));
        w.peerAnswers = false; // the other node stepped down: its kernel no longer answers for the VIP
        w.runTo(10_000 * MS);
        assertEquals(List.of("the other holder no longer answers for 2001:db8:5::50"), w.resolved);
    }

    @Test
    void aHandoverIsNotAConflict() {
        // A node became master beside us, heard our next advert and stepped down: no answer to the probe.
        World w = world(100);
        w.sb.role(0, true);
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC);
        w.sb.lowerAdvert(w.now, peer, 100);
        w.runTo(10_000 * MS);
        assertTrue(w.conflicts.isEmpty(), "no conflict: " + w.conflicts);
        assertEquals(1, w.probes.size(), "probed once");
    }

    @Test
    void weSteppingDownIsNotAConflictEither() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC); // the higher node's takeover ARP
        w.sb.role(w.now + MS, false); // and its advert: we step down
        w.runTo(10_000 * MS);
        assertTrue(w.conflicts.isEmpty(), "no conflict: " + w.conflicts);
        assertTrue(w.probes.isEmpty(), "nothing to probe");
    }

    @Test
    void droppedAdvertsBeforeWeTookOverNameTheCauseAndThePeer() {
        World w = world(100);
        w.peerAnswers = true;
        for (long t = 0; t <= 3000 * MS; t += 1000 * MS) {
            w.sb.dropped(t, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100);
        }
        w.now = 3500 * MS;
        w.sb.role(w.now, true); // our master-down timer: the peer's adverts never counted
        for (long t = 4000 * MS; t <= 7000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100);
        }
        assertEquals(1, w.conflicts.size());
        Conflict c = w.conflicts.get(0);
        assertEquals(ConflictCause.AUTH_MISMATCH, c.cause());
        assertEquals(peer, c.peerAddress());
        assertEquals(100, c.peerPriority());
        assertTrue(c.since() - 3500 * MS <= 2000 * MS, (c.since() - 3500 * MS) / MS + " ms");
        assertEquals("peer 198.51.100.12 (" + MAC + ") advertises VRID 51 with a different password; both of us "
                + "hold 198.51.100.50", c.describe(51, 2, 100, List.of(vip)));
    }

    @Test
    void aVersionMismatchSaysBothVersions() {
        World w = world(100);
        w.peerAnswers = true;
        w.sb.role(0, true);
        for (long t = 0; t <= 3000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.VERSION_MISMATCH, peer, MAC, 100, 3, 100);
        }
        Conflict c = w.sb.conflict();
        assertNotNull(c);
        assertTrue(c.describe(51, 2, 100, List.of(vip)).contains("as VRRPv3, we speak VRRPv2"));
    }

    @Test
    void aLowerMasterWeHearDoesNotHearUs() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        for (long t = 1000 * MS; t <= 4000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.lowerAdvert(t, peer, 100);
        }
        Conflict c = w.sb.conflict();
        assertNotNull(c);
        assertEquals(ConflictCause.NOT_HEARD, c.cause());
        assertEquals(MAC, c.peerMac(), "the MAC that answered the probe is the lower master's");
        assertTrue(c.describe(51, 3, 100, List.of(vip)).contains("at priority 100, below ours"));
    }

    @Test
    void itEndsWhenTheSignsStopAndWhenWeStepDown() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.sb.claimed(0, MAC);
        w.runTo(2000 * MS);
        assertNotNull(w.sb.conflict());
        w.peerAnswers = false; // the other node gave up the VIP
        w.runTo(10_000 * MS);
        assertNull(w.sb.conflict());
        assertEquals(1, w.resolved.size());
        assertEquals("the other holder no longer answers for 198.51.100.50", w.resolved.get(0));
        assertEquals(1, w.healed.size(), "a silent peer is healed: " + w.healed);

        w.peerAnswers = true;
        w.sb.claimed(w.now, MAC);
        w.runTo(w.now + 2000 * MS);
        assertNotNull(w.sb.conflict());
        w.sb.role(w.now, false);
        assertNull(w.sb.conflict());
        assertEquals("we are no longer master", w.resolved.get(1));
    }

    @Test
    void onlyTheDropsThatNameASettingAreCauses() {
        assertEquals(ConflictCause.AUTH_MISMATCH, SplitBrain.cause(PolicyDrop.AUTH_MISMATCH));
        assertEquals(ConflictCause.UNKNOWN_PEER, SplitBrain.cause(PolicyDrop.UNKNOWN_PEER));
        assertNull(SplitBrain.cause(PolicyDrop.LOOP_BEHIND));
        assertNull(SplitBrain.cause(PolicyDrop.OWN_ADVERT));
        assertNull(SplitBrain.cause(WireDrop.BAD_CHECKSUM));
    }

    @Test
    void aLeavingMastersPriorityZeroIsNoSign() {
        World w = world(100);
        w.sb.role(0, true);
        w.sb.dropped(0, ConflictCause.AUTH_MISMATCH, peer, MAC, 0, 2, 100);
        w.runTo(5000 * MS);
        assertTrue(w.conflicts.isEmpty());
    }

    @Test
    void withoutAProbeTheConflictEndsAfterThreeQuietIntervals() {
        World w = new World();
        w.sb = new SplitBrain(w, null, 100); // IPv6: no probe
        w.sb.role(0, true);
        for (long t = 0; t <= 3000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.VERSION_MISMATCH, peer, MAC, 100, 2, 100);
        }
        assertNotNull(w.sb.conflict());
        assertTrue(w.healed.isEmpty(), "a version mismatch cannot be healed by adverts");
        w.runTo(5900 * MS);
        assertNotNull(w.sb.conflict(), "2.9 s without a sign");
        w.runTo(8000 * MS);
        assertNull(w.sb.conflict());
        assertTrue(w.resolved.get(0).startsWith("no sign of the other holder for"), w.resolved.toString());
        assertTrue(w.probes.isEmpty());
    }

    @Test
    void anUnknownPeerIsHealedWithItsAddress() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.sb.dropped(0, ConflictCause.UNKNOWN_PEER, peer, MAC, 150, 3, 100);
        w.runTo(2000 * MS);
        assertEquals(1, w.healed.size());
        assertEquals(peer, w.healed.get(0).peerAddress());
        assertEquals(MAC, w.healed.get(0).peerMac());
    }

    @Test
    void forgedAdvertsAloneAreNoConflict() {
        World w = world(100);
        w.sb.role(0, true);
        for (long t = 0; t <= 3000 * MS; t += 500 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.UNKNOWN_PEER, peer, "02:00:00:00:00:66", 200, 3, 100);
        }
        assertNull(w.sb.conflict(), "not reported: nothing answers for the VIP, so nobody else holds it");
        assertTrue(w.healed.isEmpty(), "not adopted");
    }

    @Test
    void yieldIsForTheLoserOfADroppedAdvertOnly() {
        InetAddress ours = address("198.51.100.11");
        Conflict higher = new Conflict(ConflictCause.AUTH_MISMATCH, peer, MAC, 200, 2, 100, 0);
        Conflict lower = new Conflict(ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100, 0);
        Conflict tie = new Conflict(ConflictCause.VERSION_MISMATCH, peer, MAC, 150, 3, 100, 0);
        Conflict silent = new Conflict(ConflictCause.SILENT, null, MAC, -1, 0, 0, 0);
        Conflict notHeard = new Conflict(ConflictCause.NOT_HEARD, peer, MAC, 100, 0, 0, 0);
        assertTrue(SplitBrain.yields(higher, 150, ours));
        assertTrue(!SplitBrain.yields(lower, 150, ours));
        assertTrue(SplitBrain.yields(tie, 150, ours), ".12 is the higher address");
        assertTrue(!SplitBrain.yields(tie, 150, address("198.51.100.13")));
        assertTrue(!SplitBrain.yields(silent, 1, ours), "no advert read: nothing to yield to");
        assertTrue(!SplitBrain.yields(notHeard, 1, ours), "the election runs there: the other side decides");
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theRoleAndTheRecentDropsAreWhatTheWatchWasTold() {
        World w = world(100);
        assertEquals(false, w.sb.master());
        w.sb.role(0, true);
        assertEquals(true, w.sb.master());
        assertEquals(false, w.sb.droppedRecently(0), "nothing dropped yet");
        w.sb.dropped(1000 * MS, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100);
        assertTrue(w.sb.droppedRecently(1000 * MS + w.sb.quiet()), "a drop counts for quiet(), its end included");
        assertEquals(false, w.sb.droppedRecently(1000 * MS + w.sb.quiet() + 1), "and no longer");
        w.sb.role(2000 * MS, false);
        assertEquals(false, w.sb.master());
    }

    @Test
    void yieldingNeedsTheOtherToWinTheElectionOutright() {
        Conflict sameNode = new Conflict(ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100, 0);
        assertEquals(false, SplitBrain.yields(sameNode, 100, peer), "equal priority and equal address: no winner");
        assertTrue(SplitBrain.yields(sameNode, 100, address("198.51.100.11")), "equal priority, its address higher");
        assertEquals(false, SplitBrain.yields(sameNode, 100, address("198.51.100.13")), "ours higher");
    }

    @Test
    void theCausesKeysAndTheIntervalLineAreWhatStatusAndTheLogShow() {
        assertEquals("auth_mismatch", ConflictCause.AUTH_MISMATCH.key());
        assertEquals("silent", ConflictCause.SILENT.key());
        Conflict c = new Conflict(ConflictCause.INTERVAL_MISMATCH, peer, MAC, 100, 2, 200, 0);
        assertEquals("peer 198.51.100.12 (" + MAC + ") advertises VRID 51 every 2000 ms, we every 1000 ms (VRRPv2 "
                + "drops another interval); both of us hold 198.51.100.50", c.describe(51, 2, 100, List.of(vip)));
    }

    @Test
    void aDroppedAdvertWithoutItsMacKeepsTheMacLearnedFromTheSameSource() {
        // No probe (IPv6): repeated drops confirm. The first drop came with the frame's MAC, the later ones not.
        World w = new World();
        w.sb = new SplitBrain(w, null, 100);
        w.sb.role(0, true);
        w.sb.dropped(1000 * MS, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100);
        for (long t = 2000 * MS; t <= 6000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.AUTH_MISMATCH, peer, null, 100, 2, 100);
        }
        assertEquals(1, w.conflicts.size(), "confirmed by the drops: " + w.conflicts);
        assertEquals(MAC, w.conflicts.get(0).peerMac(), "the same source's MAC");
        assertEquals(MAC, w.sb.conflict().peerMac());
    }

    @Test
    void withASlowIntervalTheOtherNodeHasAWholeIntervalToHearUsBeforeWeProbe() {
        // Adverts every 3 s: a node that became master beside us keeps answering for the VIP until our next
        // advert reaches it (at 6 s), then steps down. A probe before that would report a handover as a conflict.
        World w = world(300);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.answersUntil = 6000 * MS;
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC);
        w.runTo(20_000 * MS);
        assertTrue(w.conflicts.isEmpty(), "a handover, no conflict: " + w.conflicts);
        assertEquals(List.of(8050 * MS), w.probes, "one probe, one interval and 50 ms after the sign");
    }

    @Test
    void aPeerAdvertisingEveryThreeSecondsIsReportedWithoutAProbe() {
        // IPv6, so no probe: the dropped adverts confirm, and the next one comes a whole peer interval later.
        World w = new World();
        w.sb = new SplitBrain(w, null, 100);
        w.sb.role(0, true);
        for (long t = 1000 * MS; t <= 13_000 * MS; t += 3000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.INTERVAL_MISMATCH, peer, MAC, 100, 3, 300);
        }
        w.runTo(14_000 * MS);
        assertEquals(1, w.conflicts.size(), "confirmed by its next advert 3 s on: " + w.conflicts);
        assertEquals(4200 * MS, w.conflicts.get(0).since(), "its second advert at 4 s, then 200 ms of grace");
        assertTrue(w.resolved.isEmpty(), "a sign every 3 s keeps it: " + w.resolved);
    }

    @Test
    void withATwoSecondIntervalTwoLostAdvertsDoNotEndTheConflict() {
        // No probe: the dropped adverts keep the conflict. Two lost adverts are a 6 s gap, inside 3 intervals.
        World w = new World();
        w.sb = new SplitBrain(w, null, 200);
        w.sb.role(0, true);
        for (long t = 0; t <= 30_000 * MS; t += 2000 * MS) {
            w.runTo(t);
            if (t != 14_000 * MS && t != 16_000 * MS) {
                w.sb.dropped(t, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 200);
            }
        }
        assertEquals(1, w.conflicts.size(), w.conflicts.toString());
        assertTrue(w.resolved.isEmpty(), "not over and reported again: " + w.resolved);
    }

    @Test
    void theEndSaysHowLongTheOtherHolderWasQuiet() {
        // No probe; confirmed at 2.4 s (the sign at 2.2 s and its grace), rechecked every second from there. The
        // last sign at 3.4 s is exactly quiet() (3 s) old at 6.4 s and still counts, so the conflict ends at 7.4 s.
        World w = new World();
        w.sb = new SplitBrain(w, null, 100);
        w.sb.role(0, true);
        for (long t : new long[]{200 * MS, 1200 * MS, 2200 * MS, 3400 * MS}) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.VERSION_MISMATCH, peer, MAC, 100, 2, 100);
        }
        assertEquals(2400 * MS, w.conflicts.get(0).since());
        w.runTo(6400 * MS);
        assertNotNull(w.sb.conflict(), "a sign exactly quiet() old still counts, as droppedRecently says");
        w.runTo(10_000 * MS);
        assertEquals(List.of("no sign of the other holder for 4000 ms"), w.resolved);
    }

    @Test
    void aHolderThatKeepsAnsweringKeepsTheConflictForAsLongAsItDoes() {
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.sb.claimed(0, MAC);
        w.runTo(60_000 * MS);
        assertEquals(1, w.conflicts.size());
        assertTrue(w.resolved.isEmpty(), "an answer at the probe's own instant is an answer: " + w.resolved);
        assertTrue(w.probes.size() >= 55, "probed about once a second: " + w.probes.size());
    }

    @Test
    void aTakeoverArpJustBeforeTheCheckEndsIsNotAConflictWhenWeStepDown() {
        // The sign comes 50 ms before the check's end (1050 + 1100 ms); the higher node's advert makes us step
        // down 100 ms later, inside the 200 ms grace: a preemption, not a conflict.
        World w = world(100);
        w.sb.role(0, true);
        w.sb.lowerAdvert(0, peer, 100);
        w.runTo(2100 * MS);
        w.sb.claimed(w.now, MAC);
        w.runTo(2200 * MS);
        w.sb.role(w.now, false);
        w.runTo(5000 * MS);
        assertTrue(w.conflicts.isEmpty(), "no conflict: " + w.conflicts);
    }

    @Test
    void aSecondHandoverLongAfterTheFirstIsNotAConflictEither() {
        World w = world(100);
        w.sb.role(0, true);
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC); // a node took over beside us, heard us and stepped down: the probe is unanswered
        w.runTo(15_000 * MS);
        w.sb.claimed(w.now, MAC); // and again, 10 s later: a new check, not the old one's confirmation
        w.runTo(40_000 * MS);
        assertTrue(w.conflicts.isEmpty(), "no conflict: " + w.conflicts);
        assertEquals(2, w.probes.size(), "one probe per check: " + w.probes);
    }

    @Test
    void anAdvertFromOneMacAndAnArpFromAnotherAreNotOneNode() {
        // Adverts from an unknown source (MAC 66) and the VIP answered by MAC 12: the report keeps the advert's
        // address with its own MAC, and the unknown source's adverts are not taken (they may be forged).
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        String other = "02:00:00:00:00:66";
        for (long t = 0; t <= 3000 * MS; t += 1000 * MS) {
            w.runTo(t);
            w.sb.dropped(t, ConflictCause.UNKNOWN_PEER, peer, other, 150, 3, 100);
        }
        Conflict c = w.sb.conflict();
        assertNotNull(c);
        assertEquals(peer, c.peerAddress());
        assertEquals(other, c.peerMac());
        assertTrue(w.healed.isEmpty(), "not healed: " + w.healed);
    }

    @Test
    void aLowerMasterIsReportedWithItsOwnMacNotAnEarlierPeers() {
        // .13's advert was dropped while we were backup; as master we hear .12, a lower master advertising every
        // 3 s, and the probe 1.05 s after its advert is answered: the conflict is .12's, with the MAC that answered.
        World w = world(100);
        w.sb.dropped(0, ConflictCause.AUTH_MISMATCH, address("198.51.100.13"), "02:00:00:00:00:13", 100, 2, 100);
        w.now = 10_000 * MS;
        w.sb.role(w.now, true);
        w.peerAnswers = true;
        w.sb.lowerAdvert(w.now, peer, 100);
        w.runTo(12_000 * MS);
        Conflict c = w.sb.conflict();
        assertNotNull(c);
        assertEquals(ConflictCause.NOT_HEARD, c.cause());
        assertEquals(peer, c.peerAddress());
        assertEquals(MAC, c.peerMac(), "the MAC answering for the VIP, not .13's");
    }

    @Test
    void aDualMasterThatBeganBeforeWeTookOverIsFoundByTheProbeAlone() {
        // The other node's takeover ARPs came while we were backup; then it sends nothing we see but still
        // answers for the VIP.
        World w = world(100);
        w.peerAnswers = true;
        for (long t = 0; t <= 3000 * MS; t += 1000 * MS) {
            w.sb.claimed(t, MAC);
        }
        w.now = 3500 * MS;
        w.sb.role(w.now, true);
        w.runTo(10_000 * MS);
        assertEquals(1, w.conflicts.size(), "found: " + w.conflicts);
        assertTrue(w.conflicts.get(0).since() <= 5500 * MS, "within 2 s of our takeover");
    }

    @Test
    void aConflictIsFoundAgainAfterWeStepDownAndComeBackAtOnce() {
        // The other holder only answers probes. Confirmed at 6.25 s; we step down at 6.3 s and are master again
        // at 6.4 s (a sync group's member flapped): a new check, whose probe at 7.45 s is answered again.
        World w = world(100);
        w.sb.role(0, true);
        w.peerAnswers = true;
        w.now = 5000 * MS;
        w.sb.claimed(w.now, MAC);
        w.runTo(6300 * MS);
        assertEquals(1, w.conflicts.size());
        w.sb.role(w.now, false);
        w.runTo(6400 * MS);
        w.sb.role(w.now, true);
        w.runTo(10_000 * MS);
        assertEquals(List.of("we are no longer master"), w.resolved);
        assertEquals(2, w.conflicts.size(), "reported again: " + w.conflicts);
        assertEquals(7650 * MS, w.conflicts.get(1).since(), "the new check's probe at 7.45 s and its grace");
    }

    @Test
    void aCheckAfterAFlapIsNotCutShortByATimerOfAnEarlierOne() {
        // A dropped advert from a peer advertising every 3 s starts a check (probe at 2.05 s, its answer awaited
        // until 5.15 s); we flap (backup at 2.1 s, master at 2.2 s) and that check ends unanswered at 4.35 s. At
        // 4.5 s the peer really takes the VIP: its ARP starts a new check, whose probe at 5.55 s it answers.
        World w = world(100);
        w.sb.role(0, true);
        w.sb.dropped(1000 * MS, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 300);
        w.runTo(2100 * MS);
        w.sb.role(w.now, false);
        w.runTo(2200 * MS);
        w.sb.role(w.now, true);
        w.runTo(2300 * MS);
        w.sb.dropped(w.now, ConflictCause.AUTH_MISMATCH, peer, MAC, 100, 2, 100);
        w.runTo(4500 * MS);
        assertTrue(w.conflicts.isEmpty(), w.conflicts.toString());
        w.peerAnswers = true;
        w.sb.claimed(w.now, MAC);
        w.runTo(10_000 * MS);
        assertEquals(1, w.conflicts.size(), "found: " + w.conflicts);
        assertEquals(5750 * MS, w.conflicts.get(0).since(), "the new check's probe at 5.55 s and its grace");
    }
}
