package io.floatip.track;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.floatip.os.LibC;
import io.floatip.status.Refusal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a tracked file the way a daemon that trusts no file should, and as keepalived's track_file does where
 * it can: opened O_RDONLY|O_NONBLOCK (a FIFO or device never blocks the open), only a regular file is read,
 * at most {@link #READ_BYTES} bytes of it. Blocking calls (a stat on a hung mount): run it off the event loop.
 *
 * <p>Outcomes, keepalived's where it has one: a missing file is 0; a file that cannot be opened or read is 0;
 * a FIFO, device, socket or directory (even through a symbolic link) is refused and counts 0; a file over
 * {@link #MAX_SIZE} is refused and counts 0 (keepalived would read its first 127 bytes); a first word that is
 * not a whole number counts 0 (keepalived's strtol gives 0); a number outside the int range is ignored, the last
 * value kept (keepalived logs "Invalid number ... - ignoring").
 */
public final class TrackedFileReader {
    /** keepalived reads at most 127 bytes (a 128-byte buffer with its NUL). */
    public static final int READ_BYTES = 127;
    /** A flag file holds a number: anything larger is not one. */
    public static final long MAX_SIZE = 4096;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    private TrackedFileReader() {
    }

    public static FileReading read(Path path) {
        Map<String, Object> attributes;
        try {
            // Following a link: what counts is what would be opened.
            attributes = Files.readAttributes(path, "unix:mode,size");
        } catch (NoSuchFileException e) {
            return FileReading.of(0); // a missing file is an ordinary 0 (the flag is not set)
        } catch (IOException e) {
            return FileReading.zero(Refusal.TRACK_FILE_UNREADABLE, "cannot stat: " + e.getMessage());
        }
        FileReading refused = refusal(attributes);
        if (refused != null) {
            return refused;
        }
        int fd = LibC.INSTANCE.open(path.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK
                | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Native.getLastError();
            return errno == LibC.ENOENT ? FileReading.of(0)
                    : FileReading.zero(Refusal.TRACK_FILE_UNREADABLE, "cannot open: " + LibC.lastError());
        }
        try {
            // It may have been replaced since the stat: what counts is what was opened (fstat through /proc).
            try {
                refused = refusal(Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:mode,size"));
            } catch (IOException e) {
                return FileReading.zero(Refusal.TRACK_FILE_UNREADABLE, "cannot fstat: " + e.getMessage());
            }
            if (refused != null) {
                return refused;
            }
            byte[] buffer = new byte[READ_BYTES];
            long n = LibC.INSTANCE.read(fd, buffer, new NativeLong(buffer.length)).longValue();
            if (n < 0) {
                return FileReading.zero(Refusal.TRACK_FILE_UNREADABLE, "cannot read: " + LibC.lastError());
            }
            return parse(new String(buffer, 0, (int) n, StandardCharsets.US_ASCII));
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private static FileReading refusal(Map<String, Object> attributes) {
        int mode = (Integer) attributes.get("mode");
        if ((mode & S_IFMT) != S_IFREG) {
            return FileReading.zero(Refusal.TRACK_FILE_NOT_REGULAR, "is " + kind(mode) + ", not a regular file");
        }
        long size = (Long) attributes.get("size");
        if (size > MAX_SIZE) {
            return FileReading.zero(Refusal.TRACK_FILE_TOO_BIG, "is " + size + " bytes, more than the "
                    + MAX_SIZE + " a tracked file may hold");
        }
        return null;
    }

    /**
     * The first word of {@code text}: a whole number in the int range, else 0 (not a number) or nothing
     * (out of range).
     */
    static FileReading parse(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return FileReading.of(0);
        }
        String word = stripped.split("\\s+", 2)[0];
        if (!word.matches("[+-]?[0-9]+")) {
            return FileReading.zero(Refusal.TRACK_FILE_NOT_A_NUMBER, "'" + printable(word) + "' is not a whole "
                    + "number; counting 0");
        }
        String digits = word.replaceFirst("^[+-]?0*", "");
        // Decided on the digits, so a number far beyond a long is out of range too, never an exception.
        if (digits.length() > 10 || Long.parseLong(word) < Integer.MIN_VALUE || Long.parseLong(word) > Integer.MAX_VALUE) {
            return FileReading.ignored(Refusal.TRACK_FILE_OUT_OF_RANGE, "'" + printable(word) + "' is outside "
                    + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + "; ignored, the last value stays");
        }
        return FileReading.of(Long.parseLong(word));
    }

    private static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0040000 -> "a directory";
            case 0140000 -> "a socket";
            default -> "not a regular file";
        };
    }

    private static String printable(String word) {
        String cut = word.length() > 20 ? word.substring(0, 20) + "..." : word;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
