package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    record Line(long at, String text) {
    }

    final class Agent {
        final Node node;
        final Path config;
        final List<Line> log = new CopyOnWriteArrayList<>();

        Agent(Node node, int priority) {
            this.node = node;
            this.config = PairConfig.write(dir, node.name(), 3, priority, (int) (INTERVAL_MS / 10), true,
                    VIP + "/64", "");
        }

        Agent start() {
            node.start(AgentCommand.run(config), text -> {
                log.add(new Line(System.nanoTime(), text));
                System.out.println("[" + node.name() + "] " + text);
            });
            return this;
        }

        long first(String text) {
            return log.stream().filter(l -> l.text().contains(text)).mapToLong(Line::at).findFirst().orElse(-1);
        }

        String line(String text) {
            return log.stream().map(Line::text).filter(t -> t.contains(text)).findFirst().orElse(null);
        }

        AgentStatus.ConflictStatus conflict() {
            try {
                return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).conflict();
            } catch (Exception e) {
                return null;
            }
        }
    }

    @Test
    void multicastDroppedInTheSwitchIsSeenFromTheNeighbourAdvertsAndHealed() throws Exception {
        try (Lab lab = Lab.create("sb6mc", 2)) {
            Agent a1 = new Agent(lab.node(1), 150);
            Agent a2 = new Agent(lab.node(2), 100);
            // ff02::12's MAC: the adverts; the NAs (to ff02::1 and unicast) and the probes still pass.
            SplitBrainHostTest.switchNft(lab, "add table bridge floatip_sb");
            SplitBrainHostTest.switchNft(lab,
                    "add chain bridge floatip_sb forward { type filter hook forward priority 0; }");
            SplitBrainHostTest.switchNft(lab,
                    "add rule bridge floatip_sb forward ether daddr 33:33:00:00:00:12 counter drop");
            a1.start();
            a2.start();
            Lab.await(Duration.ofSeconds(25), () -> a1.first("split brain: ") > 0 || a2.first("split brain: ") > 0,
                    "a split brain seen");
            Agent first = a2.first("split brain: ") < 0 || a1.first("split brain: ") > 0
                    && a1.first("split brain: ") < a2.first("split brain: ") ? a1 : a2;
            long detected = detect(a1, a2, first, "answers for our VIP, but none of its VRID 51 adverts reach us",
                    "silent");
            long healed = oneHolder(a1, a2, detected);
            assertTrue(a1.node.hasAddress(VIP), "the higher priority keeps it");
            Thread.sleep(4 * INTERVAL_MS);
            assertTrue(a1.node.hasAddress(VIP) && !a2.node.hasAddress(VIP), "still one holder, n1");
            String rules = lab.netns().exec(lab.switchNs(), Duration.ofSeconds(10),
                    List.of("nft", "list", "table", "bridge", "floatip_sb")).orThrow().output();
            assertTrue(!rules.contains("packets 0 "), "the switch dropped the multicast adverts: " + rules);
            SplitBrainHostTest.report("IPv6: ff02::12 dropped in the switch (nftables, bridge)", detected, healed);
        }
    }

    /** ip6 nexthdr 112 dropped from n1 to n2 in the switch: n1 hears n2's adverts, n2 not n1's. */
    @Test
    void protocol112DroppedOneWayIsSeenByTheMasterItCannotReach() throws Exception {
        try (Lab lab = Lab.create("sb6ow", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Agent a1 = new Agent(n1, 150).start();
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            SplitBrainHostTest.switchNft(lab, "add table bridge floatip_sb");
            SplitBrainHostTest.switchNft(lab,
                    "add chain bridge floatip_sb forward { type filter hook forward priority 0; }");
            SplitBrainHostTest.switchNft(lab, "add rule bridge floatip_sb forward iifname " + n1.switchPort()
                    + " oifname " + n2.switchPort() + " ip6 nexthdr 112 counter drop");
            Agent a2 = new Agent(n2, 100).start();
            long detected = detect(a1, a2, a1, "advertises VRID 51 at priority 100, below ours, so our adverts do not "
                    + "reach it", "not_heard");
            Thread.sleep(2 * INTERVAL_MS);
            assertTrue(n2.hasAddress(VIP), "the direct adverts are dropped too: not healed, reported");
            SplitBrainHostTest.report("IPv6: IP protocol 112 dropped one way between the nodes", detected, -1);
        }
    }

    /**
     * Both hold the VIP and {@code watcher} logs the split brain within 2 s of the second node becoming master,
     * naming the other node (its link-local address or its MAC), the cause, and status's conflict.
     */
    long detect(Agent a1, Agent a2, Agent watcher, String says, String cause) {
        Lab.await(Duration.ofSeconds(25), () -> watcher.first("split brain: ") > 0,
                watcher.node.name() + " to see the split brain");
        assertTrue(a1.first(" -> MASTER") > 0 && a2.first(" -> MASTER") > 0, "both became master");
        long dual = Math.max(a1.first(" -> MASTER"), a2.first(" -> MASTER"));
        long at = watcher.first("split brain: ");
        String line = watcher.line("split brain: ");
        assertTrue(line.contains(says), "the cause named: " + line);
        assertTrue(line.contains(VIP), "the VIP named: " + line);
        Node other = watcher == a1 ? a2.node : a1.node;
        assertTrue(line.contains(other.mac()), "the other node's MAC named: " + line);
        long ms = (at - dual) / 1_000_000;
        System.out.printf("[timing] IPv6 %s: second master -> split brain logged: %d ms%n", watcher.node.name(), ms);
        assertTrue(ms <= 2000, "within 2 s: " + ms + " ms");
        AgentStatus.ConflictStatus c = watcher.conflict();
        if (c != null) { // a healed one may be over already
            assertEquals(cause, c.cause());
            assertEquals(other.mac(), c.peerMac());
        }
        return at;
    }

    long oneHolder(Agent a1, Agent a2, long from) {
        Lab.await(Duration.ofSeconds(10), () -> a1.node.hasAddress(VIP) ^ a2.node.hasAddress(VIP), "one holder");
        Agent loser = a1.node.hasAddress(VIP) ? a2 : a1;
        long released = loser.log.stream().filter(l -> l.at() > from && l.text().contains("released " + VIP))
                .mapToLong(Line::at).findFirst().orElseThrow();
        long ms = (released - from) / 1_000_000;
        System.out.printf("[timing] IPv6 split brain logged -> one holder: %d ms%n", ms);
        assertTrue(ms <= 2 * INTERVAL_MS, "one holder within 2 advert intervals: " + ms + " ms");
        return ms;
    }
}
