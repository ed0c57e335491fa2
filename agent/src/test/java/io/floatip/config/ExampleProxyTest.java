package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.NginxConf;
import io.floatip.lab.Node;
import io.floatip.lab.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy configs of examples/ are real: haproxy and nginx accept them, and run as written inside a lab node
 * (n1, 198.51.100.11), where the check scripts the floatip configs track find them healthy, and the client
 * reaches the proxy on the node's address and on the VIP added after the proxy started. Everything runs in the
 * lab's namespaces (nginx -t binds its ports, so it runs there too); the lab stops what it started by PID.
 */
class ExampleProxyTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path HAPROXY_CFG = REPO.resolve("examples/haproxy-pair/haproxy.cfg");
    private static final Path NGINX_SITE = REPO.resolve("examples/nginx-pair/floatip-site.conf");
    private static final Path SYSCTL = REPO.resolve("examples/haproxy-pair/sysctl.conf");
    private static final Path HAPROXY_FLOATIP = REPO.resolve("examples/haproxy-pair/floatip-b.yaml");
    private static final String VIP = "198.51.100.50";
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static Lab lab;

    @TempDir
    Path tmp;

    private static Path tool(String name, String debianPackage) {
        return HostTests.requireTool(name, debianPackage);
    }

    @BeforeAll
    static void lab() {
        HostTests.requireRoot("ExampleProxyTest runs haproxy and nginx in network namespaces and needs root");
        tool("haproxy", "haproxy");
        tool("nginx", "nginx");
        tool("curl", "curl");
        // n1 runs the proxies; n2 gets the sysctl settings, so they cannot help or hinder n1's proxies.
        lab = Lab.create("exproxy", 2);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @Test
    void haproxyAcceptsTheExampleConfig() {
        ProcessResult check = lab.node(1).exec("haproxy", "-c", "-f", HAPROXY_CFG.toString());
        assertTrue(check.ok() && check.output().contains("Configuration file is valid"), check.output());
    }

    @Test
    void nginxAcceptsTheExampleSite() throws IOException {
        Path conf = nginxConf(tmp.resolve("nginx-t"));
        ProcessResult check = lab.node(1).exec("nginx", "-t", "-p", conf.getParent().toString(),
                "-c", conf.toString(), "-e", conf.resolveSibling("error.log").toString());
        assertTrue(check.ok() && check.output().contains("test is successful"), check.output());
    }

    /**
     * The example as written, but for its stats socket, which would land in the host's /run/haproxy. Its
     * chroot, user and log lines work as they are; the backends (203.0.113.21/22) are unreachable from the lab,
     * so the client's request gets haproxy's own 503, which still proves the frontend answered.
     */
    @Test
    void theExampleHaproxyRunsAndCheckHaproxyFindsItHealthy() throws Exception {
        Node n1 = lab.node(1);
        String text = Files.readString(HAPROXY_CFG);
        String socket = "stats socket /run/haproxy/admin.sock";
        assertTrue(text.contains(socket), "the example's stats socket line moved: update this test");
        Path cfg = tmp.resolve("haproxy.cfg");
        Files.writeString(cfg, text.replace(socket, "stats socket " + tmp.resolve("admin.sock")));
        // A name of its own, so check_haproxy's process test sees this haproxy and no other on the machine.
        String name = uniqueName("fipexhap-");
        Path binary = renamed(tool("haproxy", "haproxy"), name);
        Path log = tmp.resolve("haproxy.log");
        Process haproxy = n1.start(List.of(binary.toString(), "-db", "-f", cfg.toString()), log);
        try {
            awaitListening(n1, 8404, haproxy, log);
            awaitListening(n1, 80, haproxy, log);
            check(n1, "check_haproxy", "FLOATIP_HAPROXY_PROCESS=" + name, 0);
            assertEquals("503", httpStatus(lab.client(), n1.ipv4()), "haproxy answers on *:80");
            // What floatip does on becoming master: the VIP, added after haproxy bound *:80, is served at once.
            n1.ip("addr", "add", VIP + "/24", "dev", n1.iface()).orThrow();
            assertEquals("503", httpStatus(lab.client(), VIP), "haproxy answers on the VIP");
        } finally {
            stop(n1, haproxy);
            n1.ip("addr", "del", VIP + "/24", "dev", n1.iface());
        }
        check(n1, "check_haproxy", "FLOATIP_HAPROXY_PROCESS=" + name, 5);
    }

    /**
     * What the README says about binding the VIP itself: on a backup (no VIP) haproxy cannot start while
     * ip_nonlocal_bind is 0, and starts once sysctl.conf is applied.
     */
    @Test
    void bindingTheVipItselfNeedsTheSysctlOnTheBackup() throws Exception {
        String text = Files.readString(HAPROXY_CFG);
        String socket = "stats socket /run/haproxy/admin.sock";
        assertTrue(text.contains("    bind *:80\n") && text.contains(socket), "the example changed: update this test");
        Path cfg = tmp.resolve("haproxy-vip.cfg");
        Files.writeString(cfg, text.replace("    bind *:80\n", "    bind " + VIP + ":80\n")
                .replace(socket, "stats socket " + tmp.resolve("admin-vip.sock")));
        Path binary = renamed(tool("haproxy", "haproxy"), uniqueName("fipexhap-"));
        List<String> argv = List.of(binary.toString(), "-db", "-f", cfg.toString());

        Node n1 = lab.node(1);
        assertEquals("0", n1.exec("sysctl", "-n", "net.ipv4.ip_nonlocal_bind").orThrow().output().strip());
        Path refusedLog = tmp.resolve("haproxy-refused.log");
        Process refused = n1.start(argv, refusedLog);
        assertTrue(refused.waitFor(10, TimeUnit.SECONDS), "haproxy gives up at once");
        assertTrue(refused.exitValue() != 0 && read(refusedLog).contains("Cannot assign requested address"),
                read(refusedLog));

        Node n2 = lab.node(2);
        assertTrue(n2.exec("sysctl", "-p", SYSCTL.toString()).ok());
        Path log = tmp.resolve("haproxy-vip.log");
        Process haproxy = n2.start(argv, log);
        try {
            awaitListening(n2, 80, haproxy, log);
            awaitListening(n2, 8404, haproxy, log);
            check(n2, "check_haproxy", "FLOATIP_HAPROXY_PROCESS=" + binary.getFileName(), 0);
        } finally {
            stop(n2, haproxy);
        }
    }

    /** The site as written, included from a main config whose pid and temp paths are the test's own. */
    @Test
    void theExampleNginxSiteRunsAndCheckNginxFindsItHealthy() throws Exception {
        Node n1 = lab.node(1);
        Path conf = nginxConf(tmp.resolve("nginx-run"));
        String name = uniqueName("fipexngx-");
        Path binary = renamed(tool("nginx", "nginx"), name);
        Path log = tmp.resolve("nginx.log");
        Process nginx = n1.start(List.of(binary.toString(), "-p", conf.getParent().toString(), "-c",
                conf.toString(), "-e", "stderr", "-g", "daemon off;"), log);
        try {
            awaitListening(n1, 8405, nginx, log);
            awaitListening(n1, 80, nginx, log);
            check(n1, "check_nginx", "FLOATIP_NGINX_PROCESS=" + name, 0);
            // The upstreams are unreachable from the lab: nginx's own 502 proves the proxy server answered.
            assertEquals("502", httpStatus(lab.client(), n1.ipv4()), "nginx answers on port 80");
            n1.ip("addr", "add", VIP + "/24", "dev", n1.iface()).orThrow();
            assertEquals("502", httpStatus(lab.client(), VIP), "nginx answers on the VIP");
            ProcessResult other = n1.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "http://127.0.0.1:8405/other");
            assertEquals("404", other.output().strip(), "the health server answers only /healthz");
        } finally {
            stop(n1, nginx);
            n1.ip("addr", "del", VIP + "/24", "dev", n1.iface());
        }
        check(n1, "check_nginx", "FLOATIP_NGINX_PROCESS=" + name, 5);
    }

    /**
     * sysctl.conf applies as written (every key exists, in a namespace too) and sets what its comments say;
     * floatip doctor then reports the three settings it checks as OK.
     */
    @Test
    void theSysctlSnippetAppliesAndDoctorAgrees() throws Exception {
        Node n2 = lab.node(2);
        ProcessResult apply = n2.exec("sysctl", "-p", SYSCTL.toString());
        assertTrue(apply.ok(), apply.output());
        List<String> keys = List.of("net.ipv4.ip_nonlocal_bind", "net.ipv6.ip_nonlocal_bind",
                "net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.all.arp_announce");
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            values.add(n2.exec("sysctl", "-n", key).orThrow().output().strip());
        }
        assertEquals(List.of("1", "1", "1", "2"), values);

        // Node B's config (n2 is 198.51.100.12); its programs from this checkout, run as a user this host has.
        String config = Files.readString(HAPROXY_FLOATIP)
                .replace("/usr/share/floatip/check-scripts/", REPO.resolve("check-scripts") + "/")
                .replace("/etc/floatip/notify.sh", REPO.resolve("examples/notify.sh").toString())
                .replace("script_user: floatip_script", "script_user: nobody");
        Path cfg = tmp.resolve("floatip-b.yaml");
        Files.writeString(cfg, config);
        List<String> argv = AgentCommand.of("doctor", "-c", cfg.toString(), "--listen", "0");
        ProcessResult doctor = n2.exec(Duration.ofSeconds(30), argv);
        for (String check : List.of("net.ipv4.ip_nonlocal_bind:", "net.ipv4.conf.eth0.arp_ignore:",
                "net.ipv4.conf.eth0.arp_announce:", "interface eth0:", "scripts:", "config:")) {
            assertTrue(doctor.output().lines().anyMatch(l -> l.startsWith("OK") && l.contains(" " + check + " ")),
                    "doctor: OK for " + check + "\n" + doctor.output());
        }
        assertTrue(doctor.output().contains("OK    net.ipv4.ip_nonlocal_bind: 1:"), doctor.output());
        assertTrue(doctor.ok(), doctor.output());
    }

    /** A main nginx.conf in {@code prefix} that includes the example site, every path it writes under prefix. */
    private static Path nginxConf(Path prefix) throws IOException {
        Files.createDirectories(prefix);
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "user nobody nogroup;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "worker_processes 1;",
                "events { worker_connections 64; }",
                "http {",
                "    access_log " + prefix.resolve("access.log") + ";",
                NginxConf.tempPaths(prefix),
                "    include " + NGINX_SITE + ";",
                "}",
                ""));
        return conf;
    }

    /** Runs check-scripts/NAME under dash in {@code host} as floatip would: a clean environment. */
    private static void check(Host host, String script, String env, int expected) {
        List<String> argv = List.of("env", "-i", "PATH=" + PATH, env, "/bin/dash",
                REPO.resolve("check-scripts").resolve(script).toString());
        ProcessResult run = host.exec(Duration.ofSeconds(15), argv);
        assertEquals(expected, run.exitCode(), script + " exited " + run.exitCode() + ": " + run.output());
    }

    private static String httpStatus(Host client, String address) {
        ProcessResult curl = client.exec(Duration.ofSeconds(20), List.of("curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--noproxy", "*", "--max-time", "15", "http://" + address + "/"));
        return curl.output().strip();
    }

    private static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    /** A link named {@code name} to {@code binary}: run through it, the kernel gives the process that name. */
    private Path renamed(Path binary, String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("links"));
        return Files.createSymbolicLink(dir.resolve(name), binary);
    }

    private static void awaitListening(Host host, int port, Process server, Path log) {
        Lab.await(Duration.ofSeconds(10), () -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("exited " + server.exitValue() + ":\n" + read(log));
            }
            ProcessResult ss = host.exec("ss", "-Hltn", "sport = :" + port);
            return ss.ok() && !ss.output().isBlank();
        }, "a listener on port " + port + " in " + host);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM by PID to a process this lab started, and wait for it. */
    private static void stop(Host host, Process server) throws InterruptedException {
        if (server.isAlive()) {
            host.signal(server, "TERM");
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "pid " + server.pid() + " exits on SIGTERM");
        }
    }
}
