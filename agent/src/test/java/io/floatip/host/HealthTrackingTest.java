package io.floatip.host;

import static io.floatip.host.HostTests.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.protocol.PcapFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VIP follows a healthy proxy: real haproxy on each node, floatip tracking it with the shipped
 * check_haproxy script, notify scripts writing what they are told, a client asking the VIP over HTTP.
 */
class HealthTrackingTest {
    static final String VIP = "198.51.100.50";
    static final Path CHECK_SCRIPTS = Path.of("..", "check-scripts").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void theVipLeavesANodeWhoseHaproxyStopsAndReturnsWhenItIsBack() throws Exception {
        try (Lab lab = Lab.create("hap", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            Process haproxy1 = startHaproxy(n1);
            startHaproxy(n2);
            Process agent1 = startAgent(n1, 150);
            startAgent(n2, 100);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(5), () -> "n1".equals(get(client)), "the client to be served by n1");

            long stop = System.nanoTime();
            n1.signal(haproxy1, "TERM");
            haproxy1.waitFor(5, TimeUnit.SECONDS);
            Lab.await(Duration.ofSeconds(10), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "the VIP to move to n2");
            System.out.printf("[timing] haproxy stopped on n1 -> n2 holds the VIP: %d ms (fall 2 x 200 ms + "
                    + "Master_Down_Interval)%n", ms(System.nanoTime() - stop));
            Lab.await(Duration.ofSeconds(5), () -> "n2".equals(get(client)), "the client to be served by n2");

            long start = System.nanoTime();
            startHaproxy(n1);
            Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "the VIP to return");
            System.out.printf("[timing] haproxy back on n1 -> n1 holds the VIP: %d ms%n", ms(System.nanoTime() - start));
            Lab.await(Duration.ofSeconds(5), () -> "n1".equals(get(client)), "the client to be served by n1 again");

            Path notified = dir.resolve("notify-n1.log");
            Lab.await(Duration.ofSeconds(5), () -> lines(notified).size() >= 8, "n1's notifications");
            assertEquals(List.of(
                    "backup",
                    "INSTANCE VI_1 BACKUP 150",
                    "master",
                    "INSTANCE VI_1 MASTER 150",
                    "backup",
                    "INSTANCE VI_1 BACKUP 90",
                    "master",
                    "INSTANCE VI_1 MASTER 150"), lines(notified), "in order, keepalived's arguments");

            n1.signal(agent1, "TERM");
            Lab.await(Duration.ofSeconds(3), () -> lines(notified).size() >= 9, "the stop notification");
            assertEquals("INSTANCE VI_1 STOP 150", lines(notified).get(8), "STOP, within the bounded stop");
        }
    }

    @Test
    void hangingCheckAndNotifyScriptsDoNotDelayAdverts() throws Exception {
        try (Lab lab = Lab.create("hang", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            Path hang = script("hang.sh", "#!/bin/sh\nsleep 1000 & sleep 1000\n");
            Path config = PairConfig.write(dir, "n1", 3, 150, 10, true, VIP + "/24", """
                        track_scripts: [chk_hang]
                        notify: {any: %s, master: %s}
                    """.formatted(hang, hang) + scriptsSection("chk_hang", hang.toString(), "200ms", "300ms", -10));
            List<String> log = new CopyOnWriteArrayList<>();
            n1.start(AgentCommand.run(config), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to become master");

            Path capture = dir.resolve("adverts.pcap");
            List<String> out = new CopyOnWriteArrayList<>();
            Process dump = client.start(List.of("tcpdump", "-i", "eth0", "-n", "-U", "-c", "30", "-w",
                    capture.toString(), "ip proto 112"), out::add);
            assertTrue(dump.waitFor(20, TimeUnit.SECONDS), "30 adverts captured: " + out);
            List<Long> gaps = PcapFile.gapsMillis(capture);
            assertEquals(PcapFile.frames(capture).size(), PcapFile.timestampsMicros(capture).size());
            long worst = gaps.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("[timing] advert gaps under hanging scripts: max %d ms, all %s%n", worst, gaps);
            assertTrue(worst <= 130, "adverts every 100 ms, worst gap " + worst + " ms");
            assertTrue(log.stream().anyMatch(l -> l.contains("script chk_hang") && l.contains("down")
                    && l.contains("timed out")), "the hung check timed out and counts as a failure: " + log);
            // Each timed-out run's whole process group was killed: the backgrounded sleeps did not pile up.
            long sleeps = n1.exec("sh", "-c", "ip netns pids " + n1.ns() + " | xargs -r ps -o comm= -p | grep -c "
                    + "'^sleep$' || true").output().strip().lines().mapToLong(Long::parseLong).sum();
            assertTrue(sleeps <= 4, "leftover sleeps: " + sleeps);
        }
    }

    @Test
    void aTrackedInterfaceGoingDownGivesFaultAndTheVipMoves() throws Exception {
        try (Lab lab = Lab.create("trk", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            HostTests.addEth1(n1);
            HostTests.addEth1(n2);
            List<String> log1 = new CopyOnWriteArrayList<>();
            for (Node n : List.of(n1, n2)) {
                Path config = PairConfig.write(dir, n.name(), 3, n == n1 ? 150 : 100, 10, true, VIP + "/24",
                        "    track_interfaces: [eth1]\n");
                n.start(AgentCommand.run(config), line -> {
                    if (n == n1) {
                        log1.add(line);
                    }
                    System.out.println("[" + n.name() + "] " + line);
                });
            }
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            n1.ip("link", "set", "eth1", "down").orThrow();
            Lab.await(Duration.ofSeconds(5), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "the VIP to move");
            Lab.await(Duration.ofSeconds(2), () -> log1.stream().anyMatch(l -> l.contains("MASTER -> FAULT")
                    && l.contains("interface eth1 is down")), "n1 to log FAULT with its reason");
            n1.ip("link", "set", "eth1", "up").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> log1.stream().anyMatch(l -> l.contains("FAULT -> BACKUP")),
                    "n1 to leave FAULT through BACKUP");
            Lab.await(Duration.ofSeconds(5), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "the VIP to return");
        }
    }

    @Test
    void scriptsRunAsTheScriptUserWithACleanEnvironment() throws Exception {
        try (Lab lab = Lab.create("user", 1)) {
            Node n1 = lab.node(1);
            // The script's folder must be safe (root's, not writable by others); the output folder is open.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path out = Files.createDirectory(dir.resolve("out"));
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path check = script("whoami.sh", "#!/bin/sh\nid -u > " + out.resolve("uid") + "\nenv | sort > "
                    + out.resolve("env") + "\n");
            Path config = PairConfig.write(dir, "n1", 3, 150, 10, true, VIP + "/24", """
                        track_scripts: [chk_user]
                    global:
                      script_user: nobody
                    scripts:
                      chk_user: {command: %s, interval: 1s}
                    """.formatted(check));
            List<String> argv = new ArrayList<>(List.of("env", "LD_LIBRARY_PATH=/nonexistent", "IFS=x",
                    "FLOATIP_SECRET=leak"));
            argv.addAll(AgentCommand.run(config));
            n1.start(argv, line -> System.out.println("[n1] " + line));
            Lab.await(Duration.ofSeconds(15), () -> lines(out.resolve("env")).size() > 0, "the script to run");
            assertEquals(List.of(n1.exec("id", "-u", "nobody").output().strip()), lines(out.resolve("uid")));
            List<String> env = lines(out.resolve("env"));
            assertTrue(env.stream().noneMatch(l -> l.startsWith("LD_LIBRARY_PATH=") || l.startsWith("IFS=")
                    || l.startsWith("FLOATIP_SECRET=")), "a clean environment: " + env);
            assertTrue(env.contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "" + env);
        }
    }

    // ---- helpers ----

    private Process startHaproxy(Node node) throws Exception {
        Path cfg = dir.resolve("haproxy-" + node.name() + ".cfg");
        Files.writeString(cfg, """
                global
                    pidfile %s
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend monitor
                    bind 127.0.0.1:8404
                    monitor-uri /healthz
                frontend web
                    bind :80
                    http-request return status 200 content-type text/plain string "%s"
                """.formatted(dir.resolve("haproxy-" + node.name() + ".pid"), node.name()));
        Process p = node.start(List.of("haproxy", "-db", "-f", cfg.toString()),
                line -> System.out.println("[haproxy " + node.name() + "] " + line));
        Lab.await(Duration.ofSeconds(10), () -> node.exec(CHECK_SCRIPTS.resolve("check_haproxy").toString(),
                "http://127.0.0.1:8404/healthz").ok(), "haproxy on " + node.name() + " to answer");
        return p;
    }

    private Process startAgent(Node node, int priority) throws Exception {
        Path notify = script("notify-" + node.name() + ".sh",
                "#!/bin/sh\necho \"$*\" >> " + dir.resolve("notify-" + node.name() + ".log") + "\n");
        String check = CHECK_SCRIPTS.resolve("check_haproxy") + " http://127.0.0.1:8404/healthz";
        Path config = PairConfig.write(dir, node.name(), 3, priority, 10, true, VIP + "/24", """
                    track_scripts: [chk_haproxy]
                    notify:
                      master: %s master
                      backup: %s backup
                      any: %s
                """.formatted(notify, notify, notify) + scriptsSection("chk_haproxy", check, "200ms", "1s", -60));
        return node.start(AgentCommand.run(config), line -> System.out.println("[" + node.name() + "] " + line));
    }

    /** The global and scripts sections, appended after the instance (YAML keys at the top level). */
    private static String scriptsSection(String name, String command, String interval, String timeout, int weight) {
        return """
                global:
                  script_user: root          # not floatip_script, which a machine with the package has
                scripts:
                  %s:
                    command: %s
                    interval: %s
                    timeout: %s
                    rise: 2
                    fall: 2
                    weight: %d
                """.formatted(name, command, interval, timeout, weight);
    }

    private Path script(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static String get(Host client) {
        var r = client.exec("curl", "-s", "-m", "1", "http://" + VIP + "/");
        return r.ok() ? r.output().strip() : null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
