package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.NginxConf;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/haproxy-pair as an operator builds it: its haproxy.cfg, sysctl.conf and floatip-a/b.yaml on two
 * nodes (n1 = lb-a, n2 = lb-b), the servers it names (203.0.113.21/22, .31/32, .41/42) on two backend nodes
 * (n3, n4) running nginx, and a client sending requests through the VIP to both frontends (the layer-7 one,
 * routing /app1 by path, and the layer-4 one, leastconn) while haproxy stops on lb-a (failover: floatip's
 * check_haproxy fails twice, lb-a drops to 90, lb-b takes the VIP) and starts again (failback). It counts
 * what clients lost in each phase and prints it; the README's table comes from these lines.
 */
class ProxyPairTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = REPO.resolve("examples/haproxy-pair");
    private static final String VIP = "198.51.100.50";
    /** What each backend node serves: its name, then (service, address, port). */
    private static final Map<String, List<String[]>> BACKENDS = Map.of(
            "web1", List.of(new String[] {"web", "203.0.113.21", "80"}, new String[] {"app1", "203.0.113.31", "80"},
                    new String[] {"tcp", "203.0.113.41", "9000"}),
            "web2", List.of(new String[] {"web", "203.0.113.22", "80"}, new String[] {"app1", "203.0.113.32", "80"},
                    new String[] {"tcp", "203.0.113.42", "9000"}));

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void clientsThroughBothFrontendsAcrossAFailoverAndAFailback() throws Exception {
        try (Lab lab = Lab.create("hapair", 4)) {
            Node lbA = lab.node(1);
            Node lbB = lab.node(2);
            Host client = lab.client();
            // The servers' network, on the same wire: each load balancer gets an address in it.
            lbA.ip("addr", "add", "203.0.113.11/24", "dev", "eth0").orThrow();
            lbB.ip("addr", "add", "203.0.113.12/24", "dev", "eth0").orThrow();
            startBackend(lab.node(3), "web1");
            startBackend(lab.node(4), "web2");
            Path cfg = haproxyConfig(lbA);
            Process haproxyA = null;
            for (Node lb : List.of(lbA, lbB)) {
                ProcessResult sysctl = lb.exec("sysctl", "-p", EXAMPLE.resolve("sysctl.conf").toString());
                assertTrue(sysctl.ok(), sysctl.describe());
                Process p = startHaproxy(lb, cfg);
                haproxyA = haproxyA == null ? p : haproxyA;
            }
            startAgent(lbA, "floatip-a.yaml");
            startAgent(lbB, "floatip-b.yaml");
            Lab.await(Duration.ofSeconds(30), () -> holds(lbA, lbB), "lb-a to hold the VIP");

            Map<String, Map<String, String>> steady = traffic(client, "steady", () -> HostTests.sleep(3000));
            for (Map<String, String> p : steady.values()) {
                assertEquals(p.get("requests"), p.get("ok"), "a steady pair loses nothing: " + p);
            }
            // leastconn: the kept-alive layer-4 connection holds one server, so new connections go to the other.
            String held = only(steady.get("l4-keepalive").get("served_by"));
            String other = held.equals("web1") ? "web2" : "web1";
            Map<String, String> l4new = steady.get("l4-new");
            assertTrue(count(l4new.get("served_by"), other) >= 0.9 * count(l4new.get("ok")),
                    "leastconn sends new connections to the server with none open: " + l4new);
            for (String probe : List.of("l7-new", "l7-keepalive")) {
                String served = steady.get(probe).get("served_by");
                assertTrue(served.contains("web1:") && served.contains("web2:"),
                        probe + " uses both servers: " + served);
            }

            Process stopped = haproxyA;
            long[] took = new long[2];
            Map<String, Map<String, String>> failover = traffic(client, "failover", () -> {
                HostTests.sleep(1000);
                long t = System.nanoTime();
                lbA.signal(stopped, "TERM");
                Lab.await(Duration.ofSeconds(20), () -> holds(lbB, lbA), "lb-b to take the VIP");
                took[0] = (System.nanoTime() - t) / 1_000_000;
                HostTests.sleep(3000);
            });
            Map<String, Map<String, String>> failback = traffic(client, "failback", () -> {
                HostTests.sleep(1000);
                long t = System.nanoTime();
                startHaproxy(lbA, cfg);
                Lab.await(Duration.ofSeconds(20), () -> holds(lbA, lbB), "lb-a to take it back");
                took[1] = (System.nanoTime() - t) / 1_000_000;
                HostTests.sleep(3000);
            });
            System.out.printf("[timing] haproxy stopped on lb-a -> lb-b holds the VIP: %d ms; haproxy started again -> "
                    + "lb-a holds it: %d ms%n", took[0], took[1]);
            print("steady", steady);
            print("failover", failover);
            print("failback", failback);

            for (Map<String, Map<String, String>> phase : List.of(failover, failback)) {
                for (Map<String, String> p : phase.values()) {
                    assertEquals("0", p.get("wrong_backend"), "/app1 and / never cross: " + p);
                    assertTrue(Integer.parseInt(p.get("ok_in_a_row_at_end")) >= 20, "served again at the end: " + p);
                }
                // A connection open through the node that loses the VIP does not survive: the probe saw it.
                for (String probe : List.of("l7-keepalive", "l4-keepalive")) {
                    Map<String, String> p = phase.get(probe);
                    assertTrue(Integer.parseInt(p.get("lost_connections")) >= 1, "the open connection is lost: " + p);
                }
            }
            // Nothing is served between haproxy's stop and lb-b's takeover: fall x interval (2 x 1 s) for the
            // check, up to one more interval for its phase, then Master_Down_Interval (3 x 1 s + Skew_Time).
            for (Map<String, String> p : failover.values()) {
                assertTrue(Long.parseLong(p.get("worst_gap_ms")) < took[0] + 2000, "no gap beyond the takeover: " + p);
            }
            // Failback moves a working VIP: only what was in flight or open on lb-b is lost. A request caught in
            // the move can go unanswered (seen once in three runs) and wait out the client's 2 s read timeout.
            for (Map<String, String> p : failback.values()) {
                assertTrue(Long.parseLong(p.get("worst_gap_ms")) < 4000, "a short gap at most: " + p);
                assertEquals("0", p.get("refused"), "lb-a's haproxy listens before lb-a takes the VIP: " + p);
            }
        }
    }

    // ---- the pieces ----

    /**
     * The example's haproxy.cfg, which haproxy -c passes without a warning, as it is but for its stats socket:
     * that would land in the host's /run, and both nodes would bind the same path.
     */
    private Path haproxyConfig(Node lb) throws Exception {
        ProcessResult check = lb.exec("haproxy", "-c", "-f", EXAMPLE.resolve("haproxy.cfg").toString());
        assertTrue(check.ok() && check.output().contains("Configuration file is valid")
                && !check.output().contains("WARNING") && !check.output().contains("ALERT"),
                "haproxy -c is clean: " + check.output());
        String text = Files.readString(EXAMPLE.resolve("haproxy.cfg"));
        String socket = "stats socket /run/haproxy/admin.sock";
        assertTrue(text.contains(socket), "the example's stats socket line moved: update this test");
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, text.replace(socket, "# " + socket));
        return cfg;
    }

    private static Process startHaproxy(Node lb, Path cfg) {
        Process p = lb.start(List.of("haproxy", "-db", "-f", cfg.toString()),
                line -> System.out.println("[haproxy " + lb.name() + "] " + line));
        Lab.await(Duration.ofSeconds(10), () -> lb.exec("curl", "-s", "-f", "-m", "1",
                "http://127.0.0.1:8404/healthz").ok(), "haproxy on " + lb.name());
        for (String url : List.of("http://127.0.0.1/", "http://127.0.0.1/app1/", "http://127.0.0.1:9000/")) {
            Lab.await(Duration.ofSeconds(15), () -> lb.exec("curl", "-s", "-f", "-m", "1", url).ok(),
                    "haproxy on " + lb.name() + " to reach the servers of " + url);
        }
        return p;
    }

    /** nginx answering "NAME SERVICE" on each of the node's service addresses, kept-alive connections kept long. */
    private void startBackend(Node node, String name) throws Exception {
        Path prefix = Files.createDirectories(dir.resolve("nginx-" + name));
        StringBuilder servers = new StringBuilder();
        for (String[] s : BACKENDS.get(name)) {
            node.ip("addr", "add", s[1] + "/24", "dev", "eth0").orThrow();
            servers.append("    server { listen ").append(s[1]).append(':').append(s[2])
                    .append("; location / { return 200 \"").append(name).append(' ').append(s[0])
                    .append("\\n\"; } }\n");
        }
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "user nobody nogroup;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "worker_processes 1;",
                "events { worker_connections 1024; }",
                "http {",
                "    access_log off;",
                "    keepalive_requests 1000000;",
                "    keepalive_timeout 300s;",
                NginxConf.tempPaths(prefix),
                servers.toString(),
                "}", ""));
        node.start(List.of("nginx", "-p", prefix.toString(), "-c", conf.toString(), "-e", "stderr",
                "-g", "daemon off;"), line -> System.out.println("[nginx " + name + "] " + line));
        for (String[] s : BACKENDS.get(name)) {
            Lab.await(Duration.ofSeconds(10), () -> node.exec("curl", "-s", "-f", "-m", "1",
                    "http://" + s[1] + ":" + s[2] + "/").ok(), name + " " + s[0] + " to answer");
        }
    }

    /** The example's floatip file, with this checkout's check script and a notify script of the test's. */
    private void startAgent(Node lb, String file) throws Exception {
        String text = Files.readString(EXAMPLE.resolve(file));
        for (String s : List.of("/usr/share/floatip/check-scripts/", "/etc/floatip/notify.sh",
                "script_user: floatip_script")) {
            assertTrue(text.contains(s), file + " no longer has " + s + ": update this test");
        }
        Path notify = dir.resolve("notify-" + lb.name() + ".sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$*\" >> " + dir.resolve("notify-" + lb.name() + ".log") + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = dir.resolve(file);
        Files.writeString(config, text
                .replace("/usr/share/floatip/check-scripts/", REPO.resolve("check-scripts") + "/")
                .replace("/etc/floatip/notify.sh", notify.toString())
                // not floatip_script, which only a machine with the package has
                .replace("script_user: floatip_script", "script_user: root"));
        lb.start(AgentCommand.run(config), line -> System.out.println("[" + lb.name() + "] " + line));
    }

    /** Runs the client's probes (ProxyClientMain) while {@code during} runs; each probe's counts by name. */
    private Map<String, Map<String, String>> traffic(Host client, String phase, Runnable during) throws Exception {
        Path stop = dir.resolve("stop-" + phase);
        List<String> argv = new ArrayList<>(AgentCommand.java(AgentCommand.SignalMode.JVM));
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), ProxyClientMain.class.getName(), VIP,
                stop.toString()));
        List<String> out = new CopyOnWriteArrayList<>();
        Process probe = client.start(argv, out::add);
        // On a loaded machine the probes' JVM can take seconds to start: the phase begins once all four are served.
        Lab.await(Duration.ofSeconds(30), () -> out.stream().filter(l -> l.startsWith("ready ")).count() == 4,
                "all four probes served through the VIP: " + out);
        during.run();
        Files.writeString(stop, "");
        assertTrue(probe.waitFor(20, TimeUnit.SECONDS), "the probes to stop: " + out);
        Lab.await(Duration.ofSeconds(5), () -> out.stream().filter(l -> l.startsWith("probe=")).count() == 4,
                "four probe summaries: " + out);
        Map<String, Map<String, String>> probes = new LinkedHashMap<>();
        for (String line : out) {
            if (line.startsWith("ready ")) {
                continue;
            } else if (line.startsWith("probe=")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String kv : line.split(" ")) {
                    int eq = kv.indexOf('=');
                    fields.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                probes.put(fields.get("probe"), fields);
            } else {
                System.out.println("[client] " + line);
            }
        }
        return probes;
    }

    /** {@code a} holds the VIP and {@code b} does not. */
    private static boolean holds(Node a, Node b) {
        return a.hasAddress(VIP) && !b.hasAddress(VIP);
    }

    private static void print(String phase, Map<String, Map<String, String>> probes) {
        for (Map<String, String> p : probes.values()) {
            System.out.printf("[proxy-pair] %-8s %-12s requests %5s ok %5s refused %4s reset %3s closed %3s "
                    + "timeout %3s http_error %3s wrong_backend %s lost_connections %s worst_gap_ms %5s "
                    + "served_by %s%n", phase, p.get("probe"), p.get("requests"), p.get("ok"), p.get("refused"), p.get("reset"), p.get("closed"),
                    p.get("timeout"), p.get("http_error"), p.get("wrong_backend"), p.get("lost_connections"),
                    p.get("worst_gap_ms"), p.get("served_by"));
        }
    }

    /** The one server in "web1:12," form; fails if there are several. */
    private static String only(String servedBy) {
        String[] parts = servedBy.split(",");
        assertEquals(1, parts.length, "one kept-alive connection, one server: " + servedBy);
        return parts[0].substring(0, parts[0].indexOf(':'));
    }

    private static int count(String servedBy, String server) {
        for (String part : servedBy.split(",")) {
            if (part.startsWith(server + ":")) {
                return Integer.parseInt(part.substring(server.length() + 1));
            }
        }
        return 0;
    }

    private static int count(String number) {
        return Integer.parseInt(number);
    }
}
