package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * A dual master for each of its usual causes (issue 20), in a lab: seen and named within 2 s of the second
 * node becoming master, with the other node's address or MAC; where frames still pass (a unicast list that
 * omits the other node, multicast lost in the switch), one holder again within 2 advert intervals of that.
 * Adverts every second (VRRPv2 allows no less), n1 at priority 150, n2 at 100.
 */
class SplitBrainHostTest {
    static final String VIP = "198.51.100.50";
    static final long INTERVAL_MS = 1000;
    /** The nftables table that drops adverts, in the switch or on a node. */
    static final String TABLE = "floatip_sb";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    /** floatip on {@code node} with the pair's instance (1 s adverts, preempt, the VIP) and {@code extra}. */
    LoggedAgent agent(Node node, int version, int priority, String extra) {
        return new LoggedAgent(node, PairConfig.write(dir, node.name(), version, priority, (int) (INTERVAL_MS / 10),
                true, VIP + "/24", extra));
    }

    /** The same with global.split_brain: yield. */
    LoggedAgent yielding(Node node, int version, int priority, String extra) throws java.io.IOException {
        LoggedAgent a = agent(node, version, priority, extra);
        java.nio.file.Files.writeString(a.config(), "global:\n  split_brain: yield\n"
                + java.nio.file.Files.readString(a.config()));
        return a;
    }

    static String auth(String password) {
        return "    authentication: {type: pass, password: " + password + "}\n";
    }

    @Test
    void aPasswordMismatchIsNamedOnBothNodes() throws Exception {
        try (Lab lab = Lab.create("sbpw", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 2, 150, auth("alpha")).start();
            LoggedAgent a2 = agent(lab.node(2), 2, 100, auth("bravo")).start();
            detect(a1, a2, a1, "advertises VRID 51 with a different password; both of us hold "
                    + VIP, "auth_mismatch");
            detectedToo(a2, "auth_mismatch", a1.node().ipv4());
            DualMaster.report("password mismatch (v2)", -1);
        }
    }

    /** split_brain: yield on both: the lower priority steps down to FAULT while the other's adverts keep coming. */
    @Test
    void withYieldThePasswordMismatchsLoserStepsDown() throws Exception {
        try (Lab lab = Lab.create("sbyd", 2)) {
            LoggedAgent a1 = yielding(lab.node(1), 2, 150, auth("alpha")).start();
            LoggedAgent a2 = yielding(lab.node(2), 2, 100, auth("bravo")).start();
            Lab.await(Duration.ofSeconds(25), () -> a2.first("split_brain is yield: stepping down") > 0,
                    "n2 to yield");
            long yielded = a2.first("split_brain is yield: stepping down");
            Lab.await(Duration.ofSeconds(2), () -> !a2.node().hasAddress(VIP), "n2 to release the VIP");
            Thread.sleep(3 * INTERVAL_MS);
            assertTrue(a1.node().hasAddress(VIP) && !a2.node().hasAddress(VIP), "one holder, n1, 3 s later");
            assertTrue(a1.first("split_brain is yield") < 0, "n1, the higher priority, did not yield");
            long dual = Math.max(a1.first(" -> MASTER"), a2.first(" -> MASTER"));
            System.out.printf("[timing] split_brain yield: second master -> n2 yielded: %d ms%n",
                    (yielded - dual) / 1_000_000);
        }
    }

    @Test
    void aVersionMismatchIsNamedOnBothNodes() throws Exception {
        try (Lab lab = Lab.create("sbver", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 2, 150, "").start();
            LoggedAgent a2 = agent(lab.node(2), 3, 100, "").start();
            detect(a1, a2, a1, "advertises VRID 51 as VRRPv3, we speak VRRPv2", "version_mismatch");
            detectedToo(a2, "version_mismatch", a1.node().ipv4());
            DualMaster.report("VRRPv2 against VRRPv3", -1);
        }
    }

    /**
     * keepalived's commonest split brain, a node's firewall dropping IP protocol 112 on input, is none for
     * floatip: libpcap's packet socket takes the frame before netfilter's input hook, so the node still hears
     * its master and stays BACKUP while the rule counts every advert it drops for the kernel.
     */
    @Test
    void protocol112DroppedByANodesFirewallIsNoSplitBrain() throws Exception {
        try (Lab lab = Lab.create("sbfw", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 3, 150, "").start();
            Lab.await(Duration.ofSeconds(15), () -> a1.node().hasAddress(VIP), "n1 to hold the VIP");
            Node n2 = lab.node(2);
            NftDrop.onInput(n2, TABLE, "ip protocol 112");
            LoggedAgent a2 = agent(n2, 3, 100, "").start();
            Lab.await(Duration.ofSeconds(10), () -> a2.first("INIT -> BACKUP") > 0, "n2 to listen");
            Thread.sleep(6 * INTERVAL_MS); // twice Master_Down_Interval
            String rules = NftDrop.inputRules(n2, TABLE);
            assertTrue(!rules.contains("packets 0 "), "the rule dropped n1's adverts: " + rules);
            assertTrue(a2.first(" -> MASTER") < 0 && !n2.hasAddress(VIP), "n2 stayed BACKUP");
            assertTrue(a1.first("split brain") < 0, "nothing to report");
            System.out.println("[split-brain] IP protocol 112 dropped by nftables input on n2: no dual master ("
                    + rules.replaceAll("(?s).*counter (packets \\d+).*", "$1") + " dropped for the kernel)");
        }
    }

