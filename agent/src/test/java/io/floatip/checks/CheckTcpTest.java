package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_tcp through nc and through its bash fallback: against a listener of this JVM on 127.0.0.1,
 * a port nothing listens on, and (in a lab namespace) an address nobody answers, for the timeout.
 */
class CheckTcpTest {

    private static final Path SCRIPT = Scripts.script("check_tcp");
    private static final String LOOPBACK = "127.0.0.1";
    /** In the lab's subnet, but no node has it: connects there wait for ARP that never answers. */
    private static final String NOBODY = "198.51.100.77";

    @TempDir
    Path tmp;

    private Map<String, String> nc;
    private Map<String, String> bash;
    private Map<String, String> none;

    @BeforeEach
    void tools() {
        Scripts.requireTool("nc", "netcat-openbsd");
        Scripts.requireTool("bash", "bash");
        Scripts.requireTool("timeout", "coreutils");
        nc = Scripts.path(Scripts.toolDir(tmp, "nc", "nc", "timeout"));
        bash = Scripts.path(Scripts.toolDir(tmp, "bash", "bash", "timeout"));
        none = Scripts.path(Scripts.toolDir(tmp, "empty"));
    }

    @Test
    void connectsToAListenerThroughNcAndThroughBash() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            String port = Integer.toString(listener.getLocalPort());
            Scripts.run(nc, SCRIPT, LOOPBACK, port).healthy();
            Scripts.run(bash, SCRIPT, LOOPBACK, port).healthy();
            Scripts.run(Scripts.env(), SCRIPT, LOOPBACK, port, "0.5").healthy();
            Scripts.run(Scripts.env(), SCRIPT, "localhost", port).healthy();
        }
    }

    @Test
    void aClosedPortIsUnhealthy() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            port = listener.getLocalPort();
        }
        Scripts.run(nc, SCRIPT, LOOPBACK, Integer.toString(port)).expect(1);
        Scripts.run(bash, SCRIPT, LOOPBACK, Integer.toString(port)).expect(1);
    }

    @Test
    void withNeitherNcNorBashItSaysSo() {
        Scripts.Run run = Scripts.run(none, SCRIPT, LOOPBACK, "9").expect(3);
        assertTrue(run.output().contains("no tool"), run.output());
        // bash without timeout would have no bound on a hanging connect: not used.
        Path bashOnly = Scripts.toolDir(tmp, "bashonly", "bash");
        Scripts.run(Scripts.path(bashOnly), SCRIPT, LOOPBACK, "9").expect(3);
    }

    /** Needs root: the unanswered address exists only inside a lab namespace. */
    @Test
    void aConnectThatHangsEndsAtTheTimeout() {
        Scripts.requireRoot();
        try (Lab lab = Lab.create("chktcp", 1)) {
            Node n1 = lab.node(1);
            for (Map<String, String> env : java.util.List.of(nc, bash)) {
                Scripts.Run run = Scripts.run(n1, env, SCRIPT, NOBODY, "80", "0.5").expect(1);
                System.out.printf("timing: %-70s %4d ms (timeout 0.5 s)%n", run.what(), run.millis());
                assertTrue(run.millis() >= 450 && run.millis() < 2500, run.what() + " took " + run.millis() + " ms");
                assertTrue(run.output().contains("no connection within 0.5s"), run.output());
            }
            // nc alone (no timeout(1)): its -w gets the timeout rounded up to whole seconds.
            Map<String, String> ncAlone = Scripts.path(Scripts.toolDir(tmp, "ncalone", "nc"));
            Scripts.Run run = Scripts.run(n1, ncAlone, SCRIPT, NOBODY, "80", "0.5").expect(1);
            System.out.printf("timing: %-70s %4d ms (timeout 0.5 s, nc -w 1)%n", run.what(), run.millis());
            assertTrue(run.millis() >= 900 && run.millis() < 3000, run.what() + " took " + run.millis() + " ms");
        }
    }
}
