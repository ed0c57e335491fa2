package io.floatip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
