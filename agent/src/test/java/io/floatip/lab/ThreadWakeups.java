package io.floatip.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A thread of this JVM found by its name in /proc, and how often it has gone to sleep and woken since start. */
public final class ThreadWakeups {
    private ThreadWakeups() {
    }

    /** The /proc/self/task entry of the live thread called {@code name} (Linux keeps 15 characters of it). */
    public static Path taskNamed(String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        if (Files.readString(t.resolve("comm")).strip().equals(name)) {
                            return t;
                        }
                    } catch (IOException gone) {
                        // a thread that ended while listed
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no thread named " + name);
    }

    /** Its voluntary context switches: each time it blocked (a sleep, a read, a lock) and was woken again. */
    public static long wakeups(Path task) throws IOException {
        for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no voluntary_ctxt_switches in " + task);
    }
}
