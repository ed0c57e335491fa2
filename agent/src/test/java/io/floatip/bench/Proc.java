package io.floatip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What /proc says of a set of processes: resident memory and CPU time (all threads, user plus system). */
final class Proc {
    /** USER_HZ: /proc/PID/stat counts CPU in 1/100 s on Linux (x86 and arm64 alike). */
    static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+(?:\\.\\d+)?)ms\\s*$");

    private Proc() {
    }

    /** The sum of VmRSS over {@code pids}, in MiB. */
    static double rssMiB(List<Long> pids) {
        long kib = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("pid " + pid + " is gone", e);
            }
        }
        return kib / 1024.0;
    }

    /** utime + stime of every thread of {@code pids} (the thread group's totals, exited threads included), s. */
    static double cpuSeconds(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException e) {
                throw new IllegalStateException("pid " + pid + " is gone", e);
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * Time on CPU so far of every thread of {@code pids}, in nanoseconds, keyed "pid/tid": the first field of
     * /proc/PID/task/TID/schedstat (the scheduler's own account, not rounded to ticks like stat's utime and
     * stime). A thread that exits leaves no trace here, so take {@link #cpuSecondsBetween} over a window where
     * threads do not come and go (the footprint's pairs run no check scripts).
     */
    static Map<String, Long> threadCpuNanos(List<Long> pids) {
        Map<String, Long> out = new HashMap<>();
        for (long pid : pids) {
            Path tasks = Path.of("/proc", Long.toString(pid), "task");
            try (Stream<Path> tids = Files.list(tasks)) {
                for (Path tid : tids.toList()) {
                    try {
                        String text = Files.readString(tid.resolve("schedstat")).strip();
                        out.put(pid + "/" + tid.getFileName(), Long.parseLong(text.split(" ")[0]));
                    } catch (IOException gone) {
                        // the thread exited between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("pid " + pid + " is gone", e);
            }
        }
        return out;
    }

    /**
     * CPU seconds between two {@link #threadCpuNanos} samples: for every thread alive at the end, its time at
     * the end less its time at the start (0 if it started in the window, whose whole time is then counted).
     * Limitation: a thread that ran in the window and exited before its end is lost, with its time.
     */
    static double cpuSecondsBetween(Map<String, Long> start, Map<String, Long> end) {
        long ns = 0;
        for (Map.Entry<String, Long> e : end.entrySet()) {
            ns += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return ns / 1e9;
    }

    /** The longest "Pause ..." in every -Xlog:gc file under {@code dir} (gc-*.log), in ms; -1 if none. */
    static double longestGcPause(Path dir) {
        double longest = -1;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("gc-.*\\.log.*")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = PAUSE.matcher(line);
                    if (m.find()) {
                        longest = Math.max(longest, Double.parseDouble(m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            return longest;
        }
        return longest;
    }

    /** How many GC pauses one -Xlog:gc file records so far (0 if there is none). */
    static int gcPausesIn(Path file) {
        try {
            return (int) Files.readAllLines(file).stream().filter(l -> PAUSE.matcher(l).find()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** How many GC pauses the -Xlog:gc files under {@code dir} record. */
    static int gcPauses(Path dir) {
        int n = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("gc-.*\\.log.*")).toList()) {
                n += (int) Files.readAllLines(f).stream().filter(l -> PAUSE.matcher(l).find()).count();
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }
}
