package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.NginxConf;
import io.floatip.lab.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_nginx against a real nginx run in a lab node (n1) in the foreground, its pid file and temp
 * paths under the test's own directory, with the server block check-scripts/README.md tells
 * operators to add (taken from the README itself) plus one that answers 503.
 *
 * <p>As for haproxy, all but the first test run nginx through a link with a name no other process
 * has (FLOATIP_NGINX_PROCESS), so "no master runs" holds even beside the machine's own nginx.
 */
class CheckNginxTest {

    private static final Path SCRIPT = Scripts.script("check_nginx");
    private static final String DEFAULT_URL = "http://127.0.0.1:8405/healthz";
    private static final String FAILING_URL = "http://127.0.0.1:8406/healthz";
    private static final String SILENT_URL = "http://127.0.0.1:8407/healthz";

    private static Lab lab;
    private static Path nginxBinary;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private Map<String, String> wget;
    private final StringBuilder log = new StringBuilder();

    @BeforeAll
    static void lab() {
        Scripts.requireRoot();
        nginxBinary = Scripts.requireTool("nginx", "nginx");
        lab = Lab.create("chknginx", 1);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @BeforeEach
    void tools() {
        Scripts.requireTool("curl", "curl");
        Scripts.requireTool("wget", "wget");
        Scripts.requireTool("grep", "grep");
        wget = Scripts.path(Scripts.toolDir(tmp, "wget", "wget", "sed", "timeout", "pidof", "grep"));
    }

    /** A config whose every path is under {@code prefix}; {@code masterProcess} "on" is nginx's default. */
    private static Path config(Path prefix, String masterProcess) {
        Path cfg = prefix.resolve("nginx.conf");
        Scripts.write(cfg, String.join("\n",
                "user nobody nogroup;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "master_process " + masterProcess + ";",
                "worker_processes 2;",
                "error_log stderr;",
                "events { worker_connections 64; }",
                "http {",
                "    access_log off;",
                NginxConf.tempPaths(prefix),
                "    # From check-scripts/README.md, as an operator copies it:",
                Scripts.readmeSnippet("nginx").indent(4).stripTrailing(),
                "    server {",
                "        listen 127.0.0.1:8406;",
                "        location = /healthz { return 503; }",
                "    }",
                "}",
                ""));
        return cfg;
    }

    private Process startNginx(Node node, Path binary, String masterProcess) {
        Path prefix = tmp.resolve("nginx-" + masterProcess);
        Path cfg = config(prefix, masterProcess);
        Process p = node.start(List.of(binary.toString(), "-p", prefix.toString(), "-c", cfg.toString(),
                "-e", "stderr", "-g", "daemon off;"), Scripts.into(log));
        Scripts.awaitListening(node, 8405, p, log);
        return p;
    }

    private static Map<String, String> with(Map<String, String> env, String... pairs) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(env);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            copy.put(pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    /** Nothing set: the script looks for an "nginx" master and asks 127.0.0.1:8405/healthz. */
    @Test
    void withDefaultsItFindsTheMasterAndTheHealthz() {
        Node n1 = lab.node(1);
        Process nginx = startNginx(n1, nginxBinary, "on");
        try {
            Scripts.run(n1, Scripts.env(), SCRIPT).healthy();
            Scripts.run(n1, wget, SCRIPT).healthy();
        } finally {
            Scripts.stop(n1, nginx);
        }
    }

    @Test
    void everyWayItCanFail() {
        Node n1 = lab.node(1);
        String name = Scripts.uniqueName("fipngx-");
        Process nginx = startNginx(n1, Scripts.renamed(tmp.resolve("links"), nginxBinary, name), "on");
        Map<String, String> curl = Scripts.env("FLOATIP_NGINX_PROCESS", name);
        Map<String, String> viaWget = with(wget, "FLOATIP_NGINX_PROCESS", name);
        // No curl, wget or pidof: the master is found through /proc, then there is nothing to ask with.
        Map<String, String> noClient = Scripts.path(Scripts.toolDir(tmp, "grep", "grep"), "FLOATIP_NGINX_PROCESS", name);
        try {
            Scripts.run(n1, curl, SCRIPT).healthy();
            Scripts.run(n1, viaWget, SCRIPT).healthy();
            Scripts.run(n1, curl, SCRIPT, DEFAULT_URL, "0.5").healthy();

            Scripts.Run failing = Scripts.run(n1, curl, SCRIPT, FAILING_URL).expect(4);
            assertTrue(failing.output().contains("answered 503"), failing.output());
            Scripts.run(n1, viaWget, SCRIPT, FAILING_URL).expect(4);
            Scripts.run(n1, with(curl, "FLOATIP_NGINX_URL", FAILING_URL), SCRIPT).expect(4);
            Scripts.run(n1, with(curl, "FLOATIP_NGINX_URL", FAILING_URL), SCRIPT, DEFAULT_URL).healthy();

            Scripts.Run silent = Scripts.run(n1, curl, SCRIPT, SILENT_URL).expect(1);
            assertTrue(silent.output().contains("did not answer"), silent.output());
            Scripts.run(n1, viaWget, SCRIPT, SILENT_URL).expect(1);

            Scripts.run(n1, noClient, SCRIPT).expect(3);
        } finally {
            Scripts.stop(n1, nginx);
        }
        Scripts.Run stopped = Scripts.run(n1, curl, SCRIPT).expect(5);
        assertTrue(stopped.output().contains("no " + name + " master process runs"), stopped.output());
        Scripts.run(n1, viaWget, SCRIPT, DEFAULT_URL).expect(5);
        Scripts.run(n1, noClient, SCRIPT).expect(5);
    }

    /**
     * A master killed with SIGKILL leaves its workers behind, still serving: the URL answers 200, but
     * nothing will restart a worker or reload the config. check_nginx says so (5), check_http would not.
     */
    @Test
    void workersWithoutTheirMasterAreNotHealthy() throws InterruptedException {
        Node n1 = lab.node(1);
        String name = Scripts.uniqueName("fipngx-");
        Process master = startNginx(n1, Scripts.renamed(tmp.resolve("links"), nginxBinary, name), "on");
        Map<String, String> env = Scripts.env("FLOATIP_NGINX_PROCESS", name);
        List<ProcessHandle> workers = master.toHandle().children().toList();
        assertFalse(workers.isEmpty(), "nginx started its workers");
        try {
            Scripts.run(n1, env, SCRIPT).healthy();
            n1.signal(master, "KILL");
            master.waitFor();
            Scripts.run(n1, Scripts.env(), Scripts.script("check_http"), DEFAULT_URL).healthy();
            Scripts.run(n1, Scripts.env(), Scripts.script("check_process"), name).healthy();
            Scripts.run(n1, env, SCRIPT).expect(5);
        } finally {
            // The orphans are this test's own: stopped by pid.
            for (ProcessHandle worker : workers) {
                worker.destroy();
            }
            for (ProcessHandle worker : workers) {
                Lab.await(Duration.ofSeconds(10), () -> Scripts.exited(worker), "worker " + worker.pid() + " to exit");
            }
        }
    }

    /** master_process off: one process that serves, titled as no master; check_nginx does not count it. */
    @Test
    void singleProcessModeHasNoMaster() {
        Node n1 = lab.node(1);
        String name = Scripts.uniqueName("fipngx-");
        Process nginx = startNginx(n1, Scripts.renamed(tmp.resolve("links"), nginxBinary, name), "off");
        Map<String, String> env = Scripts.env("FLOATIP_NGINX_PROCESS", name);
        try {
            Scripts.run(n1, Scripts.env(), Scripts.script("check_http"), DEFAULT_URL).healthy();
            Scripts.run(n1, env, SCRIPT).expect(5);
        } finally {
            Scripts.stop(n1, nginx);
        }
    }
}
