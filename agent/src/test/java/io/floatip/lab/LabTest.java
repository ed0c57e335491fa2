package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host test: builds real namespaces, a bridge and veths, and sends real ICMP through them. */
class LabTest {

    private static final Duration PING = Duration.ofSeconds(2);
    private static final Duration UP = Duration.ofSeconds(5);

    @BeforeAll
    static void root() {
        HostTests.requireRoot();
    }

    @Test
    void twoNodesAnswerTheClientAndCloseLeavesNoNamespace() {
        List<String> made;
        try (Lab lab = Lab.create("basic", 2)) {
            made = lab.namespaces();
            assertEquals(4, made.size(), "switch, two nodes, client: " + made);
            assertTrue(Netns.listAll().containsAll(made), "ip netns list shows " + made);

            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            assertEquals(List.of(n1, n2), lab.nodes());
            assertEquals("198.51.100.11", n1.ipv4());
            assertEquals("198.51.100.12", n2.ipv4());
            assertEquals("02:00:00:00:00:11", n1.currentMac());
            assertEquals("02:00:00:00:00:12", n2.currentMac());
            assertEquals("02:00:00:00:00:99", client.currentMac());
            assertTrue(client.hasAddress("198.51.100.100"));
            assertTrue(n1.hasAddress("198.51.100.11"));
            // Exact match: .1 is a prefix of .11 but not its address.
            assertFalse(n1.hasAddress("198.51.100.1"));

            assertTrue(client.ping(n1.ipv4(), PING), "client pings n1");
            assertTrue(client.ping(n2.ipv4(), PING), "client pings n2");
            assertTrue(n1.ping(n2.ipv4(), PING), "n1 pings n2");
            // The replies came from the MACs the lab set, learned over the bridge by ARP.
            assertEquals(n1.mac(), client.neighbourMac(n1.ipv4()));
            assertEquals(n2.mac(), client.neighbourMac(n2.ipv4()));
            assertNull(client.neighbourMac("198.51.100.77"));

            String bridge = lab.netns().ip(lab.switchNs(), "-d", "link", "show", "dev", "br0").orThrow().output();
            assertTrue(bridge.contains("mcast_snooping 0"), "multicast floods:\n" + bridge);
            assertEquals("0", n1.exec("cat", "/proc/sys/net/ipv6/conf/eth0/accept_dad").output().strip());

            assertRootNamespaceUntouched();
        }
        assertNoneLeft(made);
    }

