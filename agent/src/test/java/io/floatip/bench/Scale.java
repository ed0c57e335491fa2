package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cost as instances grow (issue 19): a pair with many instances (255 at 100 ms, 50 at 10 ms), CPU of the master
 * and of the backup and their wake-ups per second, after three start histories, because the history decides
 * how a master's adverts fall in time: both started together; the master started after the backup, so that it
 * preempts a running master instance by instance; the backup started after the master.
 */
final class Scale {
    /** How the pair was started. */
    enum History {
        TOGETHER("together"), MASTER_PREEMPTS("master preempts"), BACKUP_FIRST("backup first");

        final String label;

        History(String label) {
            this.label = label;
        }
    }

    /** One cell: per 60 s of wall time, CPU seconds (schedstat) and context switches per second. */
    record Outcome(String agent, int centis, int instances, History history, double cpuMaster, double cpuBackup,
            double wakeMaster, double wakeBackup, String note) {
    }

    /** The full run's cells: 255 instances at 100 ms, 50 at 10 ms. */
    static final List<int[]> SHAPES = List.of(new int[] {10, 255}, new int[] {1, 50});

    private final List<AgentKind> kinds;
    private final Path work;
    private final Duration window;
    private final List<int[]> shapes;
    private final List<History> histories;
    private final int reps;

    Scale(List<AgentKind> kinds, Path work, Duration window) {
        this(kinds, work, window, SHAPES, List.of(History.values()), 1);
    }

    /**
     * Only {@code shapes} ({centis, instances}) after {@code histories}, {@code reps} times, the agents taking
     * turns within each repetition (A, B, A, B: an old and a new build in the same conditions).
     */
    Scale(List<AgentKind> kinds, Path work, Duration window, List<int[]> shapes, List<History> histories, int reps) {
        this.kinds = kinds;
        this.work = work.resolve("scale");
        this.window = window;
        this.shapes = shapes;
        this.histories = histories;
        this.reps = reps;
    }

