package io.floatip.script;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a script's stdout and stderr go, so that its last line can say why it failed ("check_haproxy: no
 * haproxy process runs" beside "exit 5"). A file per script thread, truncated at every start, rather than a
 * pipe: a pipe must be drained while the script runs, and a daemon a notify script starts would keep it open
 * (or die of SIGPIPE once we closed it); a file takes whatever it writes, for as long as it writes. Only the
 * last {@link #TAIL_BYTES} are read, and one line of at most {@link #MAX_LINE} characters is kept.
 */
final class ScriptOutput {
    static final int TAIL_BYTES = 4096;
    static final int MAX_LINE = 200;

    /** The agent's own directory (0700) for the files, made at the first script; null if it cannot be. */
    private static final class Dir {
        static final Path PATH = make();

        private static Path make() {
            try {
                Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwx------");
                Path dir = Files.createTempDirectory("floatip-scripts-", PosixFilePermissions.asFileAttribute(mode));
                Files.setPosixFilePermissions(dir, mode); // whatever the umask took from it
                dir.toFile().deleteOnExit(); // after its files, which register later
                return dir;
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }
    }

    private static final ThreadLocal<File> FILE = ThreadLocal.withInitial(() -> {
        if (Dir.PATH == null) {
            return null;
        }
        File f = Dir.PATH.resolve("out-" + Thread.currentThread().getId()).toFile();
        f.deleteOnExit();
        return f;
    });

    private ScriptOutput() {
    }

    /** This thread's file (opened with truncation by ProcessBuilder), or null: discard the output. */
    static File file() {
        return FILE.get();
    }

    /** The last line this thread's script wrote, or "" when it wrote nothing or it cannot be read. */
    static String lastLine(File file) {
        if (file == null) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
            long length = in.length();
            int n = (int) Math.min(TAIL_BYTES, length);
            byte[] tail = new byte[n];
            in.seek(length - n);
            in.readFully(tail);
            return lastLine(tail);
        } catch (IOException e) {
            return "";
        }
    }

    /** Pure: the last line that is not blank, control characters as '?', cut to {@link #MAX_LINE}. */
    static String lastLine(byte[] tail) {
        String text = new String(tail, StandardCharsets.UTF_8);
        String last = "";
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                last = line;
            }
        }
        StringBuilder clean = new StringBuilder();
        last.strip().codePoints().limit(MAX_LINE).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (last.strip().codePointCount(0, last.strip().length()) > MAX_LINE) {
            clean.append("...");
        }
        return clean.toString();
    }
}
