package io.floatip.notify;

import io.floatip.os.LibC;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's notify_fifo_script: the program that reads the notify FIFO, started by the agent with the FIFO's
 * path as its last argument (vrrp.c appends it with add_script_param) once the FIFO is open, and kept running:
 * unlike keepalived, which only logs that it ended, a reader that exits is started again after a back-off
 * ({@link ReaderBackoff}) and counted ({@code notify_fifo_script_exited}). {@link #stop} ends it by its process
 * group: SIGTERM, then SIGKILL {@link #KILL_AFTER_MILLIS} later (keepalived's script_killall and
 * child_killed_thread). One thread, which starts every run and lives as long as it: the parent-death signal
 * the reader gets is tied to the thread that started it.
 */
public final class FifoReader {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** keepalived kills a child still there a second after its SIGTERM. */
    public static final long KILL_AFTER_MILLIS = 1000;

    /** Starts one run of the reader; its pid must be its process group's (a session of its own). */
    public interface Launcher {
        Process start(List<String> argv) throws IOException;
    }

    private final List<String> argv;
    private final Launcher launcher;
    private final ReaderBackoff backoff = new ReaderBackoff();
    private final Object lock = new Object();
    private final Thread thread;
    /** The run going on, or null between runs; guarded by lock. */
    private Process process;
    private boolean stopping;
    private long starts;

    /** @param command the program and its arguments, as configured; the FIFO's path is appended */
    public FifoReader(List<String> command, Path fifo, Launcher launcher) {
        List<String> words = new ArrayList<>(command);
        words.add(fifo.toString());
        this.argv = List.copyOf(words);
        this.launcher = launcher;
        this.thread = new Thread(this::run, "notify-fifo-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The words run: the command, then the FIFO's path. */
    public List<String> argv() {
        return argv;
    }

    /** The reader's pid now, or -1 between runs. */
    public long pid() {
        synchronized (lock) {
            return process == null ? -1 : process.pid();
        }
    }

    /** How many times it was started. */
    public long starts() {
        synchronized (lock) {
            return starts;
        }
    }

    private void run() {
        while (true) {
            long began = System.nanoTime();
            Process p = null;
            String ended;
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                try {
                    p = launcher.start(argv);
                    process = p;
                    starts++;
                    ended = null;
                } catch (IOException e) {
                    ended = "could not start: " + e.getMessage();
                }
            }
            if (p != null) {
                log.info("notify_fifo_script started (pid {}): {}", p.pid(), String.join(" ", argv));
                try {
                    ended = "exited with status " + p.waitFor();
                } catch (InterruptedException e) {
                    return;
                }
                // What it forked must not read on beside the next run: one reader at a time.
                LibC.INSTANCE.kill(-(int) p.pid(), LibC.SIGKILL);
            }
            long wait;
            synchronized (lock) {
                process = null;
                if (stopping) {
                    return;
                }
                wait = backoff.next((System.nanoTime() - began) / 1_000_000);
            }
            long n = Refusals.count(Refusal.NOTIFY_FIFO_SCRIPT_EXITED);
            log.warn("notify_fifo_script {} {}; starting it again in {} ms ({} exits so far)", argv.get(0), ended,
                    wait, n);
            if (!pause(wait)) {
                return;
            }
        }
    }

    /** False when stopped meanwhile. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            try {
                long left;
                while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                return false;
            }
            return !stopping;
        }
    }

    /**
     * Ends the reader for good: SIGTERM to its process group, SIGKILL a second later if it is still there;
     * returns once it is gone (within about two seconds). Any thread; idempotent.
     */
    public void stop() {
        Process p;
        synchronized (lock) {
            stopping = true;
            p = process;
            lock.notifyAll();
        }
        if (p != null) {
            int pgid = (int) p.pid();
            LibC.INSTANCE.kill(-pgid, LibC.SIGTERM);
            try {
                if (!p.waitFor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS)) {
                    log.warn("notify_fifo_script (pid {}) still runs a second after SIGTERM: killed", pgid);
                }
                LibC.INSTANCE.kill(-pgid, LibC.SIGKILL); // it, or what it left in its group
                p.waitFor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                LibC.INSTANCE.kill(-pgid, LibC.SIGKILL);
                Thread.currentThread().interrupt();
            }
        }
        try {
            thread.join(KILL_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
