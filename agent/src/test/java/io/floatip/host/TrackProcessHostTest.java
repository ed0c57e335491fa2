package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * track_processes inside network namespaces (where keepalived 2.2.7's vrrp_track_process sees nothing: the proc
 * connector delivers only in the initial network namespace): the proxy's SIGKILL puts its master in FAULT at once,
 * the priority 0 hands the VIP over in Skew_Time, and the proxy's return brings it back.
 */
class TrackProcessHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void theProxysDeathMovesTheVipAndItsReturnBringsItBack() throws Exception {
        try (Lab lab = Lab.create("tproc", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            // Each node's "proxy": a copy of sleep under a name of its own (the nodes share one PID namespace).
            String tag = Long.toString(ProcessHandle.current().pid() % 100000);
            Path proxy1 = proxy("px1-" + tag);
            Path proxy2 = proxy("px2-" + tag);
            Process p1 = n1.start(List.of(proxy1.toString(), "1000"), line -> { });
            n2.start(List.of(proxy2.toString(), "1000"), line -> { });
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            start(n1, 150, proxy1.getFileName().toString(), log1);
            start(n2, 100, proxy2.getFileName().toString(), log2);
            Lab.await(Duration.ofSeconds(30), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");

            Instant kill = Instant.now();
            n1.signal(p1, "KILL");
            Lab.await(Duration.ofSeconds(3), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "the VIP to move to n2");
            String fault = line(log1, "MASTER -> FAULT");
            String takeover = line(log2, "BACKUP -> MASTER");
            assertTrue(fault.contains("process proxy is down"), "n1 says why: " + fault);
            assertTrue(takeover.contains("stopped (priority 0 advert)"), "n2 took over on the priority 0: " + takeover);
            System.out.printf("[timing] proxy SIGKILL -> n1 FAULT %d ms, -> n2 MASTER %d ms (log stamps, ms)%n",
                    Duration.between(kill, stamp(fault)).toMillis(), Duration.between(kill, stamp(takeover)).toMillis());
            assertTrue(Duration.between(kill, stamp(takeover)).toMillis() < 500,
                    "seen at once, not polled, and handed over in Skew_Time: " + takeover);

            n1.start(List.of(proxy1.toString(), "1000"), line -> { });
            Lab.await(Duration.ofSeconds(5), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP),
                    "the VIP back on n1 once its proxy runs again");
            assertTrue(log1.stream().anyMatch(l -> l.contains("FAULT -> BACKUP") && l.contains("process proxy is up")),
                    "n1 left FAULT when its proxy returned: " + log1);
        }
    }

    private Path proxy(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private void start(Node node, int priority, String comm, List<String> log) {
        HostTests.startAgent(dir, node, priority, """
                    track_processes: [proxy]
                processes:
                  proxy: {name: %s}
                """.formatted(comm), log);
    }

    private static String line(List<String> log, String what) {
        return log.stream().filter(l -> l.contains(what)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no '" + what + "' in " + log));
    }

    /** The agent's log line starts with its UTC time, e.g. 2026-12-06T08:19:49.055Z. */
    private static Instant stamp(String line) {
        return Instant.parse(line.substring(0, line.indexOf(' ')));
    }
}
