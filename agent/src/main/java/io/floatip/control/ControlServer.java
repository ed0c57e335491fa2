package io.floatip.control;

import java.io.IOException;
import java.net.ConnectException;
import io.floatip.status.Refusal;
import java.nio.charset.StandardCharsets;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's control socket: a UNIX stream socket where each connection sends one request line
 * ({@code status} or {@code reload}), gets one JSON reply and is closed.
 *
 * <p>The socket is mode 0660 from its creation: only root and the socket's group may ask (the kernel checks write
 * permission on connect). Its directory, when this creates it, is 0750, and an existing one must be the agent's
 * and writable by nobody else ({@link SocketDirectory}). Clients are read at once and each bounded (a 256-byte
 * line within 2 s, at most 16 open; see {@link OneShotServer}), so silent clients hold nobody up.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("floatip");

    /** Longest request line accepted, without its newline. */
    public static final int MAX_REQUEST_BYTES = 256;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** Clients at once; beyond it the oldest still silent one is closed. */
    static final int MAX_CONNECTIONS = 16;
    /** 0660: only root and the socket's group may connect. */
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Duration readTimeout;
    private final Object fileKey;
    private OneShotServer serving;

    private ControlServer(Path socket, ServerSocketChannel server, ControlHandler handler, Duration readTimeout,
            Object fileKey) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.readTimeout = readTimeout;
        this.fileKey = fileKey;
    }

    /**
     * Listens on {@code socket} and serves requests on a daemon thread until {@link #close()}.
     *
     * @throws IOException with a one-line message: another agent answers there, the path is not a socket, its
     *                     directory is not safe, or the socket cannot be made
     */
    public static ControlServer start(Path socket, ControlHandler handler) throws IOException {
        return start(socket, handler, READ_TIMEOUT);
    }

    /** With a shorter read timeout, for tests. */
    static ControlServer start(Path socket, ControlHandler handler, Duration readTimeout) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Path path = socket.toAbsolutePath();
        SocketDirectory.prepare(path.getParent());
        removeStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Object fileKey;
        try {
            bindWithMode(server, path);
            fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on the control socket " + path + ": " + e.getMessage(), e);
        }
        ControlServer control = new ControlServer(path, server, handler, readTimeout, fileKey);
        control.serving = new OneShotServer("floatip-control", server, control.exchange(),
                new OneShotServer.Limits(MAX_CONNECTIONS, MAX_REQUEST_BYTES, readTimeout, readTimeout),
                new OneShotServer.Counters(Refusal.CONTROL_OVER_CAP, Refusal.CONTROL_TIMEOUT,
                        Refusal.CONTROL_TOO_LONG));
        return control;
    }

    /**
     * bind() makes the socket file with the umask's mode. The umask is the whole process's, and changing it around
     * bind() gave a script thread making its own directory at that moment the socket's mask (a 0600 directory its
     * scripts could not be started in: seen under systemd). So the socket is bound in a private directory (0700,
     * beside its place), made 0660 there, and renamed into place: nobody else can reach it before its mode is
     * right, and nothing is chmod-ed by a path another user could change.
     */
    private static void bindWithMode(ServerSocketChannel server, Path path) throws IOException {
        Path staging = SocketStaging.make(path);
        if (staging == null) { // the staging path would be too long for a socket: bind in place, then chmod
            server.bind(UnixDomainSocketAddress.of(path), 16);
            Files.setPosixFilePermissions(path, SOCKET_MODE);
            return;
        }
        try {
            Path temp = SocketStaging.socketIn(staging);
            server.bind(UnixDomainSocketAddress.of(temp), 16);
            Files.setPosixFilePermissions(temp, SOCKET_MODE);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            SocketStaging.remove(staging);
        }
    }

    /** The socket's path. */
    public Path socket() {
        return socket;
    }

    /**
     * What {@link #start} would find at {@code path}, touching nothing (for `run --dry-run`).
     *
     * @throws IOException why start would refuse: another agent answers there, or it is not a socket
     */
    public static String precheck(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "free: it would be created";
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; remove it, or set global.control_socket to "
                    + "another path");
        }
        if (answers(path)) {
            throw new IOException("another floatip is running (control socket " + path + " answers)");
        }
        return "a stale socket nothing answers on: it would be replaced";
    }

    /** Removes a socket file nothing answers on; refuses to touch a live socket or anything else. */
    private static void removeStale(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; remove it, or set global.control_socket to "
                    + "another path");
        }
        if (answers(path)) {
            throw new IOException("another floatip is running (control socket " + path + " answers)");
        }
        log.info("removing the stale control socket {}", path);
        Files.deleteIfExists(path);
    }

    /** Whether an agent listens on {@code path} (a connect is accepted); false when refused. */
    public static boolean answers(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false; // refused: the agent that made it is gone
        } catch (IOException e) {
            throw new IOException("cannot tell whether another floatip uses the control socket " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private OneShotServer.Exchange exchange() {
        return new OneShotServer.Exchange() {
            @Override
            public boolean complete(byte[] bytes, int length, boolean ended) {
                return (ended && length > 0) || newline(bytes, length) >= 0;
            }

            @Override
            public byte[] answer(byte[] bytes, int length) {
                int end = newline(bytes, length);
                String line = new String(bytes, 0, end >= 0 ? end : length, StandardCharsets.UTF_8);
                return utf8(ControlServer.this.answer(line.strip()));
            }

            @Override
            public byte[] tooLong() {
                return utf8(ControlJson.error("request longer than " + MAX_REQUEST_BYTES + " bytes"));
            }

            @Override
            public byte[] timedOut() {
                return utf8(ControlJson.error("no request line within " + readTimeout.toMillis() + " ms"));
            }
        };
    }

    private static int newline(byte[] bytes, int length) {
        for (int i = 0; i < length && i <= MAX_REQUEST_BYTES; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String answer(String line) {
        Object result;
        String[] words = line.isEmpty() ? new String[] {""} : line.split(" +");
        String request = words[0];
        java.util.List<String> args = java.util.List.of(words).subList(1, words.length);
        try {
            switch (request) {
                case "status" -> result = handler.status();
                case "reload" -> result = handler.reload();
                case "drain" -> result = handler.drain(args, true);
                case "undrain" -> result = handler.drain(args, false);
                default -> {
                    return ControlJson.error("unknown request '" + printable(line)
                            + "'; known requests: status, reload, drain, undrain");
                }
            }
        } catch (Exception e) {
            String message = oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.warn("control request {} failed: {}", request, message);
            return ControlJson.error(request + " failed: " + message);
        }
        return result == null ? ControlJson.error(request + " failed: the agent gave no answer")
                : ControlJson.write(result);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    // Echo the request without control characters: it goes into logs and terminals.
    private static String printable(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** Stops accepting and removes the socket file if it is still the one this server made. */
    @Override
    public void close() {
        if (serving != null) {
            serving.close();
        }
        try {
            BasicFileAttributes now = Files.readAttributes(socket, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (Objects.equals(now.fileKey(), fileKey)) {
                Files.delete(socket);
            }
        } catch (NoSuchFileException e) {
            // Already gone.
        } catch (IOException e) {
            log.warn("cannot remove the control socket {}: {}", socket, e.toString());
        }
    }

    /** One plain reason for an operator, not a Java exception's class name. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (run as root, or let systemd make it with RuntimeDirectory=floatip)";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
