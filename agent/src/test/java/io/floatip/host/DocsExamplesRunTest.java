package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.docs.Markdown;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The samples of examples/dual-stack and examples/cloud-unicast against a run of those examples' own config
 * files in the lab (n1 198.51.100.11 as node A, n2 .12 as B), changed only where a lab must: the health check
 * looks at a file the test removes (chk_haproxy's name kept), scripts run as nobody, and notify commands are
 * /bin/true. Markers: {@code log dual-stack} and {@code status dual-stack} (a sync group of an IPv4 and an IPv6
 * instance going MASTER, then FAULT on a failed check, B taking both), {@code log cloud-unicast} (the unicast
 * pair's start). A log sample's lines must be lines one agent logged, in order; a status sample's the lines of
 * `floatip status` on A once both instances are MASTER (Markdown.normal: numbers, dates and paths may differ).
 */
class DocsExamplesRunTest {
    private static final String VIP4 = "198.51.100.50";
    private static final String VIP6 = "2001:db8:1::50";

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        HostTests.requireRoot();
        // World-readable, so the script user (nobody) can see the health file the check looks at.
        dir = Files.createTempDirectory("floatip-docsex", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Test
    void theDualStackSamplesAreWhatTheProgramSays() throws Exception {
        Path healthy = Files.writeString(dir.resolve("up"), "");
        String a = labConfig(Files.readString(Markdown.REPO.resolve("examples/dual-stack/floatip-a.yaml")), Map.of(
                "command: /usr/share/floatip/check-scripts/check_haproxy", "command: [/usr/bin/test, -e, " + healthy + "]",
                "any: /etc/floatip/notify.sh", "any: /bin/true"));
        // B as the example's README says: router_id lb-b and priority 100 in both instances; its own health
        // file (the nodes share one file system), which stays.
        Path healthyB = Files.writeString(dir.resolve("up-b"), "");
        String b = labConfig(a, Map.of("router_id: lb-a", "router_id: lb-b", "priority: 150", "priority: 100",
                healthy.toString(), healthyB.toString()));
        List<String> logA = new CopyOnWriteArrayList<>();
        List<String> logB = new CopyOnWriteArrayList<>();
        Map<String, List<String>> status = new LinkedHashMap<>();
        try (Lab lab = Lab.create("dual", 2)) {
            Node nodeA = lab.node(1);
            Node nodeB = lab.node(2);
            Path configA = Files.writeString(dir.resolve("a.yaml"), a);
            nodeA.start(AgentCommand.run(configA), line -> log("A", logA, line));
            Lab.await(Duration.ofSeconds(30), () -> nodeA.hasAddress(VIP4) && nodeA.hasAddress(VIP6)
                    && logA.stream().anyMatch(l -> l.contains("sync group EDGE: MASTER")), "A to hold both VIPs");
            Path configB = Files.writeString(dir.resolve("b.yaml"), b);
            nodeB.start(AgentCommand.run(configB), line -> log("B", logB, line));
            Lab.await(Duration.ofSeconds(30), () -> logB.stream().filter(l -> l.contains("INIT -> BACKUP")).count() == 2,
                    "B's two instances to listen");
            status.put("A", nodeA.exec(Duration.ofSeconds(60), AgentCommand.of("status", "--socket",
                    AgentCommand.socketFor(configA).toString())).output().lines().toList());

            Files.delete(healthy); // two failed checks: A's instances go to FAULT, B takes both
            Lab.await(Duration.ofSeconds(30), () -> nodeB.hasAddress(VIP4) && nodeB.hasAddress(VIP6)
                    && !nodeA.hasAddress(VIP4) && !nodeA.hasAddress(VIP6), "B to take both VIPs");
            Lab.await(Duration.ofSeconds(5), () -> logB.stream().anyMatch(l -> l.contains("sync group EDGE: MASTER"))
                    && logA.stream().anyMatch(l -> l.contains("sync group EDGE: FAULT")), "both groups' lines");

            // The README: A leaves FAULT, and after two good checks and about 3.5 s it holds both again.
            long back = System.nanoTime();
            Files.writeString(healthy, "");
            Lab.await(Duration.ofSeconds(30), () -> nodeA.hasAddress(VIP4) && nodeA.hasAddress(VIP6)
                    && !nodeB.hasAddress(VIP4) && !nodeB.hasAddress(VIP6), "A to take both back");
            System.out.printf("[timing] dual-stack: check passing again -> A holds both VIPs %d ms%n",
                    (System.nanoTime() - back) / 1_000_000);
        }
        status.forEach((node, out) -> System.out.println("[status " + node + "]\n" + String.join("\n", out)));
        List<String> problems = new ArrayList<>();
        int samples = check("log dual-stack", Map.of("A's log", logA, "B's log", logB), problems)
                + check("status dual-stack", status, problems);
        assertTrue(samples >= 3, "dual-stack samples found: " + samples);
        assertEquals(List.of(), problems);
    }

    @Test
    void theCloudUnicastSampleIsWhatTheProgramSays() throws Exception {
        Map<String, String> lab = Map.of("master: /etc/floatip/cloud-move-vip.sh", "master: /bin/true",
                "any: /etc/floatip/notify.sh", "any: /bin/true");
        String a = labConfig(Files.readString(Markdown.REPO.resolve("examples/cloud-unicast/floatip-a.yaml")), lab);
        String b = labConfig(Files.readString(Markdown.REPO.resolve("examples/cloud-unicast/floatip-b.yaml")), lab);
        List<String> logA = new CopyOnWriteArrayList<>();
        List<String> logB = new CopyOnWriteArrayList<>();
        try (Lab l = Lab.create("cloud", 2)) {
            Node nodeA = l.node(1);
            Node nodeB = l.node(2);
            nodeA.start(AgentCommand.run(Files.writeString(dir.resolve("a.yaml"), a)), line -> log("A", logA, line));
            nodeB.start(AgentCommand.run(Files.writeString(dir.resolve("b.yaml"), b)), line -> log("B", logB, line));
            Lab.await(Duration.ofSeconds(30), () -> nodeA.hasAddress(VIP4) && !nodeB.hasAddress(VIP4),
                    "A to hold the VIP");
            Lab.await(Duration.ofSeconds(10), () -> logA.stream().anyMatch(x -> x.contains("unicast peer"))
                    && logB.stream().anyMatch(x -> x.contains("unicast peer")), "each to find its peer");
        }
        List<String> problems = new ArrayList<>();
        int samples = check("log cloud-unicast", Map.of("A's log", logA, "B's log", logB), problems);
        assertTrue(samples >= 1, "cloud-unicast samples found: " + samples);
        assertEquals(List.of(), problems);
    }

    /**
     * Every sample with this marker against the sources: its lines in one source, in order. The number of
     * samples checked.
     */
    private static int check(String marker, Map<String, List<String>> sources, List<String> problems) {
        int samples = 0;
        for (Markdown.Block sample : Markdown.blocks(Markdown.operatorDocs())) {
            if (!marker.equals(sample.marker())) {
                continue;
            }
            samples++;
            List<String> shown = Markdown.output(sample).stream().filter(l -> !l.isBlank()).toList();
            String missing = null;
            for (List<String> source : sources.values()) {
                missing = DocsRunTest.firstMissing(shown, source);
                if (missing == null) {
                    break;
                }
            }
            if (missing != null) {
                problems.add(sample.where() + ": not in " + sources.keySet() + " in this order: " + missing);
            }
        }
        return samples;
    }

    /**
     * An example's config as the lab runs it: each replacement made (and each must apply, so a changed example
     * fails here instead of running something else), and its scripts run as nobody.
     */
    private static String labConfig(String example, Map<String, String> replacements) {
        String config = example.replace("script_user: floatip_script", "script_user: nobody");
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            assertTrue(config.contains(r.getKey()), "the example no longer has " + r.getKey());
            config = config.replace(r.getKey(), r.getValue());
        }
        assertTrue(config.contains("script_user: nobody"), "the example's script_user");
        return config;
    }

    private static void log(String node, List<String> log, String line) {
        log.add(line);
        System.out.println("[" + node + "] " + line);
    }
}
