package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where an idle master's CPU goes, thread by thread: a pair at 1 s, then each thread's time on CPU over a
 * window from /proc/PID/task/TID/schedstat (nanoseconds, unlike stat's 10 ms ticks) and its wake-ups
 * (voluntary context switches from /proc/PID/task/TID/status). A diagnostic for the tuning ideas, not part
 * of the table: {@code BenchMain --idle-threads SECONDS}.
 */
final class IdleThreads {
    private record Sample(String name, long nanos, long wakeups) {
    }

    private IdleThreads() {
    }

    static String run(AgentKind kind, Path work, Duration window) throws Exception {
        try (Lab lab = Lab.create("t" + kind.name().charAt(0), 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            AgentKind.Running a1 = kind.start(n1, new AgentKind.Spec("idle1", 150, 100, 1, null), work);
            kind.start(n2, new AgentKind.Spec("idle2", 100, 100, 1, null), work);
            Lab.await(Duration.ofSeconds(30), () -> n1.hasAddress(AgentKind.vip(1)), "n1 to be master");
            Thread.sleep(10_000);
            Map<String, Sample> before = sample(a1.pids());
            Thread.sleep(window.toMillis());
            Map<String, Sample> after = sample(a1.pids());
            List<String[]> rows = new ArrayList<>();
            long total = 0;
            for (Map.Entry<String, Sample> e : after.entrySet()) {
                Sample b = before.get(e.getKey());
                long ns = e.getValue().nanos() - (b == null ? 0 : b.nanos());
                long w = e.getValue().wakeups() - (b == null ? 0 : b.wakeups());
                total += ns;
                if (ns > 0 || w > 0) {
                    rows.add(new String[] {e.getValue().name(), Long.toString(ns), Long.toString(w)});
                }
            }
            rows.sort((x, y) -> Long.compare(Long.parseLong(y[1]), Long.parseLong(x[1])));
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%s, idle master at 1 s, %d s window: %.1f ms on CPU in all "
                    + "(%.3f %%)%n", kind.name(), window.toSeconds(), total / 1e6, total / 1e7 / window.toSeconds()));
            out.append("| thread | ms on CPU | wake-ups |\n|---|--:|--:|\n");
            for (String[] r : rows.subList(0, Math.min(12, rows.size()))) {
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", r[0], Long.parseLong(r[1]) / 1e6, r[2]));
            }
            return out.toString();
        }
    }

    private static Map<String, Sample> sample(List<Long> pids) throws IOException {
        Map<String, Sample> out = new HashMap<>();
        for (long pid : pids) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        long ns = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                        long wakeups = 0;
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                wakeups = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            }
                        }
                        out.put(pid + "/" + task.getFileName(), new Sample(name, ns, wakeups));
                    } catch (IOException | RuntimeException gone) {
                        // The thread ended between the listing and the read.
                    }
                }
            }
        }
        return out;
    }
}
