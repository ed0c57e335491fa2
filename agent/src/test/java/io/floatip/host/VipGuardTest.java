package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VIP guard: a network manager or an operator deleting the VIP from a live master (keepalived #2479, #1385)
 * gets it put back at once, counted and logged; a VIP added by hand to a backup is taken off it again.
 */
class VipGuardTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aVipDeletedFromTheMasterIsBackWithin100msCountedAndLoggedOnce() throws Exception {
        try (Lab lab = Lab.create("guard", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            Path c1 = start(n1, 150, log1);
            start(n2, 100, log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(5), () -> log2.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                    "n2 to listen");

            // The kernel's own account of the gap: ip monitor stamps each address event as it reads it.
            List<String> events = new CopyOnWriteArrayList<>();
            n1.start(List.of("ip", "-ts", "monitor", "address", "dev", "eth0"), events::add);
            Thread.sleep(200); // the monitor subscribes
            double worst = 0;
            for (int round = 1; round <= 3; round++) {
                events.clear();
                n1.ip("addr", "del", VIP + "/24", "dev", "eth0").orThrow();
                Lab.await(Duration.ofSeconds(2), () -> readdedAfterDelete(events) >= 0, "the VIP back on n1: " + events);
                double ms = readdedAfterDelete(events);
                worst = Math.max(worst, ms);
                System.out.printf("[timing] VIP deleted from the master -> back: %.1f ms (round %d, by ip monitor)%n",
                        ms, round);
            }
            assertTrue(worst <= 100, "back within 100 ms, worst " + worst + " ms");
            Lab.await(Duration.ofSeconds(2), () -> restored(c1) == 3, "status to count 3 restores");
            AgentStatus.InstanceStatus s = ControlClient.status(AgentCommand.socketFor(c1)).instances().get(0);
            assertEquals("MASTER", s.state(), "still master");
            long lines = log1.stream().filter(l -> l.contains("was removed from eth0 by something other than "
                    + "floatip")).count();
            assertEquals(1, lines, "logged once for three restores (then at 10, 100...): " + log1);
            assertTrue(!n2.hasAddress(VIP), "the backup never took it");
        }
    }

    @Test
    void aVipAddedByHandToABackupIsRemoved() throws Exception {
        try (Lab lab = Lab.create("guardb", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            List<String> log2 = new CopyOnWriteArrayList<>();
            start(n1, 150, new CopyOnWriteArrayList<>());
            start(n2, 100, log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(5), () -> log2.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                    "n2 to listen");
            // Started together, n2's Master_Down timer can fire a moment before n1's first advert reaches it: it
            // holds the VIP for ~10 ms, then yields. Add the VIP by hand only once n2 is a plain backup again.
            Lab.await(Duration.ofSeconds(5), () -> !n2.hasAddress(VIP) && log2.stream()
                    .filter(l -> l.contains(" -> ")).reduce((a, b) -> b).orElse("").contains("-> BACKUP"),
                    "n2 settled as BACKUP without the VIP");
            long t0 = System.nanoTime();
            n2.ip("addr", "add", VIP + "/24", "dev", "eth0").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> !n2.hasAddress(VIP), "the VIP off the backup again");
            System.out.printf("[timing] VIP added to a backup -> removed: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            // The line is read from the agent's output a moment after the address is gone (CI once asserted first).
            Lab.await(Duration.ofSeconds(2), () -> log2.stream().anyMatch(l -> l.contains("while BACKUP; removed it")),
                    "n2 to say so");
            assertTrue(n1.hasAddress(VIP), "the master keeps it");
        }
    }

    /** Milliseconds from the VIP's deletion to its return in {@code ip -ts monitor} lines; -1 until both seen. */
    static double readdedAfterDelete(List<String> events) {
        double deleted = -1;
        for (String line : events) {
            if (!line.contains(" " + VIP + "/") || !line.startsWith("[")) {
                continue;
            }
            double at = java.time.LocalDateTime.parse(line.substring(1, line.indexOf(']')))
                    .toEpochSecond(java.time.ZoneOffset.UTC) * 1000.0
                    + java.time.LocalDateTime.parse(line.substring(1, line.indexOf(']'))).getNano() / 1e6;
            if (line.contains("Deleted")) {
                deleted = at;
            } else if (deleted >= 0) {
                return at - deleted;
            }
        }
        return -1;
    }

    private static long restored(Path config) {
        try {
            return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).counters().vipsRestored();
        } catch (Exception e) {
            return -1;
        }
    }

    private Path start(Node node, int priority, List<String> log) {
        return HostTests.startAgent(dir, node, priority, log).config();
    }
}
