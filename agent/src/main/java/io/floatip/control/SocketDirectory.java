package io.floatip.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The control socket's directory: made 0750 when missing; an existing one must be a real directory (not a
 * symbolic link), owned by the agent's user or root, and writable by nobody else, or another user could put
 * their own socket in the agent's place and answer `floatip status` and swallow `floatip reload` (issue 16
 * item 9).
 */
final class SocketDirectory {
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    private SocketDirectory() {
    }

    /** Makes {@code directory} if missing, then checks it. */
    static void prepare(Path directory) throws IOException {
        if (directory == null) {
            return;
        }
        if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(MODE));
                // The umask may have taken bits from the mode asked for; say it again.
                Files.setPosixFilePermissions(directory, MODE);
            } catch (IOException e) {
                throw new IOException("cannot create the control socket's directory " + directory + ": "
                        + ControlServer.reason(e), e);
            }
        }
        check(directory, euid());
    }

    /** The problem with {@code directory} for an agent running as {@code uid}, as an exception. */
    static void check(Path directory, int uid) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(directory, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IOException("the control socket's directory " + directory + " does not exist");
        }
        int mode = (Integer) a.get("mode");
        int owner = (Integer) a.get("uid");
        if ((mode & S_IFMT) != S_IFDIR) {
            throw new IOException("the control socket's directory " + directory + " is not a directory (a symbolic "
                    + "link is refused: its target could change); point global.control_socket at a real one");
        }
        if (owner != uid && owner != 0) {
            throw new IOException("the control socket's directory " + directory + " is owned by uid " + owner
                    + ", not by the agent's user (uid " + uid + ") or root: that user could replace the socket; "
                    + "chown " + (uid == 0 ? "root" : Integer.toString(uid)) + " " + directory);
        }
        if ((mode & 022) != 0) {
            throw new IOException("the control socket's directory " + directory + " is writable by "
                    + ((mode & 022) == 022 ? "group and others" : (mode & 020) != 0 ? "group" : "others")
                    + String.format(" (mode %04o)", mode & 07777) + ": they could replace the socket; chmod go-w "
                    + directory);
        }
    }

    static int euid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
