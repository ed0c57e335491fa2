package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_haproxy against a real haproxy run in a lab node (n1), configured with the frontend that
 * check-scripts/README.md tells operators to add (taken from the README itself), plus a second one
 * whose "monitor fail" holds because its backend's only server is down.
 *
 * <p>All but the first test run haproxy through a link with a name no other process has (and tell
 * the script so with FLOATIP_HAPROXY_PROCESS), so "haproxy is not running" holds even on a machine
 * whose own haproxy service runs.
 */
class CheckHaproxyTest {

    private static final Path SCRIPT = Scripts.script("check_haproxy");
    private static final String DEFAULT_URL = "http://127.0.0.1:8404/healthz";
    private static final String FAILING_URL = "http://127.0.0.1:8406/healthz";
    private static final String SILENT_URL = "http://127.0.0.1:8407/healthz";

    private static Lab lab;
    private static Path haproxyBinary;
    private static Path cfg;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private Map<String, String> wget;
    private final StringBuilder log = new StringBuilder();

    @BeforeAll
    static void labAndConfig() {
        Scripts.requireRoot();
        haproxyBinary = Scripts.requireTool("haproxy", "haproxy");
        cfg = shared.resolve("haproxy.cfg");
        Scripts.write(cfg, String.join("\n",
                "defaults",
                "    mode http",
                "    timeout connect 1s",
                "    timeout client 5s",
                "    timeout server 5s",
                "",
                "# From check-scripts/README.md, as an operator copies it:",
                Scripts.readmeSnippet("haproxy"),
                "# The same with its optional line on, and a backend that has no server up:",
                "frontend floatip_health_failing",
                "    mode http",
                "    bind " + FAILING_URL.substring("http://".length(), FAILING_URL.indexOf("/healthz")),
                "    monitor-uri /healthz",
                "    monitor fail if { nbsrv(be_app) lt 1 }",
                "backend be_app",
                "    # nothing listens on port 9 inside the node: the check fails, the server goes down",
                "    server app1 127.0.0.1:9 check inter 100ms fall 1 rise 1",
                ""));
        lab = Lab.create("chkhap", 1);
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
        wget = Scripts.path(Scripts.toolDir(tmp, "wget", "wget", "sed", "timeout", "pidof"));
    }

    private Process startHaproxy(Node node, Path binary) {
        Process p = node.start(List.of(binary.toString(), "-f", cfg.toString(), "-db"), Scripts.into(log));
        Scripts.awaitListening(node, 8404, p, log);
        return p;
    }

    /** Nothing set: the script looks for "haproxy" and asks 127.0.0.1:8404/healthz. */
    @Test
    void withDefaultsItFindsHaproxyAndItsMonitorUri() {
        Node n1 = lab.node(1);
        Process haproxy = startHaproxy(n1, haproxyBinary);
        try {
            Scripts.run(n1, Scripts.env(), SCRIPT).healthy();
            Scripts.run(n1, wget, SCRIPT).healthy();
        } finally {
            Scripts.stop(n1, haproxy);
        }
    }

    @Test
    void everyWayItCanFail() {
        Node n1 = lab.node(1);
        String name = Scripts.uniqueName("fiphap-");
        Process haproxy = startHaproxy(n1, Scripts.renamed(tmp.resolve("links"), haproxyBinary, name));
        Map<String, String> curl = Scripts.env("FLOATIP_HAPROXY_PROCESS", name);
        Map<String, String> viaWget = new java.util.LinkedHashMap<>(wget);
        viaWget.put("FLOATIP_HAPROXY_PROCESS", name);
        Map<String, String> noClient = Scripts.path(Scripts.toolDir(tmp, "empty"), "FLOATIP_HAPROXY_PROCESS", name);
        try {
            Scripts.run(n1, curl, SCRIPT).healthy();
            Scripts.run(n1, viaWget, SCRIPT).healthy();
            Scripts.run(n1, curl, SCRIPT, DEFAULT_URL, "0.5").healthy();

            // Running, but the endpoint answers 503 once haproxy has marked be_app's server down.
            AtomicReference<Scripts.Run> last = new AtomicReference<>();
            Lab.await(Duration.ofSeconds(5), () -> {
                last.set(Scripts.run(n1, curl, SCRIPT, FAILING_URL));
                return last.get().exit() == 4;
            }, "check_haproxy " + FAILING_URL + " to exit 4 (monitor fail)");
            assertTrue(last.get().output().contains("answered 503"), last.get().output());
            Scripts.run(n1, viaWget, SCRIPT, FAILING_URL).expect(4);

            // The URL from the environment, and the argument over it.
            Map<String, String> envUrl = new java.util.LinkedHashMap<>(curl);
            envUrl.put("FLOATIP_HAPROXY_URL", FAILING_URL);
            Scripts.run(n1, envUrl, SCRIPT).expect(4);
            Scripts.run(n1, envUrl, SCRIPT, DEFAULT_URL).healthy();

            // Running, but nothing answers the URL.
            Scripts.Run silent = Scripts.run(n1, curl, SCRIPT, SILENT_URL).expect(1);
            assertTrue(silent.output().contains("did not answer"), silent.output());
            Scripts.run(n1, viaWget, SCRIPT, SILENT_URL).expect(1);

            // Running (found through /proc: no pidof either), but no HTTP client to ask with.
            Scripts.run(n1, noClient, SCRIPT).expect(3);

            // Another name than the running one.
            Scripts.run(n1, Scripts.env("FLOATIP_HAPROXY_PROCESS", Scripts.uniqueName("fipnone-")), SCRIPT)
                    .expect(5);
        } finally {
            Scripts.stop(n1, haproxy);
        }
        // Stopped: exit 5 however it looks, even with the URL named.
        Scripts.Run stopped = Scripts.run(n1, curl, SCRIPT).expect(5);
        assertTrue(stopped.output().contains("no " + name + " process runs"), stopped.output());
        Scripts.run(n1, viaWget, SCRIPT, DEFAULT_URL).expect(5);
        Scripts.run(n1, noClient, SCRIPT).expect(5);
    }
}
