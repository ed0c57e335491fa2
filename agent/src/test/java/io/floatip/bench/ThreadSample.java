package io.floatip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every thread of some processes at one moment: its name (comm), CPU time (schedstat) and context switches
 * (status), so that two samples say which thread woke how often and what it cost. The scale run's A/B mode
 * prints it for the backup: the capture thread and the event loop are the receive path.
 */
record ThreadSample(Map<String, Counts> byTid) {
    /** One thread's counters so far. */
    record Counts(String name, long cpuNanos, long voluntary, long involuntary) {
    }

    /** Per thread name over a window: CPU seconds per 60 s and wake-ups (voluntary switches) per second. */
    record Rate(double cpuPer60s, double voluntaryPerSecond, double involuntaryPerSecond) {
    }

    static ThreadSample of(List<Long> pids) {
        Map<String, Counts> out = new HashMap<>();
        for (long pid : pids) {
            try (Stream<Path> tids = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path tid : tids.toList()) {
                    try {
                        String name = Files.readString(tid.resolve("comm")).strip();
                        long cpu = Long.parseLong(Files.readString(tid.resolve("schedstat")).strip().split(" ")[0]);
                        long vol = 0;
                        long invol = 0;
                        for (String line : Files.readAllLines(tid.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                vol = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                                invol = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                            }
                        }
                        out.put(pid + "/" + tid.getFileName(), new Counts(name, cpu, vol, invol));
                    } catch (IOException gone) {
                        // the thread exited between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("pid " + pid + " is gone", e);
            }
        }
        return new ThreadSample(out);
    }

    /** From this sample to {@code end}, {@code seconds} apart, summed by thread name (threads alive at the end). */
    Map<String, Rate> ratesTo(ThreadSample end, double seconds) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Map.Entry<String, Counts> e : end.byTid.entrySet()) {
            Counts b = e.getValue();
            Counts a = byTid.getOrDefault(e.getKey(), new Counts(b.name(), 0, 0, 0));
            long[] s = sums.computeIfAbsent(b.name(), k -> new long[3]);
            s[0] += b.cpuNanos() - a.cpuNanos();
            s[1] += b.voluntary() - a.voluntary();
            s[2] += b.involuntary() - a.involuntary();
        }
        Map<String, Rate> out = new TreeMap<>();
        sums.forEach((name, s) -> out.put(name, new Rate(s[0] / 1e9 * 60 / seconds, s[1] / seconds, s[2] / seconds)));
        return out;
    }

    /** The threads that cost at least 0.05 s per 60 s or woke 10 times a second, busiest first, one line. */
    static String describe(Map<String, Rate> rates) {
        StringBuilder sb = new StringBuilder();
        rates.entrySet().stream()
                .filter(e -> e.getValue().cpuPer60s() >= 0.05 || e.getValue().voluntaryPerSecond() >= 10)
                .sorted((x, y) -> Double.compare(y.getValue().cpuPer60s(), x.getValue().cpuPer60s()))
                .forEach(e -> sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(' ')
                        .append(Report.sig3(e.getValue().cpuPer60s())).append(" s, ")
                        .append(Math.round(e.getValue().voluntaryPerSecond())).append(" vol/s, ")
                        .append(Math.round(e.getValue().involuntaryPerSecond())).append(" invol/s"));
        return sb.toString();
    }
}
