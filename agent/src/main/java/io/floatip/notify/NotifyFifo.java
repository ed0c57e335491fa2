package io.floatip.notify;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.floatip.os.LibC;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's notify_fifo: one line per state change, {@code INSTANCE "VI_1" MASTER 150}, written in order on
 * a thread of its own. As keepalived: made with mkfifo when missing, opened O_RDWR|O_NONBLOCK (so the open never
 * waits for a reader, and a reader that goes away costs nothing); a path that is a regular file or a symbolic
 * link is refused at start. Nothing here ever blocks: lines wait in a queue of {@link #QUEUE} and are dropped
 * and counted ({@code notify_fifo_dropped}) when it is full or the pipe is (no one reads).
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** Lines waiting for the writer thread; a pipe holds 64 KiB more (~2,000 lines). */
    static final int QUEUE = 256;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final Path path;
    private final ArrayBlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private final int fd;
    /** Lines queued or being written: {@link #flush} waits for none. */
    private final java.util.concurrent.atomic.AtomicInteger unwritten = new java.util.concurrent.atomic.AtomicInteger();

    /** @throws IOException with a one-line reason: not a FIFO, cannot be made or opened */
    public NotifyFifo(Path path) throws IOException {
        this(path, null);
    }

    /**
     * @param owner the user a FIFO made here is given to (its notify_fifo_script's user, who must open it;
     *              keepalived chowns the FIFO it makes to its script user too), or null to keep the agent's
     */
    public NotifyFifo(Path path, String owner) throws IOException {
        this.path = path;
        this.fd = open(path, owner);
        this.thread = new Thread(this::run, "notify-fifo");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private static int open(Path path, String owner) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & S_IFMT) != S_IFIFO) {
                throw new IOException("notify_fifo " + path + " exists and is not a FIFO (a regular file, a "
                        + "symbolic link or a device is refused); remove it and floatip makes the FIFO");
            }
        } catch (NoSuchFileException e) {
            if (LibC.INSTANCE.mkfifo(path.toString(), 0600) != 0) {
                throw new IOException("cannot make notify_fifo " + path + ": " + LibC.lastError());
            }
            if (owner != null) {
                try {
                    Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByName(owner));
                } catch (IOException notGiven) {
                    Files.deleteIfExists(path); // else the next start would find it and keep root's
                    throw new IOException("cannot give notify_fifo " + path + " to " + owner + ", the user its "
                            + "notify_fifo_script runs as: " + notGiven.getMessage(), notGiven);
                }
            }
        }
        int fd = LibC.INSTANCE.open(path.toString(), LibC.O_RDWR | LibC.O_NONBLOCK
                | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open notify_fifo " + path + ": " + LibC.lastError());
        }
        // Replaced between the check and the open? What was opened is what counts.
        int opened = (Integer) Files.getAttribute(Path.of("/proc/self/fd/" + fd), "unix:mode");
        if ((opened & S_IFMT) != S_IFIFO) {
            LibC.INSTANCE.close(fd);
            throw new IOException("notify_fifo " + path + " is not a FIFO");
        }
        return fd;
    }

    /** The line keepalived writes: kind (INSTANCE or GROUP), the quoted name, the state, the priority. */
    public static String line(String kind, String name, String state, int priority) {
        return kind + " \"" + name + "\" " + state + " " + priority;
    }

    /** Any thread; never blocks: a line that finds the queue full is dropped and counted. */
    public void write(String line) {
        unwritten.incrementAndGet();
        if (!lines.offer(line)) {
            unwritten.decrementAndGet();
            dropped("its queue is full");
        }
    }

    /**
     * Waits, for at most {@code millis}, until every line given so far is written and read out of the pipe;
     * before its reader is stopped at shutdown, so the last (STOP) lines reach it. False when time ran out.
     */
    public boolean flush(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int[] unread = new int[1];
        while (true) {
            unread[0] = 0;
            boolean pipeEmpty = LibC.INSTANCE.ioctl(fd, new NativeLong(LibC.FIONREAD), unread) != 0 || unread[0] == 0;
            if (unwritten.get() == 0 && pipeEmpty) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(FLUSH_POLL_MILLIS);
        }
    }

    private static final long FLUSH_POLL_MILLIS = 5;

    private void run() {
        while (true) {
            String line;
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                return;
            }
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            // A line is far under PIPE_BUF: written whole or not at all.
            long n = LibC.INSTANCE.write(fd, bytes, new NativeLong(bytes.length)).longValue();
            if (n < 0) {
                int errno = Native.getLastError();
                dropped(errno == LibC.EAGAIN ? "the FIFO is full (no one reads it)" : LibC.lastError());
            }
            unwritten.decrementAndGet();
        }
    }

    private void dropped(String why) {
        long n = Refusals.count(Refusal.NOTIFY_FIFO_DROPPED);
        if (Refusals.worthLogging(n)) {
            log.warn("notify_fifo {}: line dropped, {} ({} dropped so far)", path, why, n);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LibC.INSTANCE.close(fd);
    }
}
