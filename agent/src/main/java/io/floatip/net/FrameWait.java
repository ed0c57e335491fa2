package io.floatip.net;

import io.floatip.os.LibCDirect;
import java.nio.ByteOrder;

/**
 * Where the capture thread waits once it has read every frame the ring held: poll(2) on the capture's
 * descriptor and on an eventfd of its own, which {@link #wake} writes so that close() never waits for the
 * poll's timeout (in non-blocking mode libpcap has no wake-up descriptor of its own for pcap_breakloop).
 * The pollfd array is made once: a wait allocates nothing.
 */
final class FrameWait implements AutoCloseable {
    static final int POLLIN = 0x1;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int wakeFd;
    /** Two struct pollfd, as ints: {fd, events and revents} each. */
    private final int[] fds = new int[4];
    private final long[] counter = new long[1];
    private final long[] one = {1};
    /** After close the descriptor's number may belong to another file: never written again. */
    private volatile boolean closed;

    private FrameWait(int wakeFd) {
        this.wakeFd = wakeFd;
    }

    static FrameWait open() throws TransportException {
        try {
            LibCDirect.bind();
        } catch (LinkageError e) {
            throw new TransportException("cannot bind libc's poll and eventfd: " + e, e);
        }
        int fd = LibCDirect.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0) {
            throw new TransportException("cannot make an eventfd for the capture thread");
        }
        return new FrameWait(fd);
    }

    /**
     * Capture thread: until {@code captureFd} has something to read (a frame, or an error libpcap will report),
     * {@link #wake} is called, or {@code timeoutMillis} pass. Returns at once after a wake given before.
     *
     * @return the capture descriptor's revents (POLLERR and the like besides POLLIN: an error indication)
     */
    int await(int captureFd, int timeoutMillis) {
        fds[0] = captureFd;
        fds[1] = eventsWord(POLLIN);
        fds[2] = wakeFd;
        fds[3] = eventsWord(POLLIN);
        if (LibCDirect.poll(fds, 2, timeoutMillis) <= 0) {
            return 0;
        }
        if (revents(fds[3]) != 0) {
            LibCDirect.read(wakeFd, counter, 8); // consumed: the next wait waits again
        }
        return revents(fds[1]);
    }

    /** Any thread: the capture thread's wait ends now (or its next one does not start). */
    synchronized void wake() {
        if (!closed) {
            LibCDirect.write(wakeFd, one, 8);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibCDirect.close(wakeFd);
        }
    }

    /** struct pollfd's events (asked) and revents (0) as the int that overlays the two shorts. */
    static int eventsWord(int events) {
        return eventsWord(events, LITTLE);
    }

    static int eventsWord(int events, boolean littleEndian) {
        return littleEndian ? events & 0xffff : (events & 0xffff) << 16;
    }

    /** The revents half of that int after poll(2). */
    static int revents(int word) {
        return revents(word, LITTLE);
    }

    static int revents(int word, boolean littleEndian) {
        return littleEndian ? word >>> 16 : word & 0xffff;
    }
}
