package io.floatip.control;

import io.floatip.status.AgentStatus;
import io.floatip.status.AgentStatus.InstanceStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code floatip status} for people: aligned tables, local times with ages, only the drops that happened. */
public final class StatusTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatusTable() {
    }

    /** @param nowMillis the time ages are counted to; @param zone the zone times are shown in */
    public static String render(AgentStatus s, long nowMillis, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append("floatip ").append(s.version()).append(" on ").append(s.routerId()).append(", pid ").append(s.pid())
                .append(", up ").append(age(nowMillis - s.startedAtMillis())).append(" (since ")
                .append(time(s.startedAtMillis(), zone)).append(")\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"INSTANCE", "INTERFACE/VRID", "STATE", "PRIORITY", "VIPS", "MASTER", "SINCE", "REASON"});
        for (InstanceStatus i : s.instances()) {
            rows.add(new String[]{i.name(), i.interfaceName() + "/" + i.vrid(), i.state(),
                    i.effectivePriority() + "/" + i.priority(), String.join(",", i.virtualIps()),
                    orDash(i.masterAddress()), since(i.sinceMillis(), nowMillis, zone), orDash(i.reason())});
        }
        out.append('\n').append(table(rows));

        List<String> faults = s.instances().stream()
                .filter(i -> i.faults() != null && !i.faults().isBlank())
                .map(i -> i.name() + ": " + i.faults()).toList();
        section(out, "FAULTS", faults);
        section(out, "SPLIT BRAIN", s.instances().stream().filter(i -> i.conflict() != null)
                .map(i -> i.name() + ": " + i.conflict().description() + " (" + i.conflict().cause() + ", since "
                        + time(i.conflict().sinceMillis(), zone) + ")").toList());
        section(out, "EXCLUDED (held with the VIPs while master, not advertised)", s.instances().stream()
                .filter(i -> !i.excludedIps().isEmpty())
                .map(i -> i.name() + ": " + String.join(",", i.excludedIps()) + (i.excludedIps().stream()
                        .allMatch(i.heldVips()::contains) ? " (held)" : "")).toList());
        section(out, "DRAINED", s.instances().stream().filter(InstanceStatus::drained)
                .map(i -> i.name() + ": stays BACKUP while another node can serve; floatip undrain " + i.name()
                        + " ends it").toList());

        if (!s.scripts().isEmpty()) {
            rows = new ArrayList<>();
            rows.add(new String[]{"SCRIPT", "STATUS", "RUNS", "FAILURES", "SKIPS", "LAST RESULT"});
            for (AgentStatus.ScriptStatus c : s.scripts()) {
                rows.add(new String[]{c.name(), c.up() ? "up" : "down", Long.toString(c.runs()),
                        Long.toString(c.failures()), Long.toString(c.skips()), orDash(c.lastResult())});
            }
            out.append('\n').append(table(rows));
        }
        if (!s.groups().isEmpty()) {
            rows = new ArrayList<>();
            rows.add(new String[]{"GROUP", "STATE", "INSTANCES"});
            for (AgentStatus.GroupStatus g : s.groups()) {
                rows.add(new String[]{g.name(), g.state(), String.join(", ", g.instances())});
            }
            out.append('\n').append(table(rows));
        }

        List<String> drops = new ArrayList<>();
        for (InstanceStatus i : s.instances()) {
            nonZero(i.counters().drops(), 0).ifPresent(d -> drops.add("instance " + i.name() + ": " + d));
        }
        for (AgentStatus.InterfaceStatus f : s.interfaces()) {
            nonZero(f.drops(), f.sendErrors()).ifPresent(d -> drops.add("interface " + f.name() + ": " + d));
        }
        section(out, "DROPS", drops);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append('\n').append(title).append('\n');
            lines.forEach(l -> out.append("  ").append(l).append('\n'));
        }
    }

    private static Optional<String> nonZero(Map<String, Long> drops, long sendErrors) {
        List<String> parts = drops.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.toCollection(ArrayList::new));
        if (sendErrors != 0) {
            parts.add("send errors " + sendErrors);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /** Columns padded to the widest cell, two spaces apart; the last is not padded. */
    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String since(long millis, long nowMillis, ZoneId zone) {
        return time(millis, zone) + " (" + age(nowMillis - millis) + " ago)";
    }

    private static String time(long millis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** "45s", "3m12s", "2h03m", "4d02h": two units at most, enough to tell how long. */
    static String age(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + pad(seconds % 60) + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h" + pad(seconds % 3600 / 60) + "m";
        }
        return seconds / 86_400 + "d" + pad(seconds % 86_400 / 3600) + "h";
    }

    private static String pad(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
