package io.floatip.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each check script ran. The benchmark's check script truncates "FILE.ran" with a shell builtin
 * ({@code : > "$1.ran"}) just before it tests FILE, the same script for both agents; this watches the work
 * directory through java.nio's WatchService (inotify on Linux: the truncation is an IN_MODIFY, the first run
 * an IN_CREATE) and stamps each event on the common clock as it is taken, tens of microseconds after the
 * script's write. (The file's mtime would do too, but it is taken from the kernel's coarse clock, one tick.)
 */
final class CheckRuns implements AutoCloseable {
    static final String SUFFIX = ".ran";

    private final WatchService watcher;
    private final Map<String, List<Long>> runs = new HashMap<>();
    private final Thread thread;

    private CheckRuns(Path dir) throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        thread = new Thread(this::loop, "bench-check-runs");
        thread.setDaemon(true);
    }

    static CheckRuns watch(Path dir) throws IOException {
        CheckRuns runs = new CheckRuns(dir);
        runs.thread.start();
        return runs;
    }

    /** The stamp file the check script writes for {@code checkFile}. */
    static Path stampOf(Path checkFile) {
        return checkFile.resolveSibling(checkFile.getFileName() + SUFFIX);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                long t = Clock.nowMicros();
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.context() instanceof Path p && p.toString().endsWith(SUFFIX)) {
                        synchronized (this) {
                            runs.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(t);
                            notifyAll();
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** The first run of the check on {@code checkFile} stamped at or after {@code since}; -1 after the timeout. */
    synchronized long awaitAfter(Path checkFile, long since, Duration timeout) throws InterruptedException {
        String name = stampOf(checkFile).getFileName().toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Long> list = runs.getOrDefault(name, List.of());
            for (int i = list.size() - 1; i >= 0 && list.get(i) >= since; i--) {
                if (i == 0 || list.get(i - 1) < since) {
                    return list.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The last run stamped strictly before {@code t}; -1 if none. */
    synchronized long lastBefore(Path checkFile, long t) {
        List<Long> list = runs.getOrDefault(stampOf(checkFile).getFileName().toString(), List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) < t) {
                return list.get(i);
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
