package io.floatip.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated configuration.
 *
 * @param instances  by name, in the order the file lists them
 * @param source     the file it came from (for messages)
 * @param scripts    check scripts by name, in file order
 * @param syncGroups sync groups by name, in file order
 * @param processes  tracked processes by name, in file order
 */
public record Config(GlobalConfig global, Map<String, InstanceConfig> instances, Path source,
        Map<String, ScriptConfig> scripts, Map<String, SyncGroupConfig> syncGroups,
        Map<String, ProcessConfig> processes) {

    public Config {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(source, "source");
        // Map.copyOf would lose the file order, which logs and status output follow.
        instances = ordered(instances, "instances");
        scripts = ordered(scripts, "scripts");
        syncGroups = ordered(syncGroups, "syncGroups");
        processes = ordered(processes, "processes");
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a config needs at least one instance");
        }
        requireReferences(instances, scripts, syncGroups);
        for (InstanceConfig instance : instances.values()) {
            for (TrackedProcess tracked : instance.trackProcesses()) {
                if (!processes.containsKey(tracked.name())) {
                    throw new IllegalArgumentException("instance " + instance.name() + " tracks unknown process "
                            + tracked.name());
                }
            }
        }
    }

    /** No tracked processes. */
    public Config(GlobalConfig global, Map<String, InstanceConfig> instances, Path source,
            Map<String, ScriptConfig> scripts, Map<String, SyncGroupConfig> syncGroups) {
        this(global, instances, source, scripts, syncGroups, Map.of());
    }

    /** No scripts, no sync groups. */
    public Config(GlobalConfig global, Map<String, InstanceConfig> instances, Path source) {
        this(global, instances, source, Map.of(), Map.of());
    }

    private static <V> Map<String, V> ordered(Map<String, V> map, String what) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, what)));
    }

    // The names that tie the sections together must lead somewhere, for a config built by hand too.
    private static void requireReferences(Map<String, InstanceConfig> instances, Map<String, ScriptConfig> scripts,
            Map<String, SyncGroupConfig> groups) {
        for (InstanceConfig instance : instances.values()) {
            for (TrackedScript tracked : instance.trackScripts()) {
                if (!scripts.containsKey(tracked.name())) {
                    throw new IllegalArgumentException("instance " + instance.name() + " tracks unknown script "
                            + tracked.name());
                }
            }
        }
        Map<String, String> groupOf = new HashMap<>();
        for (SyncGroupConfig group : groups.values()) {
            for (String name : group.instances()) {
                if (!instances.containsKey(name)) {
                    throw new IllegalArgumentException("sync group " + group.name() + " lists unknown instance " + name);
                }
                String first = groupOf.putIfAbsent(name, group.name());
                if (first != null) {
                    throw new IllegalArgumentException("instance " + name + " is in sync groups " + first + " and "
                            + group.name());
                }
            }
        }
    }
}
