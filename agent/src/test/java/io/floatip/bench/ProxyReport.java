package io.floatip.bench;

import java.util.List;
import java.util.Locale;

/** The proxy mode's table (one line per measure and agent setup), its targets and its raw samples. */
final class ProxyReport {
    private ProxyReport() {
    }

    static String table(Results r, List<String> agents) {
        StringBuilder out = new StringBuilder("| scenario | advert | measure | agent | n | median | p90 | max |\n"
                + "|---|---|---|---|--:|--:|--:|--:|\n");
        for (Results.Row row : r.rows()) {
            for (String agent : agents) {
                if (r.declared(row, agent)) {
                    Stats s = r.stats(row, agent);
                    out.append("| ").append(row.scenario()).append(" | ").append(row.interval()).append(" | ")
                            .append(row.measure()).append(" | ").append(agent).append(" | ")
                            .append(s == null ? "0 | – | – | –" : s.n() + " | " + Report.num(s.median()) + " | "
                                    + Report.num(s.p90()) + " | " + Report.num(s.max())).append(" |\n");
                }
            }
        }
        return out.toString();
    }

    static String targets(Results r, boolean floatipVmac) {
        StringBuilder out = new StringBuilder("| target | floatip | keepalived (vrrp_script, 1 s) | holds? |\n"
                + "|---|--:|--:|---|\n");
        for (int centis : ProxyBench.INTERVALS) {
            String iv = Failover.label(centis);
            double bound = ProxyBench.skewPlus5(centis);
            for (ProxyKill.Variant v : List.of(ProxyKill.FAULT, ProxyKill.WEIGHTED)) {
                Stats f = stats(r, ProxyKill.SCENARIO, iv, Failover.TAKEOVER, v.label());
                Stats k = stats(r, ProxyKill.SCENARIO, iv, Failover.TAKEOVER, ProxyKill.SCRIPT.label());
                out.append(String.format(Locale.ROOT, "| proxy killed at %s, %s: VIP on n2 ≤ Skew_Time + 5 ms = %s ms "
                                + "(median) | %s | %s | %s |\n", iv, v.label().replace("floatip ", ""),
                        Report.num(bound), f == null ? "not measured" : Report.num(f.median()) + " ms",
                        k == null ? "–" : Report.num(k.median()) + " ms",
                        f == null ? "–" : f.median() <= bound ? "**yes**" : "**no**"));
            }
        }
        Stats fPlain = stats(r, Flap.SCENARIO, "10 ms", Flap.LOST, Flap.label(true, false));
        Stats fVmac = stats(r, Flap.SCENARIO, "10 ms", Flap.LOST, Flap.label(true, true));
        Stats kPlain = stats(r, Flap.SCENARIO, "10 ms", Flap.LOST, Flap.label(false, false));
        Stats kVmac = stats(r, Flap.SCENARIO, "10 ms", Flap.LOST, Flap.label(false, true));
        out.append("| fail over and back in < 500 ms, client outage (unanswered probes in 7 s, total, median), "
                + "interface MAC | ")
                .append(ms(fPlain)).append(" | ").append(ms(kPlain)).append(" | shown |\n");
        out.append("| the same with use_vmac | ").append(floatipVmac ? ms(fVmac) : "not available in this build")
                .append(" | ").append(ms(kVmac)).append(" | shown |\n");
        return out.toString();
    }

    private static String ms(Stats s) {
        return s == null ? "–" : Report.num(s.median()) + " ms";
    }

    private static Stats stats(Results r, String scenario, String interval, String measure, String agent) {
        Results.Row row = r.find(scenario, interval, measure);
        return row == null ? null : r.stats(row, agent);
    }

    static String samples(Results r, List<String> agents) {
        StringBuilder out = new StringBuilder("scenario\tinterval\tmeasure\tunit\tagent\tvalue\n");
        for (Results.Row row : r.rows()) {
            for (String agent : agents) {
                for (double v : r.samples(row, agent)) {
                    out.append(row.scenario()).append('\t').append(row.interval()).append('\t').append(row.measure())
                            .append('\t').append(row.unit()).append('\t').append(agent).append('\t')
                            .append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
