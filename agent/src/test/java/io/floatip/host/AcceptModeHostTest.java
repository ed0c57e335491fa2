package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.ProcessResult;
import io.floatip.status.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accept_Mode (RFC 9568 6.1, 6.4.3): a non-owner master with accept: false takes no packet addressed to its
 * VIP, dropped by floatip's nftables table and counted there, while its adverts go on and its own address
 * still answers; with accept: true the master answers. The rules follow MASTER from node to node, change with
 * a reload, and go with a stop; a killed run's table goes at the next start. Real namespaces, real nft.
 */
class AcceptModeHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
        HostTests.requireTool("nft", "nftables");
    }

    @Test
    void aMasterWithAcceptFalseDropsWhatIsSentToItsVipAndOnlyWhileMaster() throws Exception {
        try (Lab lab = Lab.create("accept", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            // What a killed run could have left: a table of that name with a rule for another address.
            n1.exec("nft", "add", "table", "inet", "floatip").orThrow();
            n1.exec("nft", "add", "chain", "inet", "floatip", "input", "{ type filter hook input priority -1; }")
                    .orThrow();
            n1.exec("nft", "add", "rule", "inet", "floatip", "input", "ip", "daddr", "198.51.100.99", "drop")
                    .orThrow();
            Path c1 = config(n1, 150, false);
            Process a1 = start(n1, c1, log1);
            Path c2 = config(n2, 100, true);
            start(n2, c2, log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && dropsVip(n1), "n1 master with its rules: "
                    + table(n1));
            Lab.await(Duration.ofSeconds(5), () -> log2.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                    "n2 to listen");
            assertFalse(table(n1).contains("198.51.100.99"), "the stale table went at start: " + table(n1));
            assertFalse(hasTable(n2), "the backup has no table");

            // The master refuses the VIP: no echo reply, no SYN-ACK or RST; the drops are in nft's counters.
            long before = dropped(n1);
            assertFalse(client.ping(VIP, Duration.ofMillis(700)), "n1 answered a ping to its VIP");
            assertTrue(connectTimesOut(client), "n1 answered a TCP connect to its VIP");
            long after = dropped(n1);
            assertTrue(after >= before + 2, "the echo request and the SYN(s) counted as dropped: " + before + " -> "
                    + after + "; " + table(n1));
            assertTrue(client.ping(n1.ipv4(), Duration.ofSeconds(2)), "n1's own address still answers");
            // And the protocol goes on: n2 hears n1's adverts and stays BACKUP.
            AgentStatus.InstanceStatus s1 = status(c1);
            assertEquals("MASTER", s1.state());
            assertEquals(false, s1.acceptMode().accept());
            assertEquals(List.of(VIP + "/24"), s1.acceptMode().dropping());
            assertEquals(0, s1.acceptMode().applyFailures());
            AgentStatus.InstanceStatus s2 = status(c2);
            assertEquals("BACKUP", s2.state());
            assertEquals(n1.ipv4(), s2.masterAddress());
            assertTrue(status(c2).counters().advertsReceived() > 10, "adverts heard");
            assertEquals(true, s2.acceptMode().accept());
            assertEquals(List.of(), s2.acceptMode().dropping());

            // A stop: n1 removes its table; n2 (accept: true) takes over and answers.
            n1.signal(a1, "TERM");
            assertTrue(a1.waitFor(5, TimeUnit.SECONDS), "n1 stopped");
            Lab.await(Duration.ofSeconds(5), () -> n2.hasAddress(VIP), "n2 took over");
            assertFalse(hasTable(n1), "n1's stop removed the table: " + table(n1));
            assertFalse(hasTable(n2), "an accepting master has no table");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP, Duration.ofMillis(500)), "n2 answers the VIP");
            assertFalse(connectTimesOut(client), "n2 answers a TCP connect (a RST: nothing listens)");

            // A reload of the master to accept: false applies at once, in place.
            Files.writeString(c2, Files.readString(c2).replace("accept: true", "accept: false"));
            String said = String.join("\n", ControlClient.reload(AgentCommand.socketFor(c2)).messages());
            assertTrue(said.contains("accept true -> false"), said);
            Lab.await(Duration.ofSeconds(5), () -> dropsVip(n2), "n2's rules after the reload: " + table(n2));
            assertFalse(client.ping(VIP, Duration.ofMillis(700)), "n2 answered after accept: false");
            assertEquals("MASTER", status(c2).state(), "still master: a reload in place");

            // n1 comes back with accept: true and preempts: n2's rules go, n1 answers and has none.
            Files.writeString(c1, Files.readString(c1).replace("accept: false", "accept: true"));
            a1 = start(n1, c1, log1);
            Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 preempted");
            Lab.await(Duration.ofSeconds(5), () -> !hasTable(n2), "n2's rules gone on leaving MASTER: " + table(n2));
            assertFalse(hasTable(n1), "n1 accepts: no table");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP, Duration.ofMillis(500)), "n1 answers the VIP");
        }
    }

    @Test
    void aFlushedRulesetIsWrittenAgainAtOnce() throws Exception {
        try (Lab lab = Lab.create("acceptfl", 1)) {
            Node n1 = lab.node(1);
            List<String> log = new CopyOnWriteArrayList<>();
            Path c1 = config(n1, 150, false);
            start(n1, c1, log);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && dropsVip(n1), "n1 master with its rules");
            assertEquals(0, status(c1).acceptMode().rewritten());

            // What an nftables.service reload does: flush everything, then write its own tables, in one go.
            ProcessResult reload = n1.exec(Duration.ofSeconds(10), List.of("sh", "-c", "printf '%s\\n' "
                    + "'flush ruleset' 'table inet filter {' 'chain input { type filter hook input priority 0; }' '}' "
                    + "| nft -f -"));
            assertTrue(reload.ok(), reload.output());
            long flushed = System.nanoTime();
            Lab.await(Duration.ofSeconds(3), () -> dropsVip(n1), "floatip's table back after the flush: " + table(n1));
            System.out.printf("[timing] table back within %d ms of the flush's nft exiting%n",
                    (System.nanoTime() - flushed) / 1_000_000);
            assertTrue(n1.exec("nft", "list", "table", "inet", "filter").ok(), "the operator's table stays");
            assertFalse(lab.client().ping(VIP, Duration.ofMillis(700)), "the VIP is refused again");
            assertEquals(1, status(c1).acceptMode().rewritten(), "one flush, one write again");
            assertTrue(log.stream().anyMatch(l -> l.contains("was removed or changed by something else")), "logged");

            // A rule of ours deleted by hand: the table is written whole again.
            String handle = ruleHandle(n1);
            assertTrue(n1.exec("nft", "delete", "rule", "inet", "floatip", "input", "handle", handle).ok());
            Lab.await(Duration.ofSeconds(3), () -> rewritten(c1) == 2 && dropsVip(n1),
                    "the deleted rule back: " + table(n1));

            // Our own writes and an idle agent call for none: the count stays.
            Thread.sleep(2_000);
            assertEquals(2, status(c1).acceptMode().rewritten(), "no write again without a cause");
        }
    }

    private static long rewritten(Path config) {
        try {
            return status(config).acceptMode().rewritten();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The handle of the input chain's rule for the VIP ({@code nft -a}). */
    private static String ruleHandle(Node n) {
        Matcher m = Pattern.compile("ip daddr " + Pattern.quote(VIP) + " counter .*# handle (\\d+)")
                .matcher(n.exec("nft", "-a", "list", "chain", "inet", "floatip", "input").orThrow().output());
        assertTrue(m.find(), "a handle");
        return m.group(1);
    }

    /** A connect to the VIP's port 9 that gets no answer at all within 1.5 s (a RST or SYN-ACK is an answer). */
    private static boolean connectTimesOut(Host client) {
        ProcessResult r = client.exec(Duration.ofSeconds(5), List.of("timeout", "1.5", "bash", "-c",
                "exec 3<>/dev/tcp/" + VIP + "/9"));
        return r.exitCode() == 124;
    }

    private static boolean hasTable(Node n) {
        return n.exec("nft", "list", "table", "inet", "floatip").ok();
    }

    static String table(Node n) {
        ProcessResult r = n.exec("nft", "list", "table", "inet", "floatip");
        return r.ok() ? r.output() : "(no table)";
    }

    private static boolean dropsVip(Node n) {
        return table(n).contains("ip daddr " + VIP + " counter packets");
    }

    /** The packets the input rule for the VIP has dropped. */
    private static long dropped(Node n) {
        Matcher m = Pattern.compile("ip daddr " + Pattern.quote(VIP) + " counter packets (\\d+)").matcher(table(n));
        assertTrue(m.find(), table(n));
        return Long.parseLong(m.group(1));
    }

    private static AgentStatus.InstanceStatus status(Path config) throws Exception {
        return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0);
    }

    private Path config(Node node, int priority, boolean accept) {
        return PairConfig.write(dir.resolve(node.name() + "-" + priority), node.name(), 3, priority, 10, true,
                VIP + "/24", "    accept: " + accept + "\n");
    }

    private static Process start(Node node, Path config, List<String> log) {
        return node.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        });
    }
}
