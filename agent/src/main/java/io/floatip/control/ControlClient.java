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
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            try (DeadlineChannel io = new DeadlineChannel(channel)) {
                io.writeAll(line + "\n", timeout);
                reply = io.readAll(MAX_REPLY_BYTES, timeout);
            }
        } catch (IOException e) {
            throw new ControlException(describe(e, socket, timeout), e);
        }
        if (reply.isBlank()) {
            throw new ControlException("the floatip agent on " + socket + " closed the connection without an answer");
        }
        String error = ControlJson.errorOf(reply);
        if (error != null) {
            throw new ControlException("the floatip agent says: " + error);
        }
        return reply;
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
        if (e instanceof SocketTimeoutException) {
            return "the floatip agent did not answer within " + timeout.toMillis() + " ms on " + socket
                    + "; it may be stuck (see its log)";
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