    List<Outcome> run() throws Exception {
        Files.createDirectories(work);
        List<Outcome> out = new ArrayList<>();
        for (int[] shape : shapes) {
            for (History h : histories) {
                for (int rep = 0; rep < reps; rep++) {
                    for (AgentKind kind : kinds) {
                        Outcome o;
                        try {
                            o = one(kind, shape[0], shape[1], h);
                        } catch (RuntimeException | AssertionError e) { // did not start or settle (LabTimeout): said
                            o = new Outcome(kind.name(), shape[0], shape[1], h, Double.NaN, Double.NaN, Double.NaN,
                                    Double.NaN, "not measured: " + e.getMessage());
                        }
                        System.out.printf("[bench] scale %s, %d at %s, %s: master %s s %s/s, backup %s s %s/s%s%n",
                                o.agent(), o.instances(), Failover.label(o.centis()), h.label,
                                Report.sig3(o.cpuMaster()), Math.round(o.wakeMaster()), Report.sig3(o.cpuBackup()),
                                Math.round(o.wakeBackup()), o.note().isEmpty() ? "" : " (" + o.note() + ")");
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    private Outcome one(AgentKind kind, int centis, int instances, History history) throws Exception {
        String tag = "sc" + kind.name().charAt(0) + centis + "-" + history.ordinal();
        try (Lab lab = Lab.create(tag, 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            AgentKind.Spec master = new AgentKind.Spec(tag + "-m", 150, centis, instances, null);
            AgentKind.Spec backup = new AgentKind.Spec(tag + "-b", 100, centis, instances, null);
            AgentKind.Running a1;
            AgentKind.Running a2;
            Duration takeover = Duration.ofSeconds(60);
            switch (history) {
                case TOGETHER -> {
                    a1 = kind.start(n1, master, work);
                    a2 = kind.start(n2, backup, work);
                }
                case MASTER_PREEMPTS -> {
                    a2 = kind.start(n2, backup, work);
                    Lab.await(takeover, () -> holdsAll(n2, instances), "n2 to hold every VIP before n1 starts");
                    a1 = kind.start(n1, master, work);
                }
                default -> {
                    a1 = kind.start(n1, master, work);
                    Lab.await(takeover, () -> holdsAll(n1, instances), "n1 to hold every VIP before n2 starts");
                    a2 = kind.start(n2, backup, work);
                }
            }
            Lab.await(takeover, () -> holdsAll(n1, instances) && holdsNone(n2, instances),
                    "n1 to hold every VIP and n2 none");
            Thread.sleep(3000); // the last takeover's gratuitous ARPs and log lines settle
            int entries = a2.masterEntries();
            List<Long> p1 = a1.pids();
            List<Long> p2 = a2.pids();
            long t = System.nanoTime();
            int exits = a1.masterExits();
            var s1 = Proc.threadCpuNanos(p1);
            var s2 = Proc.threadCpuNanos(p2);
            long w1 = wakeUps(p1);
            long w2 = wakeUps(p2);
            ThreadSample ts2 = ThreadSample.of(p2);
            Thread.sleep(window.toMillis());
            var e1 = Proc.threadCpuNanos(p1);
            var e2 = Proc.threadCpuNanos(p2);
            long x1 = wakeUps(p1);
            long x2 = wakeUps(p2);
            ThreadSample te2 = ThreadSample.of(p2);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("[bench] scale %s backup threads: %s%n", kind.name(),
                    ThreadSample.describe(ts2.ratesTo(te2, seconds)));
            String note = a2.masterEntries() > entries ? "the backup entered MASTER "
                    + (a2.masterEntries() - entries) + " times in the window" : "";
            if (a1.masterExits() > exits) {
                note += (note.isEmpty() ? "" : "; ") + "the master left MASTER " + (a1.masterExits() - exits)
                        + " times in the window";
            }
            if (!note.isEmpty()) { // why, in the agents' own words: the first few lines of each side
                a2.log().stream().filter(l -> l.contains(" -> MASTER")).skip(entries).limit(3)
                        .forEach(l -> System.out.println("[bench]   backup: " + l));
                a1.log().stream().filter(l -> l.contains("MASTER -> ")).skip(exits).limit(3)
                        .forEach(l -> System.out.println("[bench]   master: " + l));
                a1.log().stream().filter(l -> l.contains(" WARN ")).limit(5)
                        .forEach(l -> System.out.println("[bench]   master: " + l));
                a2.log().stream().filter(l -> l.contains(" WARN ")).limit(5)
                        .forEach(l -> System.out.println("[bench]   backup: " + l));
            }
            Outcome o = new Outcome(kind.name(), centis, instances, history,
                    Proc.cpuSecondsBetween(s1, e1) * 60 / seconds, Proc.cpuSecondsBetween(s2, e2) * 60 / seconds,
                    (x1 - w1) / seconds, (x2 - w2) / seconds, note);
            a1.terminate();
            a2.terminate();
            a1.awaitExit(Duration.ofSeconds(10));
            a2.awaitExit(Duration.ofSeconds(10));
            return o;
        }
    }

    /** The first, a middle and the last instance's VIP: an agent claims them one instance at a time. */
    private static boolean holdsAll(Node n, int instances) {
        return n.hasAddress(AgentKind.vip(instances)) && n.hasAddress(AgentKind.vip(1))
                && n.hasAddress(AgentKind.vip(instances / 2));
    }

    private static boolean holdsNone(Node n, int instances) {
        return !n.hasAddress(AgentKind.vip(instances)) && !n.hasAddress(AgentKind.vip(1))
                && !n.hasAddress(AgentKind.vip(instances / 2));
    }

    /**
     * Voluntary plus involuntary context switches of every thread of {@code pids} so far (/proc/PID/task/TID/
     * status): each is the thread coming off the CPU, so per second it counts how often the agent wakes.
     * Like {@link Proc#threadCpuNanos}, a thread that exits in the window takes its count with it.
     */
    static long wakeUps(List<Long> pids) {
        long n = 0;
        for (long pid : pids) {
            try (Stream<Path> tids = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path tid : tids.toList()) {
                    try {
                        for (String line : Files.readAllLines(tid.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")
                                    || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                n += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                            }
                        }
                    } catch (IOException gone) {
                        // the thread exited between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("pid " + pid + " is gone", e);
            }
        }
        return n;
    }

    /** How many outcomes of the same agent and cell come before {@code outcomes.get(k)}. */
    private static int nth(List<Outcome> outcomes, int k) {
        Outcome o = outcomes.get(k);
        int n = 0;
        for (int i = 0; i < k; i++) {
            Outcome x = outcomes.get(i);
            if (x.agent().equals(o.agent()) && x.centis() == o.centis() && x.history() == o.history()) {
                n++;
            }
        }
        return n;
    }

    /** Side by side: one row per shape and history, floatip's and keepalived's figures next to each other. */
    static String table(List<Outcome> outcomes, List<String> agents) {
        StringBuilder out = new StringBuilder("| instances | history |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String a : agents) {
            out.append(' ').append(a).append(" CPU master | ").append(a).append(" CPU backup | ").append(a)
                    .append(" wake-ups/s master | ").append(a).append(" wake-ups/s backup |");
            rule.append("--:|--:|--:|--:|");
        }
        out.append('\n').append(rule).append('\n');
        List<String> notes = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            Outcome first = outcomes.get(k);
            if (!first.agent().equals(agents.get(0))) {
                continue;
            }
            int nth = nth(outcomes, k); // a repetition of the same cell: the others' same repetition beside it
            out.append("| ").append(first.instances()).append(" at ").append(Failover.label(first.centis()))
                    .append(" | ").append(first.history().label).append(" |");
            for (String a : agents) {
                Outcome o = outcomes.stream().filter(x -> x.agent().equals(a) && x.centis() == first.centis()
                        && x.history() == first.history()).skip(nth).findFirst().orElse(null);
                if (o == null) {
                    out.append(" – | – | – | – |");
                    continue;
                }
                out.append(' ').append(Report.sig3(o.cpuMaster())).append(" | ").append(Report.sig3(o.cpuBackup()))
                        .append(" | ").append(Math.round(o.wakeMaster())).append(" | ")
                        .append(Math.round(o.wakeBackup())).append(" |");
                if (!o.note().isEmpty()) {
                    notes.add(a + ", " + o.instances() + " at " + Failover.label(o.centis()) + ", "
                            + o.history().label + ": " + o.note());
                }
            }
            out.append('\n');
        }
        out.append("\nCPU in seconds per 60 s of wall time (schedstat, every thread); wake-ups: voluntary plus "
                + "involuntary context switches per second, every thread summed.\n");
        for (String n : notes) {
            out.append("\n- ").append(n);
        }
        return out.append('\n').toString();
    }
}
