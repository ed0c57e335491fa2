package io.floatip.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.host.InjectMain;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.NftDrop;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.ProcessResult;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's, started here with a config and data dir of its own, listening on the
 * client namespace's 127.0.0.1) scrapes two running agents across the lab's switch and evaluates the shipped
 * rules, unchanged, every second. Each agent tracks a check script with weight 0 (FAULT while it fails)
 * that passes while a file of this test exists, so the test can take a node out and put it back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusHostTest {

    private static final String VIP = "198.51.100.50";
    private static final String VIP_LABEL = VIP + "/24";
    private static final int METRICS_PORT = 9650;

    @TempDir
    static Path dir;

    private static Lab lab;
    private static Node n1;
    private static Node n2;
    private static Process agent2;
    private static PrometheusApi prometheus;

    @BeforeAll
    static void start() throws Exception {
        HostTests.requireRoot("PrometheusHostTest runs agents and Prometheus in network namespaces, and needs root");
        Path binary = HostTests.requireTool("prometheus", "prometheus");
        HostTests.requireTool("curl", "curl");
        lab = Lab.create("prom", 2);
        n1 = lab.node(1);
        n2 = lab.node(2);
        startAgent(n1, 150);
        agent2 = startAgent(n2, 100);

        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                rule_files: ['%s']
                scrape_configs:
                  - job_name: floatip
                    static_configs:
                      - targets: ['%s', '%s']
                """.formatted(MonitoringFiles.RULES, target(n1), target(n2)));
        Host client = lab.client();
        client.start(List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + PrometheusApi.LISTEN, "--log.level=warn"),
                line -> System.out.println("[prometheus] " + line));
        prometheus = new PrometheusApi(client);
        Lab.await(Duration.ofSeconds(30), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
        Lab.await(Duration.ofSeconds(30), () -> {
            try {
                return prometheus.query("up{job=\"floatip\"} == 1").size() == 2
                        && holders().equals("1");
            } catch (IllegalStateException notYet) {
                return false;
            }
        }, "Prometheus to scrape both agents and see one holder of the VIP");
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** The dashboard's and the rules' metric names, against what a running agent serves on /metrics. */
    @Test
    @Order(1)
    void everyMetricTheDashboardAndTheRulesNameIsOneTheAgentExports() {
        ProcessResult scrape = n1.exec("curl", "-s", "-S", "-m", "3", "http://" + target(n1) + "/metrics");
        assertTrue(scrape.ok(), scrape.describe());
        Set<String> exported = new TreeSet<>();
        for (String line : scrape.output().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                exported.add(line.split(" ")[2]);
            }
        }
        assertTrue(exported.contains("floatip_vip_held") && exported.size() > 15, "exported: " + exported);
        Set<String> used = new TreeSet<>();
        for (String q : MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())) {
            used.addAll(MonitoringFiles.metricNames(q));
        }
        Set<String> inRules = new TreeSet<>();
        for (String q : MonitoringFiles.ruleQueries(MonitoringFiles.rules())) {
            inRules.addAll(MonitoringFiles.metricNames(q));
        }
        Set<String> unknown = new TreeSet<>(used);
        unknown.addAll(inRules);
        unknown.removeAll(exported);
        assertEquals(Set.of(), unknown, "names the dashboard or the rules use that the agent does not export");
        Set<String> unshown = new TreeSet<>(exported);
        unshown.removeAll(used);
        System.out.println("[monitoring] the agent exports " + exported.size() + " families; the dashboard shows "
                + used.size() + ", the rules use " + inRules.size() + "; not on the dashboard: " + unshown);
    }

    /** Each dashboard query, with Grafana's variables filled in, runs on the real server; the key ones have data. */
    @Test
    @Order(2)
    void everyDashboardQueryRunsOnPrometheus() {
        List<String> failures = new ArrayList<>();
        int withData = 0;
        for (String q : MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())) {
            String promql = q.startsWith("label_values(") ? q.substring("label_values(".length(), q.indexOf(','))
                    : q.replace("$node", ".*").replace("$__rate_interval", "1m");
            try {
                if (!prometheus.query(promql).isEmpty()) {
                    withData++;
                }
            } catch (IllegalStateException e) {
                failures.add(q + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(List.of(Map.entry(Map.of("vip", VIP_LABEL), "1")),
                prometheus.query("sum by (vip) (floatip_vip_held)"));
        System.out.println("[monitoring] " + withData + " dashboard queries returned data on a healthy pair");
        assertTrue(withData >= 10, "queries with data: " + withData);
    }

    @Test
    @Order(3)
    void theRulesFireOnRealFailuresAndResolve() throws Exception {
        // A healthy pair fires nothing, and nothing waits to.
        Lab.await(Duration.ofSeconds(30), () -> prometheus.alerts().isEmpty(), "no alert pending or firing");

        // n1's check fails: n1 goes to FAULT, n2 takes the VIP, and FloatipCheckDown fires for n1 after 30 s.
        long t = System.nanoTime();
        Files.delete(okFile(n1));
        Lab.await(Duration.ofSeconds(10), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "the VIP to move to n2");
        Lab.await(Duration.ofSeconds(60), () -> prometheus.firing("FloatipCheckDown", "instance", target(n1)),
                "FloatipCheckDown for n1");
        report("FloatipCheckDown fired", t);
        assertFalse(prometheus.firing("FloatipCheckDown", "instance", target(n2)), "n2's check is fine");
        assertFalse(prometheus.firing("FloatipVipNotHeld") || prometheus.firing("FloatipVipHeldTwice"),
                "one holder: " + prometheus.alerts());

        // n2's check fails too: nobody holds the VIP; FloatipVipNotHeld fires after 15 s.
        t = System.nanoTime();
        Files.delete(okFile(n2));
        Lab.await(Duration.ofSeconds(10), () -> !n2.hasAddress(VIP), "n2 to release the VIP");
        Lab.await(Duration.ofSeconds(45), () -> prometheus.firing("FloatipVipNotHeld", "vip", VIP_LABEL),
                "FloatipVipNotHeld");
        report("FloatipVipNotHeld fired", t);
        Files.writeString(okFile(n1), "");
        Files.writeString(okFile(n2), "");
        Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP again");
        Lab.await(Duration.ofSeconds(20), () -> !prometheus.firing("FloatipVipNotHeld")
                && !prometheus.firing("FloatipCheckDown"), "the two alerts to resolve");

        // The nodes stop hearing each other (the switch drops IP protocol 112; a filter inside a node would not
        // do, libpcap reads frames before netfilter): both hold the VIP, and FloatipVipHeldTwice fires.
        t = System.nanoTime();
        NftDrop.inSwitch(lab, "fip_prom", "ip protocol 112");
        try {
            Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && n2.hasAddress(VIP), "both to hold the VIP");
            Lab.await(Duration.ofSeconds(40), () -> prometheus.firing("FloatipVipHeldTwice", "vip", VIP_LABEL),
                    "FloatipVipHeldTwice");
            report("FloatipVipHeldTwice fired", t);
            assertTrue(prometheus.alerts().stream().anyMatch(a -> a.firing() && a.name().equals("FloatipVipHeldTwice")
                    && a.value().startsWith("2")), "two holders: " + prometheus.alerts());
        } finally {
            NftDrop.clearSwitch(lab, "fip_prom");
        }
        Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n2 to yield");
        Lab.await(Duration.ofSeconds(20), () -> !prometheus.firing("FloatipVipHeldTwice"), "the alert to resolve");

        // A sender on the segment with broken frames (a bad VRRP checksum: an interface drop) and VRRPv2 adverts
        // for this VRID (an instance drop). The drop series are exported at 0 from the start, so the very first
        // burst is an increase Prometheus sees, and both alerts fire at the next evaluation.
        t = System.nanoTime();
        inject(lab.client(), 20);
        Lab.await(Duration.ofSeconds(20), () -> prometheus.firing("FloatipInterfaceDrops", "reason", "bad_checksum")
                && prometheus.firing("FloatipAdvertDrops", "reason", "version_mismatch"),
                "FloatipInterfaceDrops (bad_checksum) and FloatipAdvertDrops (version_mismatch)");
        report("FloatipInterfaceDrops and FloatipAdvertDrops fired", t);

        // Something deletes the VIP on the master; its VIP guard puts it back, and the alert says it happened.
        assertFalse(prometheus.firing("FloatipVipRemovedByOthers"), "nothing removed a VIP yet");
        t = System.nanoTime();
        n1.ip("addr", "del", VIP_LABEL, "dev", "eth0").orThrow();
        Lab.await(Duration.ofSeconds(5), () -> n1.hasAddress(VIP), "n1's VIP guard to put the VIP back");
        Lab.await(Duration.ofSeconds(20), () -> prometheus.firing("FloatipVipRemovedByOthers", "instance", target(n1)),
                "FloatipVipRemovedByOthers for n1");
        report("FloatipVipRemovedByOthers fired", t);

        // n2's agent stops: FloatipAgentDown fires for it after 30 s; n1 still holds the VIP.
        t = System.nanoTime();
        n2.signal(agent2, "TERM");
        Lab.await(Duration.ofSeconds(60), () -> prometheus.firing("FloatipAgentDown", "instance", target(n2)),
                "FloatipAgentDown for n2");
        report("FloatipAgentDown fired", t);
        assertFalse(prometheus.firing("FloatipAgentDown", "instance", target(n1)), "n1 still answers");
        assertFalse(prometheus.firing("FloatipVipNotHeld") || prometheus.firing("FloatipVipHeldTwice"),
                "n1 holds the VIP alone: " + prometheus.alerts());
    }

    // ---- helpers ----

    private static Process startAgent(Node node, int priority) throws Exception {
        Path ok = okFile(node);
        Files.writeString(ok, "");
        Path config = PairConfig.write(dir, node.name(), 3, priority, 10, true, VIP_LABEL, """
                    track_scripts: [chk_ok]
                global:
                  script_user: root          # not floatip_script, which a machine with the package has
                  metrics: {listen: '%s'}
                scripts:
                  chk_ok:
                    command: [/usr/bin/test, -e, '%s']
                    interval: 500ms
                    timeout: 3s                # a loaded CI machine can take 200 ms to start `test`
                """.formatted(target(node), ok));
        return node.start(AgentCommand.run(config), line -> System.out.println("[" + node.name() + "] " + line));
    }

    /** Sends {@code each} bad-checksum VRRPv3 frames and VRRPv2 adverts for VRID 51 from {@code from}'s eth0. */
    private static void inject(Host from, int each) throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName(from.ipv4());
        byte[] mac = HexFormat.of().parseHex(from.mac().replace(":", ""));
        byte[] group = io.floatip.protocol.Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP);
        List<InetAddress> vips = List.of(InetAddress.getByName(VIP));
        byte[] badChecksum = VrrpCodec.encodeFrame(new VrrpPacket(3, 51, 254, 10, vips, AuthType.NONE, new byte[0],
                src, VrrpCodec.MULTICAST_GROUP, 255), mac, group, 1);
        badChecksum[40] ^= 0x55; // in the VRRP checksum field
        byte[] version2 = VrrpCodec.encodeFrame(new VrrpPacket(2, 51, 254, 100, vips, AuthType.NONE, new byte[8],
                src, VrrpCodec.MULTICAST_GROUP, 255), mac, group, 2);
        List<String> argv = new ArrayList<>(AgentCommand.java(AgentCommand.SignalMode.JVM));
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(), from.ns(),
                "eth0", Integer.toString(2 * each), "2000", HexFormat.of().formatHex(badChecksum),
                HexFormat.of().formatHex(version2)));
        Process inject = from.start(argv, line -> System.out.println("[inject] " + line));
        assertTrue(inject.waitFor(60, TimeUnit.SECONDS), "the injector to finish");
        assertEquals(0, inject.exitValue(), "the injector's exit code");
    }

    private static Path okFile(Node node) {
        return dir.resolve("ok-" + node.name());
    }

    private static String target(Node node) {
        return node.ipv4() + ":" + METRICS_PORT;
    }

    /** How many nodes Prometheus sees holding the VIP, as its query returns it ("" before it knows). */
    private static String holders() {
        var r = prometheus.query("sum(floatip_vip_held{vip=\"" + VIP_LABEL + "\"})");
        return r.isEmpty() ? "" : r.get(0).getValue();
    }

    private static void report(String what, long since) {
        System.out.printf("[timing] %s %d ms after the failure began%n", what, (System.nanoTime() - since) / 1_000_000);
    }
}
