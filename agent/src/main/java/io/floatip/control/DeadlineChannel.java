package io.floatip.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A connected socket whose reads and writes each end by a deadline. Blocking NIO channels have no timeout
 * (and UNIX channels no Socket adapter to set one on), so this waits in a selector instead.
 */
final class DeadlineChannel implements AutoCloseable {

    /** More bytes arrived than the caller allows. */
    static final class TooLongException extends IOException {
        TooLongException(int limit) {
            super("longer than " + limit + " bytes");
        }
    }

    private final SocketChannel channel;
    private final Selector selector;

    DeadlineChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    /**
     * One line without its '\n' (a trailing '\r' is left for the caller). End of stream also ends the line;
     * with nothing read at all it gives null.
     */
    String readLine(int maxBytes, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(512);
        while (true) {
            int n = channel.read(buffer);
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
                continue;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= maxBytes) {
                    throw new TooLongException(maxBytes);
                }
                line.write(b);
            }
            buffer.clear();
        }
    }

    /** Everything up to end of stream. */
    String readAll(int maxBytes, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            int n = channel.read(buffer);
            if (n < 0) {
                return all.toString(StandardCharsets.UTF_8);
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
                continue;
            }
            if (all.size() + n > maxBytes) {
                throw new TooLongException(maxBytes);
            }
            all.write(buffer.array(), 0, n);
            buffer.clear();
        }
    }

    void writeAll(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private void await(int op, long deadline) throws IOException {
        channel.register(selector, op);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("timed out");
            }
            // select(0) would mean forever: round up, at least 1 ms.
            if (selector.select(Math.max(1, (left + 999_999) / 1_000_000)) > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
