package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What each agent costs: memory after 10 s, CPU over a window as master and as backup, the time from exec to
 * its first advert on the wire, and the same with 100 instances on one interface. No check scripts here.
 */
final class Footprint {
    static final String SCENARIO = "footprint";
    static final String STARTUP = "exec to first advert (owner, 2 instances)";
    static final String RSS_TWO = "RSS, one agent with 2 instances";
    static final String RSS_MASTER = "RSS of the master";
    static final String RSS_PAIR = "RSS of the pair (both nodes)";
    static final String CPU_MASTER = "CPU as MASTER";
    static final String CPU_BACKUP = "CPU as BACKUP";
    /** The same from utime + stime in /proc/PID/stat, 10 ms ticks: the figure of earlier runs, for comparison. */
    static final String CPU_MASTER_TICKS = "CPU as MASTER (stat ticks)";
    static final String CPU_BACKUP_TICKS = "CPU as BACKUP (stat ticks)";
    /** floatip only: collections during the CPU window. Its steady state allocates nothing, so none are due. */
    static final String GC_MASTER = "GC pauses in the window, MASTER";
    static final String GC_BACKUP = "GC pauses in the window, BACKUP";

    private final AgentKind kind;
    private final Path work;
    private final Results results;
    private final Duration window;
    private final int startupReps;

    Footprint(AgentKind kind, Path work, Results results, Duration window, int startupReps) {
        this.kind = kind;
        this.work = work.resolve(kind.name() + "-footprint");
        this.results = results;
        this.window = window;
        this.startupReps = startupReps;
    }

    void run() throws Exception {
        Files.createDirectories(work);
        startup();
        steady(100, 1);
        steady(1, 1);
        steady(10, 100);
    }

