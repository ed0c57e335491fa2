package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertEquals("the floatip agent did not answer within 200 ms on " + socket + "; it may be stuck "
                    + "(see its log)", e.getMessage());
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
        assertEquals("the floatip agent did not answer within 5000 ms on /run/floatip/control.sock; it may be "
                + "stuck (see its log)",
                ControlClient.describe(new SocketTimeoutException("timed out"), socket, ControlClient.TIMEOUT));
        assertEquals("cannot talk to floatip on /run/floatip/control.sock: Broken pipe",
                ControlClient.describe(new IOException("Broken pipe"), socket, ControlClient.TIMEOUT));
    }
}
