package io.floatip.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Asks a running agent over its control socket. Every failure is one line that tells the operator what to do. */
public final class ControlClient {

    /** How long to wait for the reply: the agent answers in milliseconds unless its loop is stuck. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_REPLY_BYTES = 16 << 20;

    private ControlClient() {
    }

    /** {@link #request(Path, String, Duration)} with {@link #TIMEOUT}. */
    public static String request(Path socket, String line) throws ControlException {
        return request(socket, line, TIMEOUT);
    }

    /**
     * Sends {@code line} and returns the agent's JSON reply as it came.
     *
     * @throws ControlException when no agent answers, or it answers {@code {"error": ...}} (the message then
     *                          is the agent's)
     */
    public static String request(Path socket, String line, Duration timeout) throws ControlException {
        if (Files.notExists(socket)) {
            throw new ControlException(missing(socket));
        }
        String reply;
        try (SocketChannel channel = connect(socket, timeout)) {
            try (DeadlineChannel io = new DeadlineChannel(channel)) {
                io.writeAll(line + "\n", timeout);
                reply = io.readAll(MAX_REPLY_BYTES, timeout);
            }
        } catch (IOException e) {
            throw new ControlException(describe(e, socket, timeout), e);
        }
        if (reply.isBlank()) {
            throw new ControlException("the floatip agent on " + socket + " closed the connection without an answer "
                    + "(it closes the oldest silent client when " + ControlServer.MAX_CONNECTIONS + " are connected: "
                    + "another program may be holding connections open; try again)");
        }
        String error = ControlJson.errorOf(reply);
        if (error != null) {
            throw new ControlException("the floatip agent says: " + error);
        }
        return reply;
    }

    /**
     * connect() on a UNIX socket whose backlog is full blocks for as long as it stays full: connect without
     * blocking and retry until the deadline instead.
     */
    private static SocketChannel connect(Path socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // A failed connect closes the channel: a new one for each try.
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.configureBlocking(false);
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel; // a UNIX connect that does not fail at once is done
            } catch (IOException e) {
                channel.close();
                if (!String.valueOf(e.getMessage()).contains("Resource temporarily unavailable")) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ConnectTimeoutException();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
    }

    /** The socket's backlog stayed full: too many clients at once, or an agent that stopped accepting. */
    static final class ConnectTimeoutException extends IOException {
        ConnectTimeoutException() {
            super("connect timed out");
        }
    }

    /** The agent's snapshot. */
    public static AgentStatus status(Path socket) throws ControlException {
        return parse(request(socket, "status"), AgentStatus.class);
    }

    /** Asks the agent to reload its config; a config with errors gives applied false and the errors. */
    public static ReloadResult reload(Path socket) throws ControlException {
        return parse(request(socket, "reload"), ReloadResult.class);
    }

    /** Drains ({@code on}) or undrains the named instances, or all of them when none is named. */
    public static DrainResult drain(Path socket, java.util.List<String> instances, boolean on)
            throws ControlException {
        StringBuilder line = new StringBuilder(on ? "drain" : "undrain");
        instances.forEach(i -> line.append(' ').append(i));
        if (line.length() > ControlServer.MAX_REQUEST_BYTES - 1) {
            throw new ControlException("too many instance names for one request (" + line.length() + " bytes, at most "
                    + (ControlServer.MAX_REQUEST_BYTES - 1) + "); name fewer, or none for every instance");
        }
        return parse(request(socket, line.toString()), DrainResult.class);
    }

    /** Reads a reply of {@link #request} as {@code type}. */
    public static <T> T parse(String reply, Class<T> type) throws ControlException {
        try {
            return ControlJson.MAPPER.readValue(reply, type);
        } catch (JsonProcessingException e) {
            throw new ControlException("the floatip agent's answer is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String missing(Path socket) {
        return "no floatip agent is running here (no control socket at " + socket + "); start it with "
                + "`floatip run` or `systemctl start floatip`";
    }

    // The JDK's exception classes for a failed UNIX connect vary (EACCES comes as a BindException), so the
    // errno text decides.
    static String describe(IOException e, Path socket, Duration timeout) {
        String text = String.valueOf(e.getMessage());
        if (e instanceof ConnectTimeoutException) {
            return "the control socket " + socket + " did not take the connection within " + timeout.toMillis()
                    + " ms: its queue is full (many clients at once, or an agent whose control thread stopped; "
                    + "see the agent's log)";
        }
        if (e instanceof SocketTimeoutException) {
            return "the floatip agent on " + socket + " took the request but did not answer within "
                    + timeout.toMillis() + " ms (a reload may be running, or its event loop is stuck: see its log)";
        }
        if (text.contains("No such file or directory")) {
            return missing(socket);
        }
        if (text.contains("Permission denied")) {
            return "permission denied on the control socket " + socket + ": run as root or as a member of "
                    + "the socket's group";
        }
        if (e instanceof ConnectException || text.contains("Connection refused")) {
            return "nothing answers on the control socket " + socket + " (connection refused): floatip has "
                    + "stopped and left the socket behind; start it again";
        }
        return "cannot talk to floatip on " + socket + ": " + text;
    }
}