    /**
     * A lone node with priority 255 (the owner: both agents become master at once, no Master_Down_Interval),
     * two instances at 100 ms; the client's tcpdump stamps the first advert from the node. After the last
     * start, the agent runs 10 s and its RSS is read.
     */
    private void startup() throws Exception {
        try (Lab lab = Lab.create("s" + kind.name().charAt(0), 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            List<Long> adverts = new ArrayList<>();
            AdvertStamps.listen(client, n1.ipv4(), "first adverts", t -> {
                synchronized (adverts) {
                    adverts.add(t);
                }
            });
            for (int rep = 1; rep <= startupReps; rep++) {
                long exec = Clock.nowMicros();
                AgentKind.Running a = kind.start(n1, new AgentKind.Spec("start" + rep, 255, 10, 2, null), work);
                Lab.await(Duration.ofSeconds(10), () -> firstAfter(adverts, exec) > 0, "the first advert");
                double ms = Clock.ms(firstAfter(adverts, exec) - exec);
                results.add(new Results.Row(SCENARIO, "100 ms", STARTUP, "ms"), kind.name(), ms);
                System.out.printf("[bench] %s: exec -> first advert %.1f ms%n", kind.name(), ms);
                if (rep == startupReps) {
                    long left = exec / 1000 + 10_000 - System.currentTimeMillis();
                    Thread.sleep(Math.max(0, left));
                    results.add(new Results.Row(SCENARIO, "100 ms", RSS_TWO, "MiB"), kind.name(),
                            Proc.rssMiB(a.pids()));
                }
                a.terminate();
                if (!a.awaitExit(Duration.ofSeconds(10))) {
                    results.note(kind.name() + ": still running 10 s after SIGTERM (startup run " + rep + ")");
                }
                Thread.sleep(500);
            }
        }
    }

    /** A pair (150 master, 100 backup) with {@code instances} instances each: RSS at 10 s, CPU over the window. */
    private void steady(int centis, int instances) throws Exception {
        String interval = Failover.label(centis) + (instances > 1 ? ", " + instances + " instances" : "");
        try (Lab lab = Lab.create("f" + kind.name().charAt(0) + centis, 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            long start = System.currentTimeMillis();
            AgentKind.Running a1 = kind.start(n1, new AgentKind.Spec("fp1-" + centis + "-" + instances, 150, centis,
                    instances, null), work);
            AgentKind.Running a2 = kind.start(n2, new AgentKind.Spec("fp2-" + centis + "-" + instances, 100, centis,
                    instances, null), work);
            Lab.await(Duration.ofSeconds(60), () -> n1.hasAddress(AgentKind.vip(instances))
                    && n1.hasAddress(AgentKind.vip(1)) && !n2.hasAddress(AgentKind.vip(1)), "n1 to be master");
            Thread.sleep(Math.max(0, start + 10_000 - System.currentTimeMillis()));
            double rss1 = Proc.rssMiB(a1.pids());
            double rss2 = Proc.rssMiB(a2.pids());
            results.add(new Results.Row(SCENARIO, interval, RSS_MASTER, "MiB"), kind.name(), rss1);
            if (instances == 1) {
                results.add(new Results.Row(SCENARIO, interval, RSS_PAIR, "MiB"), kind.name(), rss1 + rss2);
            }
            int entries = a2.masterEntries();
            int exits = a1.masterExits();
            int lines1 = a1.log().size();
            int lines2 = a2.log().size();
            List<Long> p1 = a1.pids();
            List<Long> p2 = a2.pids();
            double c1 = Proc.cpuSeconds(p1);
            double c2 = Proc.cpuSeconds(p2);
            Path gc1 = work.resolve("gc-fp1-" + centis + "-" + instances + ".log");
            Path gc2 = work.resolve("gc-fp2-" + centis + "-" + instances + ".log");
            int g1 = Proc.gcPausesIn(gc1);
            int g2 = Proc.gcPausesIn(gc2);
            long t = System.nanoTime();
            var s1 = Proc.threadCpuNanos(p1);
            var s2 = Proc.threadCpuNanos(p2);
            Thread.sleep(window.toMillis());
            var e1 = Proc.threadCpuNanos(p1);
            var e2 = Proc.threadCpuNanos(p2);
            double seconds = (System.nanoTime() - t) / 1e9;
            if (Files.exists(gc1)) {
                int gm = Proc.gcPausesIn(gc1) - g1;
                int gb = Proc.gcPausesIn(gc2) - g2;
                results.add(new Results.Row(SCENARIO, interval, GC_MASTER, "pauses"), kind.name(), gm);
                results.add(new Results.Row(SCENARIO, interval, GC_BACKUP, "pauses"), kind.name(), gb);
                System.out.printf("[bench] %s at %s: GC pauses in the window: master %d, backup %d%n", kind.name(),
                        interval, gm, gb);
            }
            // CPU seconds per 60 s of wall time (the window is 60 s in a full run, shorter with --quick).
            double m = Proc.cpuSecondsBetween(s1, e1) * 60 / seconds;
            double b = Proc.cpuSecondsBetween(s2, e2) * 60 / seconds;
            double mt = (Proc.cpuSeconds(p1) - c1) * 60 / seconds;
            double bt = (Proc.cpuSeconds(p2) - c2) * 60 / seconds;
            results.add(new Results.Row(SCENARIO, interval, CPU_MASTER, "s/60 s"), kind.name(), m);
            results.add(new Results.Row(SCENARIO, interval, CPU_BACKUP, "s/60 s"), kind.name(), b);
            results.add(new Results.Row(SCENARIO, interval, CPU_MASTER_TICKS, "s/60 s"), kind.name(), mt);
            results.add(new Results.Row(SCENARIO, interval, CPU_BACKUP_TICKS, "s/60 s"), kind.name(), bt);
            System.out.printf("[bench] %s at %s: RSS %.1f + %.1f MiB, CPU (schedstat) master %s s, backup %s s per "
                    + "60 s (stat ticks: %.2f, %.2f)%n", kind.name(), interval, rss1, rss2, Report.sig3(m),
                    Report.sig3(b), mt, bt);
            if (a1.masterExits() > exits || a2.masterEntries() > entries) {
                List<String> said = new ArrayList<>();
                a1.log().stream().skip(lines1).filter(Footprint::transition).limit(2).forEach(l -> said.add("n1: " + l));
                a2.log().stream().skip(lines2).filter(Footprint::transition).limit(2).forEach(l -> said.add("n2: " + l));
                results.note(kind.name() + " at " + interval + ", idle pair: the backup entered MASTER "
                        + (a2.masterEntries() - entries) + " times in the " + window.toSeconds() + " s CPU window; "
                        + "first lines: " + String.join(" / ", said));
            }
        }
    }

    static boolean transition(String line) {
        return line.contains(" -> ") && line.contains("MASTER") || line.contains("Entering ");
    }

    private static long firstAfter(List<Long> times, long since) {
        synchronized (times) {
            for (long t : times) {
                if (t >= since) {
                    return t;
                }
            }
        }
        return -1;
    }
}
