package io.floatip.track;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.floatip.os.LibC;
import io.floatip.os.LibCDirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the processes that each {@link ProcessMatch} follows, on a thread of its own. A followed process's
 * exit is seen the moment it happens: the thread holds a pidfd (pidfd_open(2)) for each and polls them all,
 * and a pidfd polls readable when its process exits, in any network namespace. An exit is handed to the
 * listener before anything else is done. New processes are found by reading /proc again: {@link
 * #AFTER_EXIT_MILLIS} after an exit (a restarted proxy), every {@link #BELOW_QUORUM_MILLIS} while a count is
 * below its quorum, and every {@link #RESCAN_MILLIS} otherwise (only a count above quorum can be stale then,
 * which changes nothing); {@link ScanSchedule} says when.
 */
public final class ProcessWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    public static final int BELOW_QUORUM_MILLIS = 200;
    public static final int RESCAN_MILLIS = 5_000;
    /** How long after an exit /proc is read again (see {@link ScanSchedule}: not at once). */
    public static final int AFTER_EXIT_MILLIS = 20;
    private static final int POLLFD_BYTES = 8;

    /** Called on the watch thread with a matcher's index and its new count, only when the count changed. */
    public interface Listener {
        void counted(int index, int count);
    }

    private final List<ProcessMatch> matches;
    private final int[] quorums;
    private final Listener listener;
    private final ProcessTable table;
    private final List<Map<Integer, Integer>> fdByPid = new ArrayList<>();
    private final int[] counts;
    private final int[] wake = new int[2];
    private final ScanSchedule schedule = new ScanSchedule();
    private final Thread thread;
    private volatile boolean running = true;

    /** Reads /proc once, so the counts are known before any instance uses them; {@link #start} watches. */
    public ProcessWatch(List<ProcessMatch> matches, int[] quorums, Listener listener) {
        this(matches, quorums, listener, Path.of("/proc"));
    }

    ProcessWatch(List<ProcessMatch> matches, int[] quorums, Listener listener, Path proc) {
        this.matches = List.copyOf(matches);
        this.quorums = quorums.clone();
        this.listener = listener;
        this.table = new ProcessTable(proc);
        this.counts = new int[matches.size()];
        java.util.Arrays.fill(counts, -1);
        for (int k = 0; k < matches.size(); k++) {
            fdByPid.add(new HashMap<>());
        }
        if (LibC.INSTANCE.pipe2(wake, LibC.O_CLOEXEC | LibC.O_NONBLOCK) != 0) {
            throw new IllegalStateException("pipe2 failed: errno " + Native.getLastError());
        }
        rescan();
        schedule.scanned(System.nanoTime(), belowQuorum());
        thread = new Thread(this::run, "floatip-processes");
        thread.setDaemon(true);
    }

    public void start() {
        started = true;
        thread.start();
    }

    private volatile boolean started;

    /** The count at the last look (any thread may ask; exact on the watch thread). */
    public int count(int index) {
        return Math.max(0, counts[index]);
    }

    private void run() {
        try {
            while (running) {
                if (schedule.due(System.nanoTime())) {
                    rescan();
                    schedule.scanned(System.nanoTime(), belowQuorum());
                }
                int watched = 0;
                for (Map<Integer, Integer> m : fdByPid) {
                    watched += m.size();
                }
                Memory fds = new Memory((long) (watched + 1) * POLLFD_BYTES);
                int[] order = new int[watched + 1];
                fds.setInt(0, wake[0]);
                fds.setShort(4, LibC.POLLIN);
                fds.setShort(6, (short) 0);
                int slot = 1;
                for (Map<Integer, Integer> m : fdByPid) {
                    for (int fd : m.values()) {
                        fds.setInt((long) slot * POLLFD_BYTES, fd);
                        fds.setShort((long) slot * POLLFD_BYTES + 4, LibC.POLLIN);
                        fds.setShort((long) slot * POLLFD_BYTES + 6, (short) 0);
                        order[slot++] = fd;
                    }
                }
                int ready = LibCDirect.poll(fds, watched + 1, schedule.pollMillis(System.nanoTime()));
                if (!running) {
                    break;
                }
                if (ready < 0) {
                    int errno = Native.getLastError();
                    if (errno != 4) { // EINTR
                        log.error("process watch: poll failed (errno {}); reading /proc instead", errno);
                        Thread.sleep(BELOW_QUORUM_MILLIS);
                        schedule.scanAt(System.nanoTime());
                    }
                } else if (ready > 0) {
                    int gone = 0;
                    for (int s = 1; s <= watched; s++) {
                        if (fds.getShort((long) s * POLLFD_BYTES + 6) != 0) {
                            order[gone++] = order[s];
                        }
                    }
                    if (gone > 0) {
                        for (int g = 0; g < gone; g++) {
                            forget(order[g]);
                        }
                        report(); // the loss is news now; the descriptors and /proc can wait
                        for (int g = 0; g < gone; g++) {
                            LibCDirect.close(order[g]);
                        }
                        schedule.exited(System.nanoTime());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("process watch stopped: {}", e.toString());
        } finally {
            closeAll();
        }
    }

    private boolean belowQuorum() {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < quorums[k]) {
                return true;
            }
        }
        return false;
    }

    /** A pidfd polled readable: its process is gone. The caller closes {@code fd} once the loss is reported. */
    private void forget(int fd) {
        for (Map<Integer, Integer> m : fdByPid) {
            Iterator<Integer> it = m.values().iterator();
            while (it.hasNext()) {
                if (it.next() == fd) {
                    it.remove();
                }
            }
        }
    }

    /** Reads /proc: opens a pidfd for each new process, drops those gone or no longer matching, reports counts. */
    private void rescan() {
        List<Set<Integer>> found = table.scan(matches);
        for (int k = 0; k < matches.size(); k++) {
            Map<Integer, Integer> m = fdByPid.get(k);
            Set<Integer> now = found.get(k);
            Iterator<Map.Entry<Integer, Integer>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Integer, Integer> e = it.next();
                if (!now.contains(e.getKey())) {
                    LibC.INSTANCE.close(e.getValue());
                    it.remove();
                }
            }
            for (int pid : now) {
                if (m.containsKey(pid)) {
                    continue;
                }
                int fd = (int) LibC.INSTANCE.syscall(LibC.SYS_PIDFD_OPEN, pid, 0);
                // The pid may have gone (ESRCH) or been reused between the read and the open: check it again.
                // A zombie (exited, not yet reaped by its parent) is still in /proc: its pidfd is readable at once.
                if (fd >= 0 && !exitedAlready(fd) && table.still(pid, matches.get(k))) {
                    m.put(pid, fd);
                } else if (fd >= 0) {
                    LibC.INSTANCE.close(fd);
                }
            }
        }
        report();
    }

    private void report() {
        for (int k = 0; k < matches.size(); k++) {
            int n = fdByPid.get(k).size();
            if (n != counts[k]) {
                counts[k] = n;
                listener.counted(k, n);
            }
        }
    }

    private static boolean exitedAlready(int fd) {
        Memory one = new Memory(POLLFD_BYTES);
        one.setInt(0, fd);
        one.setShort(4, LibC.POLLIN);
        one.setShort(6, (short) 0);
        return LibC.INSTANCE.poll(one, new NativeLong(1), 0) > 0;
    }

    private void closeAll() {
        for (Map<Integer, Integer> m : fdByPid) {
            m.values().forEach(LibC.INSTANCE::close);
            m.clear();
        }
        LibC.INSTANCE.close(wake[0]);
        LibC.INSTANCE.close(wake[1]);
    }

    /** Stops the thread: the wake-up pipe ends its poll; it closes every descriptor itself. */
    @Override
    public void close() {
        running = false;
        if (!started) {
            closeAll();
            return;
        }
        LibC.INSTANCE.write(wake[1], new byte[] {1}, new NativeLong(1));
        try {
            thread.join(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
