package io.floatip.control;

import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket where each connection sends one request, gets one reply and is closed: the control
 * socket and the metrics endpoint. One thread reads every connection without blocking, each against a
 * deadline, so a client that sends a byte every few seconds (slowloris) or nothing at all holds nobody up; at
 * most {@link Limits#maxConnections} are open, and when a new one comes beyond that the oldest still reading
 * gives way (a real client sends its request at once and is never the oldest for long). Requests are
 * answered one at a time on a worker thread; replies are written without blocking, against a deadline too.
 * Every refused client is counted.
 */
final class OneShotServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** Closing a UNIX socket with unread bytes resets it before the peer reads our reply: read some first. */
    private static final int DISCARD_BYTES = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    /** What a connection's bytes mean and what to answer. */
    interface Exchange {
        /** Whether {@code bytes[0, length)} hold a whole request; {@code ended}: the peer closed its side. */
        boolean complete(byte[] bytes, int length, boolean ended);

        /** Worker thread: the reply to a whole request. */
        byte[] answer(byte[] bytes, int length);

        /** The reply to a request longer than allowed, or null to just close. */
        byte[] tooLong();

        /** The reply to a client whose request did not come in time, or null to just close. */
        byte[] timedOut();
    }

    record Limits(int maxConnections, int maxRequestBytes, Duration readDeadline, Duration writeDeadline) {
    }

    /** The counters for a client beyond the cap, one too slow, and one whose request is too long. */
    record Counters(Refusal overCap, Refusal timeout, Refusal tooLong) {
    }

    private final class Conn {
        final SocketChannel channel;
        final SelectionKey key;
        /** Grown as bytes come (a silent client costs 0 of it): 117 clients of 8 KiB each were garbage at once. */
        byte[] in = EMPTY;
        int length;
        long deadline;
        boolean answering;
        ByteBuffer out;

        Conn(SocketChannel channel, SelectionKey key, long now) {
            this.channel = channel;
            this.key = key;
            this.deadline = now + limits.readDeadline().toNanos();
        }

        boolean reading() {
            return !answering && out == null;
        }
    }

    private record Answer(Conn conn, byte[] reply) {
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Exchange exchange;
    private final Limits limits;
    private final Counters counters;
    private final Set<Conn> open = new LinkedHashSet<>();
    private final ConcurrentLinkedQueue<Answer> answered = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker;
    private final Thread thread;
    private volatile boolean closed;
    private final SelectionKey serverKey;
    private long acceptFailures;
    private long acceptPausedUntil;
    private static final long ACCEPT_PAUSE_NANOS = 100_000_000L;

    OneShotServer(String name, ServerSocketChannel server, Exchange exchange, Limits limits, Counters counters)
            throws IOException {
        this.server = server;
        this.exchange = exchange;
        this.limits = limits;
        this.counters = counters;
        this.selector = Selector.open();
        server.configureBlocking(false);
        this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-answer");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                selector.select(waitMillis());
                if (closed) {
                    break;
                }
                long now = System.nanoTime();
                for (Answer a = answered.poll(); a != null; a = answered.poll()) {
                    reply(a.conn(), a.reply(), now);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll(now);
                    } else if (key.isReadable()) {
                        read((Conn) key.attachment(), now);
                    } else if (key.isWritable()) {
                        write((Conn) key.attachment());
                    }
                }
                expire(System.nanoTime());
                if (acceptPausedUntil != 0 && System.nanoTime() - acceptPausedUntil >= 0) {
                    acceptPausedUntil = 0;
                    serverKey.interestOps(SelectionKey.OP_ACCEPT);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // One client's trouble must not end the server for the others.
                if (e instanceof StackOverflowError) {
                    Refusals.count(Refusal.ERROR_SURVIVED);
                }
                if (!closed) {
                    log.warn("{}: {}", thread.getName(), e.toString());
                }
            }
        }
    }

    private long waitMillis() {
        long next = Long.MAX_VALUE;
        for (Conn c : open) {
            if (!c.answering) {
                next = Math.min(next, c.deadline);
            }
        }
        if (acceptPausedUntil != 0) {
            next = Math.min(next, acceptPausedUntil);
        }
        if (next == Long.MAX_VALUE) {
            return 0; // nothing to time out: sleep until a client, an answer or close() wakes the selector
        }
        // select(0) would mean forever: round up, at least 1 ms.
        return Math.max(1, Math.min(1000, (next - System.nanoTime() + 999_999) / 1_000_000));
    }

    private void acceptAll(long now) throws IOException {
        SocketChannel c;
        while ((c = acceptOne(now)) != null) {
            if (open.size() >= limits.maxConnections() && !evictOldestReader()) {
                Refusals.count(counters.overCap());
                c.close();
                continue;
            }
            c.configureBlocking(false);
            SelectionKey key = c.register(selector, SelectionKey.OP_READ);
            Conn conn = new Conn(c, key, now);
            key.attach(conn);
            open.add(conn);
        }
    }

    /**
     * accept() failing (EMFILE: the process is out of descriptors) leaves the connection queued and the
     * selector ready at once: accepting pauses for a moment instead of spinning.
     */
    private SocketChannel acceptOne(long now) {
        try {
            return server.accept();
        } catch (IOException e) {
            if (Refusals.worthLogging(++acceptFailures)) {
                log.warn("{}: cannot accept a client ({} time(s)): {}", thread.getName(), acceptFailures, e.toString());
            }
            serverKey.interestOps(0);
            acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
            return null;
        }
    }

    private boolean evictOldestReader() {
        for (Conn c : open) {
            if (c.reading()) {
                Refusals.count(counters.overCap());
                close(c);
                return true;
            }
        }
        return false;
    }

    private void read(Conn c, long now) {
        boolean ended = false;
        try {
            if (c.length == c.in.length) {
                c.in = java.util.Arrays.copyOf(c.in, Math.min(limits.maxRequestBytes() + 1,
                        Math.max(512, c.in.length * 2)));
            }
            int n = c.channel.read(ByteBuffer.wrap(c.in, c.length, c.in.length - c.length));
            if (n < 0) {
                ended = true;
            } else {
                c.length += n;
            }
        } catch (IOException e) {
            close(c);
            return;
        }
        if (exchange.complete(c.in, c.length, ended)) {
            c.answering = true;
            c.key.interestOps(0);
            byte[] request = c.in;
            int length = c.length;
            worker.execute(() -> answer(c, request, length));
        } else if (c.length > limits.maxRequestBytes()) {
            Refusals.count(counters.tooLong());
            last(c, exchange.tooLong(), now);
        } else if (ended) {
            close(c); // connected and closed without a request: another agent checking we are alive
        }
    }

    /** Worker thread. */
    private void answer(Conn c, byte[] request, int length) {
        byte[] reply;
        try {
            reply = exchange.answer(request, length);
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof StackOverflowError) {
                Refusals.count(Refusal.ERROR_SURVIVED);
            }
            log.warn("{}: {}", thread.getName(), e.toString());
            reply = null;
        }
        answered.add(new Answer(c, reply));
        selector.wakeup();
    }

    private void reply(Conn c, byte[] reply, long now) {
        if (!open.contains(c)) {
            return;
        }
        c.answering = false;
        if (reply == null) {
            close(c);
            return;
        }
        c.out = ByteBuffer.wrap(reply);
        c.deadline = now + limits.writeDeadline().toNanos();
        c.key.interestOps(SelectionKey.OP_WRITE);
        write(c);
    }

    /** A last reply written as far as it goes at once, then the connection closed. */
    private void last(Conn c, byte[] reply, long now) {
        if (reply != null) {
            try {
                c.channel.write(ByteBuffer.wrap(reply));
                discardPending(c.channel);
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        close(c);
    }

    private void write(Conn c) {
        try {
            c.channel.write(c.out);
            if (!c.out.hasRemaining()) {
                discardPending(c.channel);
                close(c);
            }
        } catch (IOException e) {
            close(c);
        }
    }

    private void expire(long now) {
        List<Conn> late = new ArrayList<>();
        for (Conn c : open) {
            if (!c.answering && now - c.deadline >= 0) {
                late.add(c);
            }
        }
        for (Conn c : late) {
            Refusals.count(counters.timeout());
            if (c.reading()) {
                last(c, exchange.timedOut(), now);
            } else {
                close(c);
            }
        }
    }

    private static void discardPending(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int total = 0;
        while (total < DISCARD_BYTES) {
            int n = channel.read(buffer);
            if (n <= 0) {
                return;
            }
            total += n;
            buffer.clear();
        }
    }

    private void close(Conn c) {
        open.remove(c);
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    /** How many connections are open now (for tests). */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", thread.getName(), e.toString());
        }
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Conn c : new ArrayList<>(open)) {
            close(c);
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        worker.shutdownNow();
    }
}