    /** Protocol 112 dropped one way between the nodes (a firewall in the path): n1 hears n2, n2 not n1. */
    @Test
    void protocol112DroppedOneWayIsSeenByTheMasterItCannotReach() throws Exception {
        try (Lab lab = Lab.create("sbow", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            LoggedAgent a1 = agent(n1, 3, 150, "").start();
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            NftDrop.inSwitch(lab, TABLE, "iifname " + n1.switchPort() + " oifname " + n2.switchPort()
                    + " ip protocol 112");
            LoggedAgent a2 = agent(n2, 3, 100, "").start();
            detect(a1, a2, a1, "advertises VRID 51 at priority 100, below ours, so our adverts do not reach it",
                    "not_heard");
            Thread.sleep(2 * INTERVAL_MS);
            assertTrue(n2.hasAddress(VIP), "the direct adverts are dropped too: not healed, reported");
            DualMaster.report("IP protocol 112 dropped one way between the nodes (nftables in the switch)", -1);
        }
    }

    @Test
    void aUnicastListThatOmitsTheOtherNodeIsHealed() throws Exception {
        try (Lab lab = Lab.create("sbuc", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 3, 150, "    unicast_peers: [" + lab.node(2).ipv4() + "]\n").start();
            LoggedAgent a2 = agent(lab.node(2), 3, 100, "    unicast_peers: [198.51.100.99]\n").start();
            long detected = detect(a2, a1, a2, "is not in our unicast_peers", "unknown_peer");
            long healed = oneHolder(a1, a2, detected);
            assertTrue(a2.first("healing the split brain") > 0, "n2 said how it heals");
            assertTrue(a1.node().hasAddress(VIP), "the higher priority keeps it");
            DualMaster.report("unicast_peers omit the other node", healed);
        }
    }

    @Test
    void multicastDroppedInTheSwitchIsHealed() throws Exception {
        try (Lab lab = Lab.create("sbmc", 2)) {
            LoggedAgent a1 = agent(lab.node(1), 3, 150, "");
            LoggedAgent a2 = agent(lab.node(2), 3, 100, "");
            NftDrop.inSwitch(lab, TABLE, "ether daddr 01:00:5e:00:00:12");
            a1.start();
            a2.start();
            long detected = detect(a1, a2, DualMaster.firstToSee(a1, a2), "answers for our VIP, but none of its "
                    + "VRID 51 adverts reach us", null);
            long healed = oneHolder(a1, a2, detected);
            assertTrue(a1.node().hasAddress(VIP), "the higher priority keeps it");
            // And it stays settled: n2 hears n1's adverts sent to it directly.
            Thread.sleep(4 * INTERVAL_MS);
            assertTrue(a1.node().hasAddress(VIP) && !a2.node().hasAddress(VIP), "still one holder, n1");
            String rules = NftDrop.switchRules(lab, TABLE);
            assertTrue(!rules.contains("packets 0 "), "the switch dropped the multicast adverts: " + rules);
            DualMaster.report("multicast dropped in the switch (nftables, bridge)", healed);
        }
    }

    /**
     * Waits for both nodes to hold the VIP and for {@code watcher} to log the split brain within 2 s of the
     * second node becoming master, naming the other node (its address or MAC) and, in status, {@code cause}.
     */
    long detect(LoggedAgent a1, LoggedAgent a2, LoggedAgent watcher, String says, String cause) {
        long at = DualMaster.logged(a1, a2, watcher, says, "");
        String line = watcher.line(DualMaster.SEEN);
        Node other = watcher == a1 ? a2.node() : a1.node();
        assertTrue(line.contains(other.ipv4()) || line.contains(other.mac()), "the other node named: " + line);
        AgentStatus.ConflictStatus c = watcher.conflict();
        if (c != null && cause != null) { // a healed one may be over already
            assertEquals(cause, c.cause());
        }
        return at;
    }

    void detectedToo(LoggedAgent a, String cause, String peer) {
        Lab.await(Duration.ofSeconds(5), () -> a.conflict() != null, a.node().name() + " to see it too");
        AgentStatus.ConflictStatus c = a.conflict();
        assertNotNull(c);
        assertEquals(cause, c.cause());
        assertEquals(peer, c.peerAddress());
        assertTrue(a.line(DualMaster.SEEN) != null, "logged");
    }

    long oneHolder(LoggedAgent a1, LoggedAgent a2, long from) {
        return DualMaster.oneHolder(a1, a2, VIP, INTERVAL_MS, from, "");
    }
}
