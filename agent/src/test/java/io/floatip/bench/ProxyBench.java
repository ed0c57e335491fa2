package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.LabTimeout;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The proxy mode (issue #19, {@code run.sh --proxy}): (1) haproxy killed on the master, at 100 ms and 10 ms adverts,
 * floatip's track_processes (weight 0, and weighted with fast_preempt) against keepalived's best in a namespace;
 * (2) a VIP that fails over and comes back within 500 ms, client outage with and without a virtual MAC. Writes
 * agent/bench/proxy.tsv and BENCHMARKS.md's {@code bench:proxy} section.
 */
final class ProxyBench {
    static final List<Integer> INTERVALS = List.of(10, 1);

    private ProxyBench() {
    }

    static void run(Path work, Path launcher, Path md, Path benchDir, int killReps, int flapReps) throws Exception {
        long started = System.nanoTime();
        Results results = new Results();
        String trackProcess = keepalivedTrackProcess(work);
        results.note("keepalived's vrrp_track_process in this lab: " + trackProcess);
        List<String> killAgents = List.of(ProxyKill.FAULT.label(), ProxyKill.WEIGHTED.label(), ProxyKill.SCRIPT.label());
        for (int centis : INTERVALS) {
            for (ProxyKill.Variant v : List.of(ProxyKill.FAULT, ProxyKill.WEIGHTED, ProxyKill.SCRIPT)) {
                new ProxyKill(v, centis, killReps, work, launcher, results).run();
            }
        }
        boolean floatipVmac;
        try (Lab lab = Lab.create("vm", 1)) {
            floatipVmac = ProxyConfigs.floatipHasVmac(lab.node(1), launcher, work);
        }
        List<String> flapAgents = new ArrayList<>();
        for (boolean floatip : new boolean[] {true, false}) {
            for (boolean vmac : new boolean[] {false, true}) {
                flapAgents.add(Flap.label(floatip, vmac));
                if (floatip && vmac && !floatipVmac) {
                    results.note(Flap.label(true, true) + ": not available in this build (check-config refuses "
                            + "use_vmac)");
                    continue;
                }
                new Flap(floatip, vmac, flapReps, work, launcher, results).run();
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        List<String> agents = new ArrayList<>(killAgents);
        agents.addAll(flapAgents);
        String table = ProxyReport.table(results, agents);
        String targets = ProxyReport.targets(results, floatipVmac);
        System.out.println();
        System.out.println(table);
        System.out.println(targets);
        results.notes().forEach(t -> System.out.println("note: " + t));
        Files.createDirectories(benchDir);
        Files.writeString(benchDir.resolve("proxy.tsv"), ProxyReport.samples(results, agents));
        StringBuilder section = new StringBuilder();
        section.append(Report.machine(String.format(Locale.ROOT, "--proxy: %d repetitions of the kill at 100 ms and "
                + "10 ms, %d of the flap at 10 ms; took %.1f min", killReps, flapReps, minutes))).append('\n');
        section.append(table).append('\n').append(targets).append('\n');
        section.append("Notes from this run:\n\n");
        results.notes().forEach(t -> section.append("- ").append(t).append('\n'));
        Report.replaceSection(md, "proxy", section.toString());
        System.out.println("[bench] wrote " + md + " and " + benchDir.resolve("proxy.tsv"));
    }

    /** floatip's kill cells only, {@code reps} each, printed with their targets; writes no file (for tuning). */
    static void killOnly(Path work, Path launcher, int reps, List<Integer> intervals) throws Exception {
        Results results = new Results();
        List<String> agents = List.of(ProxyKill.FAULT.label(), ProxyKill.WEIGHTED.label());
        for (int centis : intervals != null ? intervals : INTERVALS) {
            for (ProxyKill.Variant v : List.of(ProxyKill.FAULT, ProxyKill.WEIGHTED)) {
                new ProxyKill(v, centis, reps, work, launcher, results).run();
            }
        }
        System.out.println();
        System.out.println(ProxyReport.table(results, agents));
        System.out.println(ProxyReport.targets(results, false).lines().filter(l -> l.contains("proxy killed")
                || l.startsWith("| target") || l.startsWith("|---")).collect(java.util.stream.Collectors.joining("\n")));
        results.notes().forEach(t -> System.out.println("note: " + t));
    }

    /**
     * Part 2 alone, for a hand measurement: setups f (floatip), fv (floatip use_vmac), k, kv (keepalived); the
     * table on stdout only (BENCHMARKS.md and proxy.tsv untouched).
     */
    static void flapOnly(Path work, Path launcher, List<String> setups, int reps) throws Exception {
        Results results = new Results();
        List<String> agents = new ArrayList<>();
        for (String s : setups) {
            boolean floatip = s.startsWith("f");
            boolean vmac = s.endsWith("v");
            agents.add(Flap.label(floatip, vmac));
            new Flap(floatip, vmac, reps, work, launcher, results).run();
        }
        System.out.println(ProxyReport.table(results, agents));
        System.out.print(ProxyReport.samples(results, agents));
        results.notes().forEach(t -> System.out.println("note: " + t));
    }

    /**
     * What keepalived's own process tracking does in a namespace: keepalived on n1 follows "haproxy" by
     * vrrp_track_process while n1's haproxy runs; its state after a few seconds, and what it logged about it.
     */
    static String keepalivedTrackProcess(Path work) throws Exception {
        Path dir = work.resolve("track-process");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Lab lab = Lab.create("ktp", 1)) {
            Node n1 = lab.node(1);
            Haproxy.on(n1, dir).start();
            AgentKind.Running k = new Keepalived().launch(n1, "trackproc", ProxyConfigs.keepalivedTrackProcess(150, 10),
                    dir);
            try {
                Lab.await(Duration.ofSeconds(8), () -> k.log().stream().anyMatch(l -> l.contains("ntering MASTER") || l.contains("ntering FAULT")),
                        "keepalived with vrrp_track_process to become master");
            } catch (LabTimeout e) {
                // reported below from its log
            }
            List<String> all = k.log();
            List<String> said = all.stream().map(l -> l.replaceFirst("^.*? \\d{4}: ", "").strip())
                    .filter(l -> l.contains("process event") || l.contains("quorum")
                            || l.toLowerCase(Locale.ROOT).contains("entering")).distinct().limit(4).toList();
            boolean master = said.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("entering master"));
            boolean fault = said.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("entering fault"));
            return (master ? "it saw haproxy (MASTER within 8 s)" : fault ? "it saw no haproxy running: FAULT at start"
                    : "no state at all after 8 s") + ", n1's haproxy running (keepalived said: \""
                    + String.join("\" / \"", said).replace("|", "/") + "\")";
        }
    }

    static double skewPlus5(int centis) {
        return Timers.skewTime(100, centis) / 1e6 + 5;
    }
}
