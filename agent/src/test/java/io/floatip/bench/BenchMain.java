package io.floatip.bench;

import io.floatip.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * floatip against keepalived on the same lab topology (issue #8). Run by agent/bench/run.sh, as root:
 * {@code java -cp floatip.jar:test-classes io.floatip.bench.BenchMain --root REPO [--quick | --soak MIN]}.
 *
 * <p>--proxy: the proxy mode of issue #19 ({@link ProxyBench}), about 7 minutes. --proxy --kill-only: only
 * floatip's kill cells ({@code --reps N}, {@code --intervals 10,1}), printed, nothing written: for tuning.
 *
 * <p>Full run: scenarios 1 to 4 at 1 s, 100 ms and 10 ms, 7 repetitions each, footprint with 60 s CPU windows
 * (about 25 minutes on 2 cores). --quick: 3 repetitions at 100 ms only, 20 s CPU windows (about 6 minutes).
 * Writes agent/bench/results.tsv, agent/bench/outage.dat (the chart's data) and BENCHMARKS.md's sections.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path outDir = null;
        boolean quick = false;
        boolean proxy = false;
        boolean killOnly = false;
        List<String> flapOnly = null;
        int flapReps = 5;
        int soakMinutes = -1;
        int idleSeconds = -1;
        boolean scale = false;
        Integer reps = null;
        List<Integer> intervals = null;
        Integer window = null;
        boolean failover = true;
        boolean footprint = true;
        List<String> only = List.of("floatip", "keepalived");
        List<String> jars = null;
        List<int[]> cells = null;
        List<Scale.History> histories = null;
        int busy = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--proxy" -> proxy = true;
                case "--kill-only" -> killOnly = true;
                case "--flap-reps" -> flapReps = Integer.parseInt(args[++i]);
                case "--flap-only" -> flapOnly = List.of(args[++i].split(","));
                case "--soak" -> soakMinutes = Integer.parseInt(args[++i]);
                case "--idle-threads" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--scale" -> scale = true;
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--intervals" -> {
                    intervals = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        intervals.add(Integer.parseInt(s.strip()));
                    }
                }
                case "--cpu-window" -> window = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--jars" -> jars = List.of(args[++i].split(","));
                case "--cells" -> {
                    cells = new ArrayList<>();
                    for (String c : args[++i].split(",")) { // CENTISxINSTANCES: 1x50
                        String[] parts = c.strip().split("x");
                        cells.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
                    }
                }
                case "--histories" -> {
                    histories = new ArrayList<>();
                    for (String h : args[++i].split(",")) {
                        histories.add(Scale.History.valueOf(h.strip().toUpperCase().replace('-', '_')));
                    }
                }
                case "--busy" -> busy = Integer.parseInt(args[++i]);
                case "--no-footprint" -> footprint = false;
                case "--no-failover" -> failover = false;
                default -> {
                    System.err.println("usage: BenchMain --root DIR [--out DIR] [--quick] [--proxy [--flap-reps N | --kill-only]] [--flap-only f,fv,k,kv] [--soak MINUTES] "
                            + "[--idle-threads S] [--scale] [--reps N] "
                            + "[--intervals CENTIS,...] [--cpu-window S] [--only floatip|keepalived] "
                            + "[--no-footprint] [--no-failover] [--scale [--cells 1x50,...] "
                            + "[--histories together,master_preempts,backup_first] [--jars NAME=JAR,...] [--busy K]]");
                    System.exit(2);
                }
            }
        }
        Lab.requireRoot();
        root = root.toAbsolutePath().normalize();
        Path out = outDir == null ? root : outDir.toAbsolutePath().normalize();
        Path benchDir = out.resolve("agent/bench");
        Path launcher = root.resolve("agent/bin/floatip");
        Path work = Files.createTempDirectory("floatip-bench-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<AgentKind> kinds = new ArrayList<>();
        for (String name : only) {
            if (name.equals("floatip") && jars != null) {
                for (String j : jars) { // builds to compare: NAME=PATH/floatip.jar each, in turn
                    String[] nameJar = j.split("=", 2);
                    kinds.add(new Floatip(launcher, nameJar[0], Path.of(nameJar[1]).toAbsolutePath()));
                }
            } else {
                kinds.add(name.equals("floatip") ? new Floatip(launcher) : new Keepalived());
            }
        }
        Path md = out.resolve("BENCHMARKS.md");
        System.out.println("[bench] work files in " + work);

        if (idleSeconds > 0) {
            for (AgentKind kind : kinds) {
                System.out.println(IdleThreads.run(kind, work, Duration.ofSeconds(idleSeconds)));
            }
            return;
        }

        if (scale) {
            // 12 pairs (2 shapes, 3 histories, 2 agents); a 20 s window keeps the mode near 10 minutes.
            Duration w = Duration.ofSeconds(window != null ? window : 20);
            long began = System.nanoTime();
            boolean partial = cells != null || histories != null || jars != null || busy > 0 || reps != null;
            List<Scale.Outcome> outcomes;
            try (BusyLoops load = BusyLoops.start(busy)) {
                outcomes = new Scale(kinds, work, w, cells != null ? cells : Scale.SHAPES,
                        histories != null ? histories : List.of(Scale.History.values()),
                        reps != null ? reps : 1).run();
            }
            List<String> names = kinds.stream().map(AgentKind::name).toList();
            String table = Scale.table(outcomes, names);
            System.out.println(table);
            if (partial) { // a comparison by hand, not the section's run
                return;
            }
            double took = (System.nanoTime() - began) / 60e9;
            Report.replaceSection(md, "scale", Report.machine("--scale: 255 instances at 100 ms and 50 at 10 ms, "
                    + "three start histories, " + w.toSeconds() + " s windows scaled to 60 s, one run each; took "
                    + Report.num(took) + " min, load average before: " + Report.loadAverage()) + "\n" + table);
            return;
        }

        if (proxy && killOnly) {
            ProxyBench.killOnly(work, launcher, reps != null ? reps : 7, intervals);
            return;
        }
        if (flapOnly != null) {
            ProxyBench.flapOnly(work, launcher, flapOnly, flapReps);
            return;
        }

        if (proxy) {
            ProxyBench.run(work, launcher, md, benchDir, reps != null ? reps : 7, flapReps);
            return;
        }

        if (soakMinutes > 0) {
            List<Soak.Outcome> outcomes = new Soak(kinds, work, soakMinutes).run();
            String table = Report.soak(outcomes);
            System.out.println(table);
            Report.replaceSection(md, "soak", Report.machine("soak, " + soakMinutes + " min") + "\n" + table);
            return;
        }

        int n = reps != null ? reps : quick ? 3 : 7;
        List<Integer> ivs = intervals != null ? intervals : quick ? List.of(10) : List.of(100, 10, 1);
        Duration cpu = Duration.ofSeconds(window != null ? window : quick ? 20 : 60);
        Results results = new Results();
        long started = System.nanoTime();
        if (failover) {
            for (int centis : ivs) {
                for (AgentKind kind : kinds) {
                    new Failover(kind, centis, n, work, results).run();
                }
            }
        }
        if (footprint) {
            for (AgentKind kind : kinds) {
                new Footprint(kind, work, results, cpu, n).run();
            }
        }
        double gc = Proc.longestGcPause(work);
        if (gc >= 0) {
            results.note("floatip's longest GC pause over every run of this benchmark: " + Report.num(gc) + " ms ("
                    + Proc.gcPauses(work) + " pauses, -Xlog:gc)");
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String mode = (quick ? "--quick" : "full run") + ": " + n + " repetitions, advert intervals "
                + String.join(", ", ivs.stream().map(Failover::label).toList()) + ", CPU window " + cpu.toSeconds()
                + " s; took " + Report.num(minutes) + " min";

        String table = Report.table(results);
        System.out.println();
        System.out.println(table);
        results.notes().forEach(t -> System.out.println("note: " + t));
        Files.createDirectories(benchDir);
        Files.writeString(benchDir.resolve("results.tsv"), Report.samples(results));
        Files.writeString(benchDir.resolve("outage.dat"), Report.chartData(results));
        StringBuilder section = new StringBuilder();
        section.append("### Machine and run\n\n").append(Report.machine(mode)).append('\n');
        section.append("### Results\n\n").append(table).append('\n');
        if (!results.notes().isEmpty()) {
            section.append("Notes from this run:\n\n");
            results.notes().forEach(t -> section.append("- ").append(t).append('\n'));
            section.append('\n');
        }
        section.append("### Targets\n\n").append(Report.targets(results, ivs)).append('\n')
                .append(Report.versus(results));
        Report.replaceSection(md, "results", section.toString());
        System.out.println("[bench] wrote " + md + " and " + benchDir.resolve("outage.dat"));
    }
}
