package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads when the agent cannot be asked. */
class ControlClientTest {

    @TempDir
    Path dir;

    @Test
    void noSocket() {
        Path socket = dir.resolve("control.sock");
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.request(socket, "status"));
        assertEquals("no floatip agent is running here (no control socket at " + socket + "); start it with "
                + "`floatip run` or `systemctl start floatip`", e.getMessage());
    }

    @Test
    void noDirectory() {
        Path socket = dir.resolve("nowhere/control.sock");
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.status(socket));
        assertEquals("no floatip agent is running here (no control socket at " + socket + "); start it with "
                + "`floatip run` or `systemctl start floatip`", e.getMessage());
    }

    @Test
    void staleSocket() throws Exception {
        Path socket = dir.resolve("control.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket));
        }
        ControlException e = assertThrows(ControlException.class, () -> ControlClient.status(socket));
        assertEquals("nothing answers on the control socket " + socket + " (connection refused): floatip has "
                + "stopped and left the socket behind; start it again", e.getMessage());
    }

    @Test
    void aStuckAgentTimesOut() throws Exception {
        Path socket = dir.resolve("control.sock");
        CountDownLatch release = new CountDownLatch(1);
        try (ControlServer server = ControlServer.start(socket, new ControlServerTest.Fixed() {
            @Override
            public AgentStatus status() throws Exception {
                release.await();
                return super.status();
            }
        })) {
            ControlException e = assertThrows(ControlException.class,
                    () -> ControlClient.request(socket, "status", Duration.ofMillis(200)));
            assertEquals("the floatip agent on " + socket + " took the request but did not answer within 200 ms "
                    + "(a reload may be running, or its event loop is stuck: see its log)", e.getMessage());
            release.countDown();
        }
    }

    // Tests run as root, who may connect anywhere: the errno text the JDK gives is checked instead.
    @Test
    void permissionDenied() {
        Path socket = Path.of("/run/floatip/control.sock");
        assertEquals("permission denied on the control socket /run/floatip/control.sock: run as root or as a "
                + "member of the socket's group",
                ControlClient.describe(new BindException("Permission denied"), socket, ControlClient.TIMEOUT));
    }

    @Test
    void otherErrorsAreNamed() {
        Path socket = Path.of("/run/floatip/control.sock");
        assertEquals("no floatip agent is running here (no control socket at /run/floatip/control.sock); start "
                + "it with `floatip run` or `systemctl start floatip`", ControlClient.describe(
                new SocketException("No such file or directory"), socket, ControlClient.TIMEOUT));
        assertEquals("the floatip agent on /run/floatip/control.sock took the request but did not answer within "
                + "5000 ms (a reload may be running, or its event loop is stuck: see its log)",
                ControlClient.describe(new SocketTimeoutException("timed out"), socket, ControlClient.TIMEOUT));
        assertEquals("cannot talk to floatip on /run/floatip/control.sock: Broken pipe",
                ControlClient.describe(new IOException("Broken pipe"), socket, ControlClient.TIMEOUT));
    }

    /**
     * Issue 16 item 10: connect() had no timeout; a socket whose backlog is full (here: a listener that never
     * accepts) held `floatip status` for as long as it stayed full. Now it gives up at its deadline and says
     * the queue is full, not that the agent is stuck.
     */
    @Test
    void aFullBacklogTimesOutOnConnectWithItsOwnMessage() throws Exception {
        Path socket = dir.resolve("full.sock");
        java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket), 1);
            // Fill the backlog without blocking: non-blocking connects until the kernel says EAGAIN.
            for (int i = 0; i < 64; i++) {
                java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                        java.net.StandardProtocolFamily.UNIX);
                c.configureBlocking(false);
                fillers.add(c);
                try {
                    c.connect(java.net.UnixDomainSocketAddress.of(socket));
                } catch (IOException full) {
                    break;
                }
            }
            long start = System.nanoTime();
            ControlException e = assertThrows(ControlException.class,
                    () -> ControlClient.request(socket, "status", Duration.ofMillis(300)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 290 && ms < 2000, "gave up at its deadline: " + ms + " ms");
            assertEquals("the control socket " + socket + " did not take the connection within 300 ms: its queue "
                    + "is full (many clients at once, or an agent whose control thread stopped; see the agent's log)",
                    e.getMessage());
        } finally {
            for (java.nio.channels.SocketChannel c : fillers) {
                c.close();
            }
        }
    }
}
