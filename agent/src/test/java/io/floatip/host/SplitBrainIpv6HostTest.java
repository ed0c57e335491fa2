package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.LoggedAgent;
import io.floatip.lab.NftDrop;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dual master of an IPv6 VIP (issue 20), in a lab: the other holder's Neighbor Advertisements for the VIP
 * (unsolicited at its takeover, solicited in answer to our probe) are the signs, as ARP is for IPv4. VRRPv3
 * over IPv6 has no password, no version to differ and no unicast peers here, so the causes are the adverts
 * lost between the nodes: ff02::12 dropped in the switch (healed: adverts go straight to the other holder)
 * and IP protocol 112 dropped one way (reported: the direct adverts are dropped too). Adverts every second, as
 * in {@link SplitBrainHostTest}; n1 at priority 150, n2 at 100. floatip adds a VIP with IFA_F_NODAD (a VIP
 * moves between nodes; DAD would hold it back), so the second node holds it beside the first, as keepalived's
 * does; the lab turns DAD off for the nodes' own addresses too.
 */
class SplitBrainIpv6HostTest {
    static final String VIP = "2001:db8:5::50";
    static final long INTERVAL_MS = 1000;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    /** floatip on {@code node} with the pair's instance (VRRPv3, 1 s adverts, preempt, the IPv6 VIP). */
    LoggedAgent agent(Node node, int priority) {
        return new LoggedAgent(node, PairConfig.write(dir, node.name(), 3, priority, (int) (INTERVAL_MS / 10), true,
                VIP + "/64", ""));
    }

    @Test
    void multicastDroppedInTheSwitchIsSeenFromTheNeighbourAdvertsAndHealed() throws Exception {
        try (Lab lab = Lab.create("sb6mc", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 150);
            LoggedAgent a2 = agent(lab.node(2), 100);
            // ff02::12's MAC: the adverts; the NAs (to ff02::1 and unicast) and the probes still pass.
            NftDrop.inSwitch(lab, SplitBrainHostTest.TABLE, "ether daddr 33:33:00:00:00:12");
            a1.start();
            a2.start();
            long detected = detect(a1, a2, DualMaster.firstToSee(a1, a2), "answers for our VIP, but none of its VRID 51 adverts reach us",
                    "silent");
            long healed = oneHolder(a1, a2, detected);
            assertTrue(a1.node().hasAddress(VIP), "the higher priority keeps it");
            Thread.sleep(4 * INTERVAL_MS);
            assertTrue(a1.node().hasAddress(VIP) && !a2.node().hasAddress(VIP), "still one holder, n1");
            String rules = NftDrop.switchRules(lab, SplitBrainHostTest.TABLE);
            assertTrue(!rules.contains("packets 0 "), "the switch dropped the multicast adverts: " + rules);
            DualMaster.report("IPv6: ff02::12 dropped in the switch (nftables, bridge)", healed);
        }
    }

    /** ip6 nexthdr 112 dropped from n1 to n2 in the switch: n1 hears n2's adverts, n2 not n1's. */
    @Test
    void protocol112DroppedOneWayIsSeenByTheMasterItCannotReach() throws Exception {
        try (Lab lab = Lab.create("sb6ow", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            LoggedAgent a1 = agent(n1, 150).start();
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            NftDrop.inSwitch(lab, SplitBrainHostTest.TABLE, "iifname " + n1.switchPort() + " oifname "
                    + n2.switchPort() + " ip6 nexthdr 112");
            LoggedAgent a2 = agent(n2, 100).start();
            detect(a1, a2, a1, "advertises VRID 51 at priority 100, below ours, so our adverts do not reach it",
                    "not_heard");
            Thread.sleep(2 * INTERVAL_MS);
            assertTrue(n2.hasAddress(VIP), "the direct adverts are dropped too: not healed, reported");
            DualMaster.report("IPv6: IP protocol 112 dropped one way between the nodes", -1);
        }
    }

    /**
     * Both hold the VIP and {@code watcher} logs the split brain within 2 s of the second node becoming master,
     * naming the VIP, the other node (its MAC), the cause, and status's conflict.
     */
    long detect(LoggedAgent a1, LoggedAgent a2, LoggedAgent watcher, String says, String cause) {
        long at = DualMaster.logged(a1, a2, watcher, says, "IPv6 ");
        String line = watcher.line(DualMaster.SEEN);
        assertTrue(line.contains(VIP), "the VIP named: " + line);
        Node other = watcher == a1 ? a2.node() : a1.node();
        assertTrue(line.contains(other.mac()), "the other node's MAC named: " + line);
        AgentStatus.ConflictStatus c = watcher.conflict();
        if (c != null) { // a healed one may be over already
            assertEquals(cause, c.cause());
            assertEquals(other.mac(), c.peerMac());
        }
        return at;
    }

    long oneHolder(LoggedAgent a1, LoggedAgent a2, long from) {
        return DualMaster.oneHolder(a1, a2, VIP, INTERVAL_MS, from, "IPv6 ");
    }
}
