package io.floatip.systemd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A log stream for journald: each line goes out with sd-daemon(3)'s priority prefix ({@code <3>} error,
 * {@code <4>} warning, {@code <6>} info, {@code <7>} debug), which journald strips and stores as the entry's
 * PRIORITY, so that {@code journalctl -p warning} finds the agent's warnings. Without a prefix every line is
 * stored at the unit's SyslogLevel= (info).
 *
 * <p>The level is the word slf4j-simple writes first ("ERROR", "WARN", "INFO", "DEBUG", "TRACE"), found
 * {@code levelAt} bytes into the line (after the time stamp of StampedLines). A line with no level there (a
 * stack trace's lines, say) goes out as it is. A stream made with {@link #fixed} prefixes every line alike
 * (standard error: every line of it is an error).
 *
 * <p>A line is held until its newline, so the prefix is always at the head of a line journald reads.
 */
public final class JournalPriorities extends OutputStream {
    /** syslog(3) priorities, as sd-daemon.h names them. */
    public static final int ERR = 3;
    public static final int WARNING = 4;
    public static final int INFO = 6;
    public static final int DEBUG = 7;

    /** journald's own line limit is 48 KiB; a longer "line" is passed on as lines of this size, each with the prefix. */
    static final int MAX_LINE = 32 * 1024;

    private final OutputStream out;
    private final int levelAt;
    private final int fixedPriority;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private int linePriority = -1;

    private JournalPriorities(OutputStream out, int levelAt, int fixedPriority) {
        this.out = out;
        this.levelAt = levelAt;
        this.fixedPriority = fixedPriority;
    }

    /** Each line's priority from the level word at byte {@code levelAt}. */
    public static JournalPriorities byLevel(OutputStream out, int levelAt) {
        return new JournalPriorities(out, levelAt, -1);
    }

    /** Every line at {@code priority}. */
    public static JournalPriorities fixed(OutputStream out, int priority) {
        return new JournalPriorities(out, 0, priority);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            int nl = off;
            int room = MAX_LINE - line.size();
            while (nl < end && b[nl] != '\n' && nl - off < room) {
                nl++;
            }
            boolean whole = nl < end && b[nl] == '\n';
            int upTo = whole ? nl + 1 : nl;
            line.write(b, off, upTo - off);
            off = upTo;
            if (whole || line.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    /** A line still open stays held: its prefix depends on bytes not yet written. */
    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        endLine();
        out.close();
    }

    /** Passes on a line still open, ended with a newline (at exit: nothing is lost to a missing newline). */
    public synchronized void endLine() throws IOException {
        if (line.size() > 0) {
            line.write('\n');
            emit();
        }
    }

    private void emit() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        int priority = fixedPriority >= 0 ? fixedPriority : linePriority >= 0 ? linePriority : priorityOf(bytes, levelAt);
        boolean cut = bytes[bytes.length - 1] != '\n';
        // The rest of a line cut at MAX_LINE keeps its first piece's priority.
        linePriority = cut ? priority : -1;
        if (priority >= 0) {
            out.write(new byte[]{'<', (byte) ('0' + priority), '>'});
        }
        out.write(bytes);
        if (cut) {
            out.write('\n'); // a piece is a line of its own, or the next one's prefix would land inside it
        }
        out.flush();
    }

    /** The priority of the level word at {@code at} (followed by a space or the end of the line); -1 if none. */
    static int priorityOf(byte[] line, int at) {
        if (startsWord(line, at, "ERROR")) {
            return ERR;
        }
        if (startsWord(line, at, "WARN")) {
            return WARNING;
        }
        if (startsWord(line, at, "INFO")) {
            return INFO;
        }
        if (startsWord(line, at, "DEBUG") || startsWord(line, at, "TRACE")) {
            return DEBUG;
        }
        return -1;
    }

    private static boolean startsWord(byte[] line, int at, String word) {
        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
        if (at < 0 || at + w.length > line.length) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            if (line[at + i] != w[i]) {
                return false;
            }
        }
        int next = at + w.length;
        return next == line.length || line[next] == ' ' || line[next] == '\n' || line[next] == '\r';
    }
}
