package io.floatip.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's control socket: a UNIX stream socket where each connection sends one request line
 * ({@code status} or {@code reload}), gets one JSON reply and is closed.
 *
 * <p>The socket is mode 0660: only root and the socket's group may ask (the kernel checks write permission on
 * connect). Its directory, when this creates it, is 0750. Clients are served one at a time, each bounded
 * (a 256-byte line, read within 2 s), so a stuck client delays the others by 2 s at most.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("floatip");

    /** Longest request line accepted, without its newline. */
    public static final int MAX_REQUEST_BYTES = 256;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw----");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Duration readTimeout;
    private final Object fileKey;
    private volatile boolean closed;

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
     * @throws IOException with a one-line message: another agent answers there, the path is not a socket,
     *                     or the socket cannot be made
     */
    public static ControlServer start(Path socket, ControlHandler handler) throws IOException {
        return start(socket, handler, READ_TIMEOUT);
    }

    /** With a shorter read timeout, for tests. */
    static ControlServer start(Path socket, ControlHandler handler, Duration readTimeout) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Path path = socket.toAbsolutePath();
        makeDirectory(path.getParent());
        removeStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Object fileKey;
        try {
            server.bind(UnixDomainSocketAddress.of(path), 16);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on the control socket " + path + ": " + e.getMessage(), e);
        }
        try {
            // bind made it with the umask's mode; narrow it before anyone is served.
            Files.setPosixFilePermissions(path, SOCKET_MODE);
            fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(path);
            throw new IOException("cannot set the mode of the control socket " + path + ": " + e.getMessage(), e);
        }
        ControlServer control = new ControlServer(path, server, handler, readTimeout, fileKey);
        Thread thread = new Thread(control::acceptLoop, "floatip-control");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /** The socket's path. */
    public Path socket() {
        return socket;
    }

    private static void makeDirectory(Path directory) throws IOException {
        if (directory == null || !Files.notExists(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            // The umask may have taken bits from the mode asked for; say it again.
            Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
        } catch (IOException e) {
            throw new IOException("cannot create the control socket's directory " + directory + ": " + reason(e), e);
        }
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

    private void acceptLoop() {
        while (!closed) {
            try (SocketChannel client = server.accept()) {
                serve(client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.debug("control socket client: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel client) throws IOException {
        try (DeadlineChannel io = new DeadlineChannel(client)) {
            String reply;
            try {
                String line = io.readLine(MAX_REQUEST_BYTES, readTimeout);
                if (line == null) {
                    return; // connected and closed without a word: another agent checking we are alive
                }
                reply = answer(line.strip());
            } catch (DeadlineChannel.TooLongException e) {
                reply = ControlJson.error("request longer than " + MAX_REQUEST_BYTES + " bytes");
            } catch (SocketTimeoutException e) {
                reply = ControlJson.error("no request line within " + readTimeout.toMillis() + " ms");
            }
            io.writeAll(reply, readTimeout);
            io.discardPending(64 * 1024);
        }
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
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.toString());
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
