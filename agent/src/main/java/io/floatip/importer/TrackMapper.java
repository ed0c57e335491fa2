package io.floatip.importer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an instance's track_script, track_interface and track_file blocks, one tracked name per line with an
 * optional {@code weight N}. Like keepalived 2.2, it leaves out weighted tracking on an instance in a sync
 * group (unless the group has sync_group_tracking_weight): keepalived ignores it there, and one member's
 * priority moving alone would pull the group apart.
 */
final class TrackMapper {

    private final String iface;
    private final boolean weightsIgnored;
    private final Map<String, Integer> scriptWeights;
    private final Map<String, TrackFileMapper.TrackFile> files;
    private final Scope scope;
    private final YamlNode.ListNode scripts = new YamlNode.ListNode();
    private final YamlNode.ListNode interfaces = new YamlNode.ListNode();
    private final YamlNode.ListNode paths = new YamlNode.ListNode();
    private final Set<String> seen = new HashSet<>();

    /**
     * @param weightsIgnored the instance is in a sync group that does not keep tracking weights
     * @param scriptWeights  the scripts that were mapped, with their own weights
     */
    TrackMapper(String iface, boolean weightsIgnored, Map<String, Integer> scriptWeights,
            Map<String, TrackFileMapper.TrackFile> files, Scope scope) {
        this.iface = iface;
        this.weightsIgnored = weightsIgnored;
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
                default -> file(line, weight);
            }
        }
    }

    void putInto(YamlNode.MapNode instance) {
        putIfAny(instance, "track_scripts", scripts);
        putIfAny(instance, "track_interfaces", interfaces);
        putIfAny(instance, "track_files", paths);
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
        } else if (usable(line, "script " + name, weight.orElse(own))) {
            scripts.add(weight.isEmpty() ? YamlNode.text(name) : named("name", name, weight.get()));
        }
    }

    private void iface(Statement line, Optional<Integer> weight) {
        String name = line.keyword();
        if (name.equals(iface)) {
            scope.note(line.text() + ": keepalived ignores tracking the instance's own interface, and floatip "
                    + "watches its link anyway", line.place());
        } else if (name.contains(":") || name.contains("/") || name.length() > 15) {
            scope.notMapped(line, "not an interface name floatip accepts");
        } else if (usable(line, "interface " + name, weight.orElse(0))) {
            interfaces.add(weight.isEmpty() ? YamlNode.text(name) : named("name", name, weight.get()));
        }
    }

    private void file(Statement line, Optional<Integer> weight) {
        TrackFileMapper.TrackFile file = files.get(line.keyword());
        if (file == null) {
            scope.notMapped(line, "no track_file of that name was mapped");
            return;
        }
        int effective = weight.orElse(file.weight());
        if (usable(line, "file " + file.path(), effective)) {
            YamlNode.MapNode item = new YamlNode.MapNode().put("path", YamlNode.text(file.path()));
            if (effective != TrackFileMapper.DEFAULT_WEIGHT) {
                item.put("weight", YamlNode.number(effective));
            }
            paths.add(item);
        }
    }

    private boolean usable(Statement line, String what, int weight) {
        if (!seen.add(what)) {
            scope.notMapped(line, "tracked twice");
            return false;
        }
        if (weightsIgnored && weight != 0) {
            scope.notMapped(line, "weighted tracking in a sync group; keepalived ignores it too");
            return false;
        }
        return true;
    }

    private static YamlNode.MapNode named(String key, String name, int weight) {
        return new YamlNode.MapNode().put(key, YamlNode.text(name)).put("weight", YamlNode.number(weight));
    }
}
