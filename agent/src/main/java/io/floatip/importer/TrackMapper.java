package io.floatip.importer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an instance's track_script, track_interface and track_file blocks, one tracked name per line with an
 * optional {@code weight N}. On an instance in a sync group (without sync_group_tracking_weight) and on an
 * address owner (priority 255), keepalived's vrrp_complete_instance (keepalived/vrrp/vrrp.c) takes weights
 * away: a weighted script goes; a weighted interface stays at weight 0 (FAULT when its link is down) in a sync
 * group and goes for an owner; a file with the default weight 1 stays at weight 0, with any other weight goes.
 */
final class TrackMapper {

    /** What keepalived does with tracking weights on this instance. */
    enum WeightRule {
        KEPT("", ""),
        SYNC_GROUP("in a sync group", "SYNC group"),
        OWNER("with priority 255, the address owner", "address owner");

        final String why;
        final String keepalivedSays;

        WeightRule(String why, String keepalivedSays) {
            this.why = why;
            this.keepalivedSays = keepalivedSays;
        }
    }

    private final String iface;
    private final WeightRule weights;
    private final Map<String, Integer> scriptWeights;
    private final Map<String, TrackFileMapper.TrackFile> files;
    private final Scope scope;
    private final YamlNode.ListNode scripts = new YamlNode.ListNode();
    private final YamlNode.ListNode interfaces = new YamlNode.ListNode();
    private final YamlNode.ListNode paths = new YamlNode.ListNode();
    private final Set<String> processes;
    private final YamlNode.ListNode tracked = new YamlNode.ListNode();
    private final Set<String> seen = new HashSet<>();

    /** @param scriptWeights the scripts that were mapped, with their own weights */
    TrackMapper(String iface, WeightRule weights, Map<String, Integer> scriptWeights,
            Map<String, TrackFileMapper.TrackFile> files, Set<String> processes, Scope scope) {
        this.iface = iface;
        this.processes = processes;
        this.weights = weights;
        this.scriptWeights = scriptWeights;
        this.files = files;
        this.scope = scope;
    }

    void read(Statement block) {
        for (Statement line : block.children()) {
            List<String> options = line.args();
            Optional<Integer> weight = Optional.empty();
            if (!options.isEmpty()) {
                if (!options.get(0).equals("weight")) {
                    scope.notMapped(line, "unknown option " + options.get(0));
                    continue;
                }
                weight = Weights.parse(line, options, 1, scope);
                if (weight.isEmpty()) {
                    continue;
                }
            }
            switch (block.keyword()) {
                case "track_script" -> script(line, weight);
                case "track_interface" -> iface(line, weight);
                case "track_process" -> process(line, weight);
                default -> file(line, weight);
            }
        }
    }

    void putInto(YamlNode.MapNode instance) {
        putIfAny(instance, "track_scripts", scripts);
        putIfAny(instance, "track_interfaces", interfaces);
        putIfAny(instance, "track_files", paths);
        putIfAny(instance, "track_processes", tracked);
    }

    /**
     * keepalived's vrrp_complete_instance (vrrp.c) keeps a tracked process's weight in a sync group and on an
     * owner, unlike a script's: so does the import.
     */
    private void process(Statement line, Optional<Integer> weight) {
        String name = line.keyword();
        if (!processes.contains(name)) {
            scope.notMapped(line, "no vrrp_track_process of that name was mapped");
        } else if (!seen(line, "process " + name)) {
            tracked.add(weight.isEmpty() ? YamlNode.text(name) : named("name", name, weight.get()));
        }
    }

    private static void putIfAny(YamlNode.MapNode instance, String key, YamlNode.ListNode list) {
        if (!list.isEmpty()) {
            instance.put(key, list);
        }
    }

    private void script(Statement line, Optional<Integer> weight) {
        String name = line.keyword();
        Integer own = scriptWeights.get(name);
        if (own == null) {
            scope.notMapped(line, "no vrrp_script of that name was mapped");
        } else if (!seen(line, "script " + name)) {
            int effective = weight.orElse(own);
            if (weights != WeightRule.KEPT && effective != 0) {
                scope.notMapped(line, "weighted script " + weights.why + ": keepalived ignores it too, \"ignoring "
                        + "tracked script " + name + " with weights due to " + weights.keepalivedSays + "\"");
            } else {
                scripts.add(weight.isEmpty() ? YamlNode.text(name) : named("name", name, weight.get()));
            }
        }
    }

    private void iface(Statement line, Optional<Integer> weight) {
        String name = line.keyword();
        if (name.equals(iface)) {
            scope.note(line.text() + ": keepalived ignores tracking the instance's own interface, and floatip "
                    + "watches its link anyway", line.place());
        } else if (name.contains(":") || name.contains("/") || name.length() > 15) {
            scope.notMapped(line, "not an interface name floatip accepts");
        } else if (!seen(line, "interface " + name)) {
            int effective = weight.orElse(0);
            if (weights == WeightRule.OWNER && effective != 0) {
                scope.notMapped(line, "weighted interface " + weights.why + ": keepalived stops tracking it too");
            } else if (weights == WeightRule.SYNC_GROUP && effective != 0) {
                scope.notMapped("weight " + effective + " of " + line.text() + " (ignored " + weights.why + "; "
                        + "keepalived tracks " + name + " at weight 0 instead, FAULT when its link is down, and so "
                        + "does floatip)", line.place());
                interfaces.add(YamlNode.text(name));
            } else {
                interfaces.add(weight.isEmpty() ? YamlNode.text(name) : named("name", name, weight.get()));
            }
        }
    }

    private void file(Statement line, Optional<Integer> weight) {
        TrackFileMapper.TrackFile file = files.get(line.keyword());
        if (file == null) {
            scope.notMapped(line, "no track_file of that name was mapped");
            return;
        }
        int effective = weight.orElse(file.weight());
        if (seen(line, "file " + file.path())) {
            return;
        }
        if (weights != WeightRule.KEPT && effective == TrackFileMapper.DEFAULT_WEIGHT) {
            scope.notMapped("weight 1 of " + line.text() + " (ignored " + weights.why + "; keepalived tracks "
                    + file.path() + " at weight 0 instead, FAULT while it holds a number other than 0, and so "
                    + "does floatip)", line.place());
            effective = 0;
        } else if (weights != WeightRule.KEPT && effective != 0) {
            scope.notMapped(line, "file with weight " + effective + " " + weights.why + ": keepalived ignores it too");
            return;
        }
        YamlNode.MapNode item = new YamlNode.MapNode().put("path", YamlNode.text(file.path()));
        if (effective != TrackFileMapper.DEFAULT_WEIGHT) {
            item.put("weight", YamlNode.number(effective));
        }
        paths.add(item);
    }

    /** True (after a warning) when {@code what} is tracked already. */
    private boolean seen(Statement line, String what) {
        if (!seen.add(what)) {
            scope.notMapped(line, "tracked twice");
            return true;
        }
        return false;
    }

    private static YamlNode.MapNode named(String key, String name, int weight) {
        return new YamlNode.MapNode().put(key, YamlNode.text(name)).put("weight", YamlNode.number(weight));
    }
}
