package io.floatip.docs;

import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key the config loader accepts, by section, asked of the loader itself: a config with one unknown key
 * in every map gets "unknown key; known keys here: ..." for each, so the docs are checked against the schema
 * the program has, not a list kept beside it.
 */
final class SchemaKeys {
    private static final String ODD = "zzqqxx";
    private static final Pattern ERROR = Pattern.compile(":\\d+:\\d+: (\\S+)\\." + ODD + ": unknown key; known keys here: (.*)");

    private SchemaKeys() {
    }

    /** Section path (as errors name it, with the user's names as given below) to its keys, in reading order. */
    static Map<String, List<String>> bySection() {
        String yaml = """
                zzqqxx: 1
                global:
                  zzqqxx: 1
                  metrics: {listen: 127.0.0.1:9650, zzqqxx: 1}
                scripts:
                  chk: {command: /bin/true, zzqqxx: 1}
                processes:
                  haproxy: {name: haproxy, zzqqxx: 1}
                instances:
                  VI_1:
                    zzqqxx: 1
                    interface: eth0
                    vrid: 51
                    version: 2
                    virtual_ips: [198.51.100.50]
                    garp: {zzqqxx: 1}
                    unicast_peers: [{address: 198.51.100.12, zzqqxx: 1}]
                    authentication: {type: pass, password: x, zzqqxx: 1}
                    track_scripts: [{name: chk, zzqqxx: 1}]
                    track_interfaces: [{name: eth1, zzqqxx: 1}]
                    track_files: [{path: /x, zzqqxx: 1}]
                    track_processes: [{name: haproxy, zzqqxx: 1}]
                    notify: {zzqqxx: 1}
                    virtual_routes: [{to: 203.0.113.0/24, via: 198.51.100.1, zzqqxx: 1}]
                    virtual_rules: [{table: 100, zzqqxx: 1}]
                sync_groups:
                  G: {instances: [VI_1, VI_2], zzqqxx: 1}
                """;
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try {
            ConfigLoader.parseWithoutHostChecks(yaml, "t.yaml");
            throw new AssertionError("the loader took unknown keys");
        } catch (ConfigException e) {
            for (String error : e.errors()) {
                Matcher m = ERROR.matcher(error);
                if (m.find()) {
                    keys.put(m.group(1), List.of(m.group(2).split(", ")));
                } else if (error.contains(": " + ODD + ": unknown key; known keys here: ")) {
                    keys.put("", List.of(error.substring(error.indexOf("known keys here: ") + 17).split(", ")));
                }
            }
        }
        return keys;
    }

    public static void main(String[] args) {
        bySection().forEach((section, k) -> System.out.println(section + " -> " + k));
    }
}
