package io.floatip.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The agent's standard output, its log, with the time at the head of every line: "2026-11-21T15:40:28.671Z
 * INFO VI_1: ...". Stamped here, as the first byte of each line goes out, rather than by slf4j-simple (see
 * UtcStamp for why); a line is whole before it is flushed, so lines from two threads do not interleave
 * any more than they did.
 */
final class StampedLines extends OutputStream {
    private final OutputStream out;
    private final byte[] stamp = new byte[UtcStamp.LENGTH + 1];
    private boolean atLineStart = true;

    StampedLines(OutputStream out) {
        this.out = out;
        stamp[UtcStamp.LENGTH] = ' ';
    }

    /** A PrintStream over {@code out} (flushed at each line, as System.out is) that stamps each line. */
    static PrintStream around(PrintStream out) {
        return new PrintStream(new StampedLines(out), true); // the default charset, as System.out has it
    }

    @Override
    public synchronized void write(int b) throws IOException {
        startLine();
        out.write(b);
        atLineStart = b == '\n';
        if (atLineStart) {
            out.flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            startLine();
            int nl = off;
            while (nl < end && b[nl] != '\n') {
                nl++;
            }
            if (nl < end) {
                out.write(b, off, nl + 1 - off);
                out.flush();
                atLineStart = true;
                off = nl + 1;
            } else {
                out.write(b, off, end - off);
                off = end;
            }
        }
    }

    private void startLine() throws IOException {
        if (atLineStart) {
            UtcStamp.write(System.currentTimeMillis(), stamp, 0);
            out.write(stamp);
            atLineStart = false;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
