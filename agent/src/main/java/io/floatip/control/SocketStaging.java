package io.floatip.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A private directory beside the control socket's place, where the socket is bound and given its mode before it
 * is renamed into place ({@link ControlServer}). Its name carries the agent's pid: one left by a crashed agent
 * with the same pid is removed first. It lives in the socket's directory, which {@link SocketDirectory} has
 * checked nobody else can write.
 */
final class SocketStaging {
    /** The longest path the JDK binds (sun_path's 108 bytes, less its NUL and one it keeps). */
    static final int MAX_SOCKET_PATH_BYTES = 106;
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwx------");
    private static final String SOCKET = "s";

    private SocketStaging() {
    }

    /** Makes the directory for the socket at {@code path}; null when a socket in it would have too long a path. */
    static Path make(Path path) throws IOException {
        Path staging = path.resolveSibling(".bind-" + ProcessHandle.current().pid());
        if (socketIn(staging).toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            return null;
        }
        remove(staging);
        Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(MODE));
        Files.setPosixFilePermissions(staging, MODE); // whatever the umask took
        return staging;
    }

    static Path socketIn(Path staging) {
        return staging.resolve(SOCKET);
    }

    /** Removes the directory and the socket left in it, if any; quietly when they are gone already. */
    static void remove(Path staging) {
        try {
            Files.deleteIfExists(socketIn(staging));
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // Left behind: harmless in the agent's own directory, and removed at the next start with this pid.
        }
    }
}