    @Test
    void closeAfterAnExceptionInTheBodyLeavesNoNamespace() {
        AtomicReference<List<String>> made = new AtomicReference<>(List.of());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Lab lab = Lab.create("boom", 1)) {
                made.set(lab.namespaces());
                lab.node(1).start(List.of("sleep", "30"), line -> { });
                throw new IllegalStateException("test body failed");
            }
        });
        assertEquals("test body failed", thrown.getMessage());
        assertEquals(3, made.get().size());
        assertNoneLeft(made.get());
    }

    @Test
    void linkDownCutsOnlyThatNodeAndLinkUpRestoresIt() {
        try (Lab lab = Lab.create("link", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            assertTrue(client.ping(n1.ipv4(), PING));

            n1.linkDown();
            Lab.await(UP, () -> !n1.exec("ip", "-o", "link", "show", "dev", "eth0").output().contains("LOWER_UP"),
                    "n1 eth0 to lose carrier");
            assertFalse(client.ping(n1.ipv4(), Duration.ofMillis(300)), "n1 is cut off");
            assertTrue(client.ping(n2.ipv4(), PING), "n2 still answers");

            n1.linkUp();
            Lab.await(UP, () -> client.ping(n1.ipv4(), Duration.ofMillis(200)), "n1 to answer again");
        }
    }

    @Test
    void refusesToRunAnythingInANamespaceItDidNotCreate() {
        Netns outsider = new Netns();
        try (Lab lab = Lab.create("guard", 1)) {
            // Another lab's namespace, a made-up one, and the empty name all count as foreign.
            assertThrows(LabException.class, () -> outsider.ip(lab.switchNs(), "link", "set", "dev", "br0", "down"));
            assertThrows(LabException.class, () -> lab.netns().ip("fip-not-ours", "link", "set", "lo", "up"));
            assertThrows(LabException.class, () -> lab.netns().ip("", "link", "set", "lo", "up"));
            assertThrows(LabException.class, () -> lab.netns().execArgv("fip-not-ours", List.of("true")));
            assertThrows(LabException.class,
                    () -> lab.netns().addVeth(lab.switchNs(), "sw-x", "fip-not-ours", "eth9"));
            // The bridge survived the refused command.
            assertTrue(lab.netns().ip(lab.switchNs(), "-o", "link", "show", "dev", "br0").output().contains(",UP"));

            Host n1 = lab.node(1);
            lab.close();
            assertThrows(LabException.class, () -> n1.exec("true"), "nothing runs after close");
        }
    }

    @Test
    void closeKillsStartedProcessesAndTheirChildren(@TempDir Path dir) throws Exception {
        List<String> made;
        Process sleeper;
        Process family;
        Process logger;
        List<ProcessHandle> children;
        try (Lab lab = Lab.create("proc", 2)) {
            made = lab.namespaces();
            Node n1 = lab.node(1);
            sleeper = n1.start(List.of("sleep", "30"), line -> { });
            // ip netns exec execs the command in place: the pid we hold is sleep's own, inside n1.
            assertEquals("sleep", n1.exec("cat", "/proc/" + sleeper.pid() + "/comm").output().strip());
            assertEquals(n1.ns(), identify(sleeper.pid()));

            List<String> lines = new ArrayList<>();
            family = n1.start(List.of("sh", "-c", "sleep 31 & sleep 32 & echo started; wait"), line -> {
                synchronized (lines) {
                    lines.add(line);
                }
            });
            Lab.await(UP, () -> {
                synchronized (lines) {
                    return lines.contains("started");
                }
            }, "the shell to report its children started");
            children = family.toHandle().children().toList();
            assertEquals(2, children.size(), "two sleeping children");

            Path log = dir.resolve("n2.log");
            logger = lab.node(2).start(List.of("sh", "-c", "echo to-log; echo err-to-log >&2; exec sleep 30"), log);
            Lab.await(UP, () -> read(log).contains("to-log") && read(log).contains("err-to-log"), "output in " + log);
            assertTrue(logger.isAlive());

            // signal() reaches the command itself: TERM ends sleep with 128 + 15.
            Process victim = lab.node(2).start(List.of("sleep", "30"), line -> { });
            lab.node(2).signal(victim, "TERM");
            assertEquals(143, victim.waitFor());
            Process foreign = new ProcessBuilder("true").start();
            assertThrows(LabException.class, () -> lab.node(2).signal(foreign, "TERM"));
            foreign.waitFor();
        }
        assertFalse(sleeper.isAlive(), "sleep 30 killed by close");
        assertFalse(logger.isAlive(), "logging process killed by close");
        assertFalse(family.isAlive(), "shell killed by close");
        for (ProcessHandle child : children) {
            // An orphaned child may linger as a zombie until init reaps it; it has exited all the same.
            assertTrue(Processes.hasExited(child), "child " + child.pid() + " killed by close");
        }
        assertNoneLeft(made);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identify(long pid) {
        return Cmd.run(List.of("ip", "netns", "identify", Long.toString(pid)), Cmd.DEFAULT_TIMEOUT)
                .orThrow().output().strip();
    }

    private static void assertNoneLeft(List<String> made) {
        assertFalse(made.isEmpty());
        List<String> present = Netns.listAll();
        for (String ns : made) {
            assertFalse(present.contains(ns), ns + " still in ip netns list: " + present);
        }
    }

    /** Read-only look at the root namespace: none of the lab's interfaces or MACs may appear there. */
    private static void assertRootNamespaceUntouched() {
        String root = Cmd.run(List.of("ip", "-o", "link", "show"), Cmd.DEFAULT_TIMEOUT).orThrow().output();
        for (String mark : List.of("sw-n1", "sw-n2", "sw-client", "02:00:00:00:00:11", "02:00:00:00:00:99")) {
            assertFalse(root.contains(mark), "root namespace shows " + mark + ":\n" + root);
        }
    }
}
