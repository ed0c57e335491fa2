package io.floatip.bench;

import io.floatip.router.Timers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table, the chart's data, the targets and the machine, as Markdown; and BENCHMARKS.md's sections. */
final class Report {
    static final String F = "floatip";
    static final String K = "keepalived";

    private Report() {
    }

    static String table(Results r) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | advert | measure | floatip median | p90 | max | keepalived median | p90 | max | "
                + "ratio f/k |\n");
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Results.Row row : r.rows()) {
            Stats f = r.stats(row, F);
            Stats k = r.stats(row, K);
            String unit = row.unit().equals("ms") ? "" : " (" + row.unit() + ")";
            out.append("| ").append(row.scenario()).append(" | ").append(row.interval()).append(" | ")
                    .append(row.measure()).append(unit).append(" | ")
                    .append(cells(row, f)).append(" | ").append(cells(row, k)).append(" | ").append(ratio(f, k)).append(" |\n");
        }
        return out.toString();
    }

    private static String cells(Results.Row row, Stats s) {
        if (s == null) {
            return "– | – | –";
        }
        if (s.n() == 1) {
            return num(row, s.median()) + " | | ";
        }
        return num(row, s.median()) + " | " + num(row, s.p90()) + " | " + num(row, s.max());
    }

    /**
     * CPU rows (s/60 s, from schedstat) with three significant digits, the rest as {@link #num(double)}; the
     * tick-based rows too, whose 10 ms ticks do not carry three digits.
     */
    static String num(Results.Row row, double v) {
        boolean schedstat = row != null && row.unit().equals(CPU_UNIT)
                && (row.measure().equals(Footprint.CPU_MASTER) || row.measure().equals(Footprint.CPU_BACKUP));
        return schedstat ? sig3(v) : num(v);
    }

    static final String CPU_UNIT = "s/60 s";

    /** Three significant digits: 0.0563, 0.563, 5.63, 56.3, 563. */
    static String sig3(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return num(v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String ratio(Stats f, Stats k) {
        if (f == null || k == null || f.median() <= 0 || k.median() <= 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", f.median() / k.median());
    }

    static String num(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.1f" : "%.3f", v);
    }

    /** gnuplot's data: one line per scenario and interval, the client outage median and p90 of both agents. */
    static String chartData(Results r) {
        StringBuilder out = new StringBuilder("# label floatip_median keepalived_median floatip_p90 keepalived_p90 (ms)\n");
        for (Results.Row row : r.rows()) {
            if (!row.measure().equals(Failover.SILENCE)) {
                continue;
            }
            Stats f = r.stats(row, F);
            Stats k = r.stats(row, K);
            String label = shortName(row.scenario()) + " @" + row.interval().replace(" ", "");
            out.append('"').append(label).append("\" ").append(v(f, true)).append(' ').append(v(k, true)).append(' ')
                    .append(v(f, false)).append(' ').append(v(k, false)).append('\n');
        }
        return out.toString();
    }

    private static String v(Stats s, boolean median) {
        return s == null ? "NaN" : String.format(Locale.ROOT, "%.3f", median ? s.median() : s.p90());
    }

    static String shortName(String scenario) {
        return switch (scenario) {
            case Failover.HARD -> "link cut";
            case Failover.BACK -> "link back";
            case Failover.TERM -> "SIGTERM";
            case Failover.CHECK_SLOW -> "check every 1s";
            case Failover.CHECK_FAST -> "check every 100ms*";
            default -> scenario;
        };
    }

    /** Every raw sample, one per line: scenario, interval, measure, unit, agent, value. */
    static String samples(Results r) {
        StringBuilder out = new StringBuilder("scenario\tinterval\tmeasure\tunit\tagent\tvalue\n");
        for (Results.Row row : r.rows()) {
            for (String agent : List.of(F, K)) {
                for (double v : r.samples(row, agent)) {
                    out.append(row.scenario()).append('\t').append(row.interval()).append('\t').append(row.measure())
                            .append('\t').append(row.unit()).append('\t').append(agent).append('\t')
                            .append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The issue's targets, each with floatip's figure, keepalived's, and whether floatip meets it. */
    static String targets(Results r, List<Integer> intervals) {
        StringBuilder out = new StringBuilder("| target | floatip | keepalived | holds? |\n|---|--:|--:|---|\n");
        for (int centis : intervals) {
            if (centis >= 100) {
                continue;
            }
            double bound = Timers.masterDownInterval(100, centis) / 1e6 + 15;
            target(out, r, Failover.HARD, Failover.label(centis), Failover.TAKEOVER, bound,
                    "hard failure at " + Failover.label(centis) + ": VIP on backup ≤ Master_Down_Interval + 15 ms = "
                            + num(bound) + " ms (median)");
        }
        for (int centis : intervals) {
            double bound = Timers.skewTime(100, centis) / 1e6 + 5;
            target(out, r, Failover.TERM, Failover.label(centis), Failover.TAKEOVER, bound,
                    "graceful stop at " + Failover.label(centis) + ": VIP on backup ≤ Skew_Time + 5 ms = "
                            + num(bound) + " ms (median)");
        }
        target(out, r, Footprint.SCENARIO, "100 ms", Footprint.RSS_TWO, 48,
                "RSS ≤ 48 MiB with two instances (one agent, VmRSS after 10 s)");
        Results.Row pair = r.find(Footprint.SCENARIO, "1 s", Footprint.RSS_PAIR);
        if (pair != null) {
            target(out, r, Footprint.SCENARIO, "1 s", Footprint.RSS_PAIR, 48,
                    "(the other reading) RSS ≤ 48 MiB for the two agents of a pair, one instance each");
        }
        // CPU_MASTER is the schedstat figure (ns on CPU), not stat's 10 ms ticks, which read 0.07 for 0.056.
        target(out, r, Footprint.SCENARIO, "1 s", Footprint.CPU_MASTER, 0.06,
                "CPU < 0.1 % as an idle master at 1 s (< 0.060 s per 60 s, schedstat)");
        target(out, r, Footprint.SCENARIO, "100 ms", Footprint.STARTUP, 400, "exec to first advert < 400 ms (median)");
        out.append("| zero false failovers (soak) | see [Soak](#soak) | | |\n");
        return out.toString();
    }

    private static void target(StringBuilder out, Results r, String scenario, String interval, String measure,
                               double bound, String text) {
        Results.Row row = r.find(scenario, interval, measure);
        Stats f = row == null ? null : r.stats(row, F);
        Stats k = row == null ? null : r.stats(row, K);
        String unit = row == null || row.unit().equals("ms") ? " ms" : " " + row.unit();
        out.append("| ").append(text).append(" | ").append(f == null ? "not measured" : num(row, f.median()) + unit)
                .append(" | ").append(k == null ? "–" : num(row, k.median()) + unit).append(" | ")
                .append(f == null ? "–" : f.median() <= bound ? "**yes**" : "**no**").append(" |\n");
    }

    /** Where floatip's median is below keepalived's, per scenario and interval, for the client outage. */
    static String versus(Results r) {
        int better = 0;
        int cells = 0;
        List<String> worse = new ArrayList<>();
        for (Results.Row row : r.rows()) {
            if (!row.measure().equals(Failover.SILENCE) && !row.measure().equals(Failover.TAKEOVER)) {
                continue;
            }
            Stats f = r.stats(row, F);
            Stats k = r.stats(row, K);
            if (f == null || k == null) {
                continue;
            }
            cells++;
            if (f.median() <= k.median()) {
                better++;
            } else {
                worse.add(shortName(row.scenario()) + " " + row.interval() + " " + row.measure() + " ("
                        + num(f.median()) + " vs " + num(k.median()) + " ms)");
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("floatip's median is at or below keepalived's in ").append(better).append(" of ").append(cells)
                .append(" timing cells (VIP on new holder and client outage, every scenario and interval).");
        if (!worse.isEmpty()) {
            out.append(" Above keepalived's: ").append(String.join("; ", worse)).append('.');
        }
        return out.append('\n').toString();
    }

    static String machine(String mode) {
        StringBuilder out = new StringBuilder();
        out.append("- run: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ").append(mode)
                .append('\n');
        out.append("- cores (nproc): ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        out.append("- CPU: ").append(cpuModel()).append('\n');
        out.append("- kernel: ").append(read("/proc/sys/kernel/osrelease")).append('\n');
        out.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        out.append("- keepalived: ").append(firstLine(List.of("/usr/sbin/keepalived", "--version"))).append('\n');
        return out.toString();
    }

    /** /proc/loadavg's three figures: the machine may be shared, and CPU per agent is only fair when it is idle. */
    static String loadAverage() {
        String[] f = read("/proc/loadavg").split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A version banner (no network, no namespace involved). */
    private static String firstLine(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return text.isEmpty() ? "unknown" : text.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static String soak(List<Soak.Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append("| soak | minutes | load | backup entered MASTER (log) | VIP appeared on backup | master left "
                + "MASTER | master's adverts seen | longest gap between them | gaps > Master_Down_Interval | "
                + "CPU master (s/60 s) | CPU backup (s/60 s) | longest GC pause | GC pauses |\n");
        out.append("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Soak.Outcome o : outcomes) {
            out.append("| ").append(o.agent()).append(" | ").append(num(o.minutes())).append(" | ").append(o.load())
                    .append(" | ").append(o.backupMasterEntries()).append(" | ").append(o.vipOnBackup()).append(" | ")
                    .append(o.masterExits()).append(" | ").append(o.adverts()).append(" | ")
                    .append(num(o.longestAdvertGapMs())).append(" ms | ").append(o.gapsOverMasterDown()).append(" | ")
                    .append(num(o.cpuMaster())).append(" | ")
                    .append(num(o.cpuBackup())).append(" | ")
                    .append(o.gcLongestMs() < 0 ? "–" : num(o.gcLongestMs()) + " ms").append(" | ")
                    .append(o.agent().equals(F) ? Integer.toString(o.gcPauses()) : "–").append(" |\n");
        }
        for (Soak.Outcome o : outcomes) {
            if (o.agent().equals(F)) {
                out.append("\nTarget, zero false failovers: **").append(o.backupMasterEntries() == 0 ? "holds" : "missed")
                        .append("** (floatip's backup entered MASTER ").append(o.backupMasterEntries())
                        .append(" times while its master was healthy; keepalived's: ")
                        .append(outcomes.stream().filter(x -> x.agent().equals(K)).findFirst()
                                .map(x -> Integer.toString(x.backupMasterEntries())).orElse("not run"))
                        .append(").\n");
            }
        }
        return out.toString();
    }

    /**
     * Replaces what lies between {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->} in the file, or
     * appends the section (with its markers) if the file does not have it. Text outside markers is kept.
     */
    static void replaceSection(Path file, String name, String body) throws IOException {
        String open = "<!-- bench:" + name + " -->";
        String close = "<!-- /bench:" + name + " -->";
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int a = text.indexOf(open);
        int b = text.indexOf(close);
        String block = open + "\n" + body.strip() + "\n" + close;
        if (a >= 0 && b > a) {
            text = text.substring(0, a) + block + text.substring(b + close.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent()); // --out to a folder that does not exist yet
        }
        Files.writeString(file, text);
    }
}
