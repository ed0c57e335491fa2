package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * virtual_routes and virtual_rules (keepalived's): on the master only, after its VIP; put back when something
 * else deletes them; changed in place by a reload; gone from a node that stops, that loses MASTER to a preempting peer, or whose run was
 * killed (removed at its next start). Real namespaces, real kernel routing tables, read back with ip(8).
 */
class VirtualRoutesTest {
    static final String VIP = "198.51.100.50";
    /** The lab's client, on the nodes' subnet: a gateway the kernel accepts. */
    static final String GATEWAY = "198.51.100.100";
    static final String ROUTING = """
                virtual_routes:
                  - {to: 203.0.113.0/25, via: %s}
                  - {to: 203.0.113.128/25, type: blackhole, table: 100}
                  - {to: 203.0.113.0/24, dev: eth0, src: %s, metric: 7}
                virtual_rules:
                  - {from: %s/32, table: 100, priority: 1000}
                  - {fwmark: 0x10/0xf0, table: 100, priority: 1001}
            """.formatted(GATEWAY, VIP, VIP);

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void routesAndRulesFollowTheMasterAndComeBackWhenDeleted() throws Exception {
        try (Lab lab = Lab.create("vroute", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            Path c1 = config(n1, 150, true);
            Process a1 = start(n1, c1, log1);
            start(n2, config(n2, 100, true), log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && holdsAll(n1), "n1 master with its routes");
            Lab.await(Duration.ofSeconds(5), () -> log2.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                    "n2 to listen");
            assertTrue(holdsNone(n2), "the backup holds none: " + routing(n2));
            assertTrue(route(n1, "203.0.113.0/24").contains("src " + VIP) && route(n1, "203.0.113.0/24")
                    .contains("metric 7"), "src and metric as configured: " + routing(n1));

            // Something else deletes a route, then a rule: each is back at once, counted.
            n1.ip("route", "del", "203.0.113.0/25", "via", GATEWAY).orThrow();
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1), "the route back on n1: " + routing(n1));
            n1.ip("rule", "del", "priority", "1000").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1), "the rule back on n1: " + routing(n1));
            Lab.await(Duration.ofSeconds(2), () -> counters(c1).routingRestored() == 2, "2 restores counted");
            assertEquals(0, counters(c1).routingFailures(), "no failures");
            Lab.await(Duration.ofSeconds(2), () -> log1.stream().anyMatch(l -> l.contains("route 203.0.113.0/25 via "
                    + GATEWAY + " was removed by something other than floatip")), "said so: " + log1);

            // Deleting the VIP takes the routes that needed it (src VIP) without a kernel event: back with it.
            n1.ip("addr", "del", VIP + "/24", "dev", "eth0").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> n1.hasAddress(VIP) && holdsAll(n1), "VIP and routes back");

            // A reload changes a master's routes in place: the one that went is removed, the new one added.
            String original = java.nio.file.Files.readString(c1);
            java.nio.file.Files.writeString(c1, original.replace("{to: 203.0.113.128/25, type: blackhole, table: 100}",
                    "{to: 203.0.113.192/26, type: unreachable}"));
            ControlClient.reload(AgentCommand.socketFor(c1));
            Lab.await(Duration.ofSeconds(2), () -> routing(n1).contains("unreachable 203.0.113.192/26 proto 70")
                    && !routing(n1).contains("203.0.113.128/25"), "the reload's difference on n1: " + routing(n1));
            assertTrue(routing(n1).contains("1000:\tfrom " + VIP + " lookup 100 proto 70"), "the rest kept");
            java.nio.file.Files.writeString(c1, original);
            ControlClient.reload(AgentCommand.socketFor(c1));
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1) && !routing(n1).contains("203.0.113.192/26"),
                    "back as it was: " + routing(n1));
            assertTrue(holdsNone(n2), "the backup still holds none: " + routing(n2));
            // 2 deleted by hand, 1 (the src VIP route) dropped by the kernel with the VIP; a reload's own are none.
            assertEquals(3, counters(c1).routingRestored(), "a reload's own changes are not restores");

            // A stop: n2 takes over with the routes, n1 keeps none.
            n1.signal(a1, "TERM");
            assertTrue(a1.waitFor(5, TimeUnit.SECONDS), "n1 stopped");
            Lab.await(Duration.ofSeconds(5), () -> holdsAll(n2), "n2 master with the routes");
            assertTrue(holdsNone(n1), "a stopped node keeps none: " + routing(n1));

            // A failover: n1 comes back and preempts; n2 leaves MASTER and lets go of them.
            a1 = start(n1, c1, log1);
            Lab.await(Duration.ofSeconds(10), () -> holdsAll(n1) && holdsNone(n2), "routes back on n1 only: n1 "
                    + routing(n1) + "; n2 " + routing(n2));

            // A killed run leaves them; the next start removes them (here as a backup, below n2).
            n1.signal(a1, "KILL");
            assertTrue(a1.waitFor(5, TimeUnit.SECONDS), "n1 killed");
            Lab.await(Duration.ofSeconds(5), () -> holdsAll(n2), "n2 took over");
            assertTrue(holdsAll(n1), "a killed run left its routes: " + routing(n1));
            start(n1, config(n1, 50, true), log1);
            Lab.await(Duration.ofSeconds(10), () -> holdsNone(n1), "stale routes removed at start: " + routing(n1));
            assertTrue(holdsAll(n2), "n2 keeps them");
        }
    }

    /**
     * An agent started with no routes anywhere does not watch route deletions (a BGP router's churn); a reload
     * that adds the first ones starts watching, so a route deleted after it is put back at once, not only after
     * the next start.
     */
    @Test
    void routesAddedByAReloadAreGuardedToo() throws Exception {
        try (Lab lab = Lab.create("vrtrl", 1)) {
            Node n1 = lab.node(1);
            List<String> log1 = new CopyOnWriteArrayList<>();
            Path c1 = PairConfig.write(dir.resolve("reload"), n1.name(), 3, 150, 10, true, VIP + "/24", "");
            start(n1, c1, log1);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 master, without routes");
            assertTrue(holdsNone(n1), "none yet: " + routing(n1));

            java.nio.file.Files.writeString(c1, java.nio.file.Files.readString(c1) + ROUTING);
            ControlClient.reload(AgentCommand.socketFor(c1));
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1), "the reload's routes on n1: " + routing(n1));

            n1.ip("route", "del", "203.0.113.0/25", "via", GATEWAY).orThrow();
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1), "the route back on n1: " + routing(n1));
            n1.ip("rule", "del", "priority", "1001").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> holdsAll(n1), "the rule back on n1: " + routing(n1));
            Lab.await(Duration.ofSeconds(2), () -> counters(c1).routingRestored() == 2, "2 restores counted");

            // A reload that removes them all stops watching; the agent runs on.
            java.nio.file.Files.writeString(c1, java.nio.file.Files.readString(c1).replace(ROUTING, ""));
            ControlClient.reload(AgentCommand.socketFor(c1));
            Lab.await(Duration.ofSeconds(2), () -> holdsNone(n1), "the routes gone with the reload: " + routing(n1));
            assertTrue(n1.hasAddress(VIP), "still master");
        }
    }

    /** The three routes and two rules, tagged with floatip's protocol. */
    static boolean holdsAll(Node n) {
        String r = routing(n);
        return r.contains("203.0.113.0/25 via " + GATEWAY + " dev eth0 proto 70")
                && r.contains("blackhole 203.0.113.128/25 table 100 proto 70")
                && r.contains("203.0.113.0/24 dev eth0 proto 70")
                && r.contains("1000:\tfrom " + VIP + " lookup 100 proto 70")
                && r.contains("1001:\tfrom all fwmark 0x10/0xf0 lookup 100 proto 70");
    }

    static boolean holdsNone(Node n) {
        return !routing(n).contains("proto 70");
    }

    /** Every table's routes and the rules, as ip(8) prints them. */
    static String routing(Node n) {
        return n.ip("route", "show", "table", "all").orThrow().output() + n.ip("rule", "show").orThrow().output();
    }

    static String route(Node n, String prefix) {
        return n.ip("route", "show", prefix).orThrow().output();
    }

    private static AgentStatus.Counters counters(Path config) {
        try {
            return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).counters();
        } catch (Exception e) {
            return new AgentStatus.Counters(0, 0, 0, 0, java.util.Map.of(), 0, -1, -1);
        }
    }

    private Path config(Node node, int priority, boolean preempt) {
        return PairConfig.write(dir.resolve(node.name() + "-" + priority), node.name(), 3, priority, 10, preempt,
                VIP + "/24", ROUTING);
    }

    private static Process start(Node node, Path config, List<String> log) {
        return node.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        });
    }
}
