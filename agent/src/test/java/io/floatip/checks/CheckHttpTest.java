package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_http through curl and through wget. The statuses come from a real haproxy that this test
 * runs inside a lab node (n1) and asks from the lab's client across the lab's bridge; the timeout
 * case uses a listener of this JVM on 127.0.0.1 that accepts connections and never answers.
 */
class CheckHttpTest {

    private static final Path SCRIPT = Scripts.script("check_http");
    private static final int PORT = 8080;

    private static Lab lab;
    private static Process haproxy;
    private static final StringBuilder HAPROXY_LOG = new StringBuilder();

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private Map<String, String> curl;
    private Map<String, String> wget;

    @BeforeEach
    void tools() {
        Scripts.requireTool("curl", "curl");
        Scripts.requireTool("wget", "wget");
        curl = Scripts.path(Scripts.toolDir(tmp, "curl", "curl"));
        wget = Scripts.path(Scripts.toolDir(tmp, "wget", "wget", "sed", "timeout"));
    }

    /** The lab and its haproxy, built by the first test that needs them (those need root). */
    private static synchronized Node haproxyNode() {
        Scripts.requireRoot();
        Path binary = Scripts.requireTool("haproxy", "haproxy");
        if (lab == null) {
            lab = Lab.create("chkhttp", 1);
            Node n1 = lab.node(1);
            Path cfg = shared.resolve("haproxy.cfg");
            Scripts.write(cfg, String.join("\n",
                    "defaults",
                    "    mode http",
                    "    timeout connect 1s",
                    "    timeout client 5s",
                    "    timeout server 5s",
                    "frontend web",
                    "    bind " + n1.ipv4() + ":" + PORT,
                    "    http-request return status 200 content-type text/plain string ok if { path /ok }",
                    "    http-request return status 503 if { path /unavailable }",
                    "    http-request redirect location /ok code 301 if { path /moved }",
                    "    http-request return status 404",
                    ""));
            haproxy = n1.start(List.of(binary.toString(), "-f", cfg.toString(), "-db"), Scripts.into(HAPROXY_LOG));
            Scripts.awaitListening(n1, PORT, haproxy, HAPROXY_LOG);
        }
        return lab.node(1);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            try {
                Scripts.stop(lab.node(1), haproxy);
            } finally {
                lab.close();
                lab = null;
            }
        }
    }

    private static String url(Node node, String path) {
        return "http://" + node.ipv4() + ":" + PORT + path;
    }

    @Test
    void expectedStatusIsHealthy() {
        Node n1 = haproxyNode();
        Host client = lab.client();
        for (Map<String, String> env : List.of(curl, wget)) {
            Scripts.run(client, env, SCRIPT, url(n1, "/ok")).healthy();
            Scripts.run(client, env, SCRIPT, url(n1, "/ok"), "200", "0.5").healthy();
            Scripts.run(client, env, SCRIPT, url(n1, "/unavailable"), "503").healthy();
            Scripts.run(client, env, SCRIPT, url(n1, "/nothing-here"), "404").healthy();
            // Brackets and braces are part of the URL, not curl's URL ranges (two requests, two codes).
            Scripts.run(client, env, SCRIPT, url(n1, "/ok?q={a,b}&r=[1-2]")).healthy();
        }
        // The machine's own PATH (curl first, like an operator's host).
        Scripts.run(client, Scripts.env(), SCRIPT, url(n1, "/ok")).healthy();
    }

    @Test
    void anotherStatusIsExitFour() {
        Node n1 = haproxyNode();
        Host client = lab.client();
        for (Map<String, String> env : List.of(curl, wget)) {
            Scripts.Run run = Scripts.run(client, env, SCRIPT, url(n1, "/unavailable")).expect(4);
            assertTrue(run.output().contains("answered 503, expected 200"), run.output());
            Scripts.run(client, env, SCRIPT, url(n1, "/ok"), "204").expect(4);
        }
    }

    /** A redirect is an answer of its own: a health URL that moved is not silently followed. */
    @Test
    void redirectsAreNotFollowed() {
        Node n1 = haproxyNode();
        Host client = lab.client();
        for (Map<String, String> env : List.of(curl, wget)) {
            Scripts.run(client, env, SCRIPT, url(n1, "/moved")).expect(4);
            Scripts.run(client, env, SCRIPT, url(n1, "/moved"), "301").healthy();
        }
    }

    @Test
    void aRefusedConnectionIsNoAnswer() {
        Node n1 = haproxyNode();
        Host client = lab.client();
        for (Map<String, String> env : List.of(curl, wget)) {
            Scripts.Run run = Scripts.run(client, env, SCRIPT, "http://" + n1.ipv4() + ":" + (PORT + 1) + "/").expect(1);
            assertTrue(run.output().contains("no answer"), run.output());
        }
    }

    /** Runs here on loopback, no root needed: the listener takes connections but never answers. */
    @Test
    void noAnswerWithinTheTimeoutIsExitOne() throws IOException {
        Map<String, String> wgetAlone = Scripts.path(Scripts.toolDir(tmp, "wgetalone", "wget", "sed"));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";
            for (Map<String, String> env : List.of(curl, wget, wgetAlone)) {
                Scripts.Run run = Scripts.run(env, SCRIPT, url, "200", "0.5").expect(1);
                System.out.printf("timing: %-70s %4d ms (timeout 0.5 s)%n", run.what(), run.millis());
                assertTrue(run.millis() >= 450 && run.millis() < 2000, run.what() + " took " + run.millis() + " ms");
                assertTrue(run.output().contains("no answer within 0.5s"), run.output());
            }
        }
    }

    @Test
    void withoutCurlOrWgetItSaysSo() {
        Scripts.Run run = Scripts.run(Scripts.path(Scripts.toolDir(tmp, "empty")), SCRIPT, "http://127.0.0.1:9/")
                .expect(3);
        assertTrue(run.output().contains("install curl or wget"), run.output());
    }

    /** An http_proxy in the caller's environment must not send a local health check elsewhere. */
    @Test
    void proxySettingsAreIgnored() {
        Node n1 = haproxyNode();
        Host client = lab.client();
        // A proxy that does not exist: were it used, the check would fail.
        String proxy = "http://198.51.100.99:3128";
        for (Map<String, String> env : List.of(curl, wget)) {
            Map<String, String> withProxy = new java.util.LinkedHashMap<>(env);
            withProxy.put("http_proxy", proxy);
            withProxy.put("HTTP_PROXY", proxy);
            withProxy.put("all_proxy", proxy);
            Scripts.run(client, withProxy, SCRIPT, url(n1, "/ok")).healthy();
        }
    }
}
