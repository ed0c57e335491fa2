package io.floatip.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the hint for an unknown key: the known key it was probably meant to be. */
final class KeySuggester {

    /** keepalived spellings people will carry over, and where that setting lives here. */
    private record Moved(String knownKey, String hint) {
    }

    // A spelling can be met in more than one section (auth_type inside authentication, or beside it), so
    // each lists its places; the first whose key the section knows gives the hint.
    private static final Map<String, List<Moved>> KEEPALIVED = Map.ofEntries(
            Map.entry("advert_int", List.of(new Moved("advert_interval", "did you mean 'advert_interval'?"))),
            Map.entry("virtual_router_id", List.of(new Moved("vrid", "did you mean 'vrid'?"))),
            Map.entry("virtual_ipaddress", List.of(new Moved("virtual_ips", "did you mean 'virtual_ips'?"))),
            Map.entry("garp_master_delay", List.of(new Moved("garp", "write it as 'delay' under 'garp'"))),
            Map.entry("garp_master_repeat", List.of(new Moved("garp", "write it as 'repeat' under 'garp'"))),
            Map.entry("nopreempt", List.of(new Moved("preempt", "write 'preempt: false'"))),
            Map.entry("unicast_src_ip", List.of(new Moved("unicast_source", "did you mean 'unicast_source'?"))),
            Map.entry("auth_type", List.of(new Moved("type", "did you mean 'type'?"),
                    new Moved("authentication", "write it as 'type' under 'authentication'"))),
            Map.entry("auth_pass", List.of(new Moved("password", "did you mean 'password'?"),
                    new Moved("authentication", "write it as 'password' under 'authentication'"))),
            Map.entry("notify_master", notify("master")),
            Map.entry("notify_backup", notify("backup")),
            Map.entry("notify_fault", notify("fault")),
            Map.entry("notify_stop", notify("stop")),
            Map.entry("vrrp_script", List.of(new Moved("scripts", "did you mean 'scripts'?"))),
            Map.entry("vrrp_sync_group", List.of(new Moved("sync_groups", "did you mean 'sync_groups'?"))),
            // keepalived's "group" is a sync group's member list; at the top level, the groups themselves.
            Map.entry("group", List.of(new Moved("sync_groups", "did you mean 'sync_groups'?"),
                    new Moved("instances", "did you mean 'instances'?"))),
            Map.entry("script", List.of(new Moved("command", "did you mean 'command'?"))),
            Map.entry("enable_script_security", List.of(new Moved("script_user",
                    "floatip always checks that scripts are safe to run; remove this key"))));

    /** keepalived's notify_EVENT, at the level of the notify map or inside it. */
    private static List<Moved> notify(String event) {
        return List.of(new Moved(event, "did you mean '" + event + "'?"),
                new Moved("notify", "write it as notify: {" + event + ": ...}"));
    }

    private KeySuggester() {
    }

    /** A hint to follow "unknown key; ", never empty: the likely key, else the keys allowed here. */
    static String hint(String unknown, Collection<String> known) {
        if (unknown.equals("<<")) {
            return "YAML merge keys are not supported; write the keys out";
        }
        return suggestion(unknown, known)
                .orElseGet(() -> known.isEmpty() ? "no keys are allowed here" : "known keys here: " + String.join(", ", known));
    }

    static Optional<String> suggestion(String unknown, Collection<String> known) {
        for (Moved moved : KEEPALIVED.getOrDefault(normal(unknown), List.of())) {
            if (known.contains(moved.knownKey())) {
                return Optional.of(moved.hint());
            }
        }
        return nearest(unknown, known).map(key -> "did you mean '" + key + "'?");
    }

    // Close enough to be a typo, or the start of a longer key (e.g. "prio" for "priority").
    private static Optional<String> nearest(String unknown, Collection<String> known) {
        String typed = normal(unknown);
        int allowed = Math.max(1, Math.min(2, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = distance(typed, key);
            if (distance <= allowed && distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        if (best == null && typed.length() >= 3) {
            best = known.stream().filter(key -> key.startsWith(typed)).findFirst().orElse(null);
        }
        return Optional.ofNullable(best);
    }

    private static String normal(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Edit distance where swapping two neighbouring letters counts as one edit, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
