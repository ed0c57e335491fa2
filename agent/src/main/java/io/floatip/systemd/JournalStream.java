package io.floatip.systemd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a standard stream is connected to the journal: systemd sets {@code $JOURNAL_STREAM} to the
 * "device:inode" of the stream socket it gives a service as stdout/stderr (systemd.exec(5)). The variable is
 * inherited by children whose output goes elsewhere (a shell started by a service, its output on a terminal),
 * so the stream itself must be that socket, not just the variable set.
 */
public final class JournalStream {
    private JournalStream() {
    }

    /** Standard output (fd 1) is the journal's stream. */
    public static boolean stdout() {
        return connected(System.getenv("JOURNAL_STREAM"), 1);
    }

    /** Standard error (fd 2) is the journal's stream. */
    public static boolean stderr() {
        return connected(System.getenv("JOURNAL_STREAM"), 2);
    }

    /**
     * System.err with {@code <3>} on each line when it goes to the journal (everything the commands write
     * there is an error); as it was otherwise.
     */
    public static void markStandardErrorAsErrors() {
        if (stderr()) {
            JournalPriorities errors = JournalPriorities.fixed(System.err, JournalPriorities.ERR);
            System.setErr(new PrintStream(errors, true));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    errors.endLine();
                } catch (IOException e) {
                    // standard error is gone: nowhere left to say so
                }
            }, "stderr-last-line"));
        }
    }

    private static boolean connected(String variable, int fd) {
        if (variable == null || variable.isEmpty()) {
            return false;
        }
        try {
            // stat(2) through /proc follows the descriptor to the socket itself.
            Map<String, Object> a = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:dev,ino");
            return matches(variable, ((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false; // no /proc, or no "unix" view: plain lines, as before
        }
    }

    /** {@code variable} is "dev:ino" in decimal and names this device and inode. */
    static boolean matches(String variable, long dev, long ino) {
        int colon = variable.indexOf(':');
        if (colon <= 0 || colon != variable.lastIndexOf(':')) {
            return false;
        }
        try {
            return Long.parseUnsignedLong(variable.substring(0, colon)) == dev
                    && Long.parseUnsignedLong(variable.substring(colon + 1)) == ino;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
