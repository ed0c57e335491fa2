package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.docs.Markdown;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The log, status and doctor samples of the operator docs against a real run: a pair in the lab (n1
 * 198.51.100.11 priority 150, n2 198.51.100.12 priority 100, VIP 198.51.100.50/24 on eth0, as the docs show)
 * goes through what the docs walk through: start, a tracked check failing and passing again, a cut link, a
 * graceful stop. Every line of a {@code <!-- check: log -->} block must be a line one agent logged, in the
 * block's order; a {@code status} block's lines must be in what `floatip status` printed on one node at one
 * moment; a {@code doctor} block's in one doctor run. Dates, numbers, paths and the host name may differ
 * (Markdown.normal).
 */
class DocsRunTest {
    private static final String VIP = "198.51.100.50";

    @Test
    void theDocsSamplesAreWhatTheProgramSays() throws Exception {
        HostTests.requireRoot();
        List<Markdown.Block> samples = Markdown.blocks(Markdown.operatorDocs()).stream()
                .filter(b -> b.marker() != null && List.of("log", "status", "doctor").contains(b.marker())).toList();
        assertTrue(samples.size() >= 8, "samples found: " + samples.size());

        // World-readable, so the script user (nobody) can see the health file the check looks at.
        Path dir = Files.createTempDirectory("floatip-docsrun", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path healthy = dir.resolve("up");
        Files.writeString(healthy, "");
        List<String> logA = new CopyOnWriteArrayList<>();
        List<String> logB = new CopyOnWriteArrayList<>();
        Map<String, List<String>> outputs = new LinkedHashMap<>(); // status and doctor runs, by what they were
        try (Lab lab = Lab.create("docs", 2)) {
            Node a = lab.node(1);
            Node b = lab.node(2);
            // chk_haproxy as the examples call it: here a real check of a file the test removes and restores.
            Path configA = config(dir, "a", 150, "[/usr/bin/test, -e, " + healthy + "]");
            Path configB = config(dir, "b", 100, "[/bin/true]");
            Process agentA = a.start(AgentCommand.run(configA), line -> log("n1", logA, line));
            Lab.await(Duration.ofSeconds(30), () -> a.hasAddress(VIP), "n1 to hold the VIP alone");
            // n2 at debug, as `floatip run --log-level debug` (keepalived's -D): every advert and script run.
            Process agentB = b.start(AgentCommand.of("run", "-c", configB.toString(), "--control-socket",
                    AgentCommand.socketFor(configB).toString(), "--log-level", "debug"), line -> log("n2", logB, line));
            Lab.await(Duration.ofSeconds(30), () -> logB.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                    "n2 to listen");
            outputs.put("status n1, master", run(a, "status", "--socket", AgentCommand.socketFor(configA).toString()));
            outputs.put("status n2, backup", run(b, "status", "--socket", AgentCommand.socketFor(configB).toString()));
            outputs.put("doctor n2, nonlocal 0", run(b, "doctor", "-c", configB.toString(), "--listen", "2"));
            b.exec("sysctl", "-w", "net.ipv4.ip_nonlocal_bind=1").orThrow();
            outputs.put("doctor n2, nonlocal 1", run(b, "doctor", "-c", configB.toString(), "--listen", "2"));
            outputs.put("doctor n1, master", run(a, "doctor", "-c", configA.toString(), "--listen", "2"));

            Files.delete(healthy); // the check fails: 150 - 60 = 90 < 100, n2 preempts when its timer runs out
            Lab.await(Duration.ofSeconds(20), () -> b.hasAddress(VIP) && !a.hasAddress(VIP), "n2 to take over");
            outputs.put("status n1, check down", run(a, "status", "--socket", AgentCommand.socketFor(configA).toString()));
            Files.writeString(healthy, "");
            Lab.await(Duration.ofSeconds(20), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 to take it back");

            a.linkDown();
            Lab.await(Duration.ofSeconds(20), () -> b.hasAddress(VIP), "n2 to take over from a cut link");
            a.linkUp();
            Lab.await(Duration.ofSeconds(20), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 back");

            a.signal(agentA, "TERM");
            assertTrue(agentA.waitFor(10, TimeUnit.SECONDS), "n1 exits on SIGTERM");
            Lab.await(Duration.ofSeconds(10), () -> b.hasAddress(VIP), "n2 to take over from a stop");
            Lab.await(Duration.ofSeconds(5), () -> logB.stream().anyMatch(l -> l.contains("claimed")
                    && logB.indexOf(l) > indexOf(logB, "stopped (priority 0 advert)")), "n2 to log its claim");

            // The README warns keepalived users: SIGUSR1 (keepalived's data dump) ends the agent at once, with
            // no priority 0 advert, and the VIP stays on the interface. If that changes, change the README.
            b.signal(agentB, "USR1");
            assertTrue(agentB.waitFor(10, TimeUnit.SECONDS), "SIGUSR1 ends the agent");
            assertEquals(128 + 10, agentB.exitValue(), "killed by SIGUSR1");
            assertTrue(b.hasAddress(VIP), "the VIP stays on n2's interface");
            assertEquals(Integer.MAX_VALUE, indexOf(logB, "shutdown"), "no hand-over was logged");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }

        List<String> problems = new ArrayList<>();
        for (Markdown.Block sample : samples) {
            List<String> shown = Markdown.output(sample).stream().filter(l -> !l.isBlank()).toList();
            Map<String, List<String>> sources = sample.marker().equals("log")
                    ? Map.of("n1's log", logA, "n2's log", logB)
                    : filter(outputs, sample.marker());
            String missing = null;
            for (Map.Entry<String, List<String>> source : sources.entrySet()) {
                missing = firstMissing(shown, source.getValue());
                if (missing == null) {
                    break;
                }
            }
            if (missing != null) {
                problems.add(sample.where() + ": not in " + sources.keySet() + " in this order: " + missing);
            }
        }
        // Log fragments quoted inline in the text: each is part of a line one agent logged.
        List<String> logged = new ArrayList<>();
        java.util.stream.Stream.concat(logA.stream(), logB.stream()).forEach(l -> logged.add(fragment(l)));
        int fragments = 0;
        for (java.nio.file.Path file : Markdown.operatorDocs()) {
            for (Markdown.Block span : Markdown.codeSpans(file)) {
                String text = span.lines().get(0);
                if (!LOG_FRAGMENT.matcher(text).find()) {
                    continue;
                }
                fragments++;
                String want = fragment(text);
                if (logged.stream().noneMatch(l -> l.contains(want))) {
                    problems.add(span.where() + ": `" + text + "` is not part of any line the agents logged");
                }
            }
        }
        assertTrue(fragments >= 8, "log fragments found: " + fragments);
        outputs.forEach((what, out) -> System.out.println("[" + what + "]\n" + String.join("\n", out)));
        assertEquals(List.of(), problems);
    }

    private static final java.util.regex.Pattern LOG_FRAGMENT = java.util.regex.Pattern.compile(
            "^((INIT|BACKUP|MASTER|FAULT) -> (INIT|BACKUP|MASTER|FAULT)|claimed |released |script \\S+: (up|down) )");

    /** A log line or an inline quote of one, as compared: Markdown.normal, any script's name, no "...". */
    static String fragment(String text) {
        return Markdown.normal(text).replaceAll("script \\S+:", "script S:").replace("...", "").strip();
    }

    /**
     * The first sample line with no matching real line after the previous match, or null when all are there
     * in order.
     */
    static String firstMissing(List<String> shown, List<String> real) {
        int at = 0;
        for (String line : shown) {
            int found = -1;
            for (int i = at; i < real.size(); i++) {
                if (Markdown.matches(line, real.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return line;
            }
            at = found + 1;
        }
        return null;
    }

    private static Map<String, List<String>> filter(Map<String, List<String>> outputs, String kind) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        outputs.forEach((what, out) -> {
            if (what.startsWith(kind + " ")) {
                kept.put(what, out);
            }
        });
        return kept;
    }

    private static int indexOf(List<String> log, String text) {
        List<String> snapshot = List.copyOf(log);
        for (int i = 0; i < snapshot.size(); i++) {
            if (snapshot.get(i).contains(text)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static void log(String node, List<String> log, String line) {
        log.add(line);
        System.out.println("[" + node + "] " + line);
    }

    /** `floatip ARGS` in the node, as an operator runs it; its output lines. */
    private static List<String> run(Node node, String... args) {
        ProcessResult r = node.exec(Duration.ofSeconds(60), AgentCommand.of(args));
        return r.output().lines().toList();
    }

    /** The docs' pair: VRRPv3, VRID 51, adverts every 100 ms (the docs' 1 s, faster), chk_haproxy tracked. */
    private static Path config(Path dir, String node, int priority, String check) throws Exception {
        return Files.writeString(dir.resolve(node + ".yaml"), """
                global: {script_user: nobody}
                scripts:
                  chk_haproxy: {command: %s, interval: 500ms, timeout: 5s, rise: 2, fall: 2, weight: -60}
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: %d
                    advert_interval: 100ms
                    virtual_ips: [%s/24]
                    track_scripts: [chk_haproxy]
                """.formatted(check, priority, VIP));
    }
}
