package io.floatip.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the required {@code instances} map: instance names the user picks, each with its settings. */
final class InstancesReader {

    /**
     * @param names   every instance the file names, even one with mistakes, so a sync group listing it is not
     *                told it is unknown on top of the instance's own errors
     * @param configs the instances that read cleanly, in file order
     */
    record Instances(Set<String> names, Map<String, InstanceConfig> configs) {
    }

    private InstancesReader() {
    }

    static Instances read(Section root, ScriptsReader.Scripts scripts, CommandReader commands) {
        return read(root, scripts, ProcessesReader.Processes.NONE, commands);
    }

    static Instances read(Section root, ScriptsReader.Scripts scripts, ProcessesReader.Processes processes,
            CommandReader commands) {
        Map<String, InstanceConfig> instances = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        Optional<Section> section = root.required("instances", Field::section);
        if (section.isEmpty()) {
            return new Instances(names, instances);
        }
        Section all = section.get();
        if (all.entries().isEmpty()) {
            all.problems().at(all.mark(), all.path(), "must define at least one instance, e.g. VI_1 with an "
                    + "interface, a vrid and virtual_ips");
        }
        Claims claims = new Claims(all.problems());
        for (Node.Entry entry : all.entries()) {
            Field field = new Field(all.pathOf(entry.key()), entry, all.problems());
            if (entry.key().isBlank()) {
                all.problems().at(entry.keyMark(), all.path(), "an instance needs a name, got '" + entry.key() + "'");
                continue;
            }
            names.add(entry.key());
            field.section()
                    .flatMap(instance -> InstanceReader.read(entry.key(), instance, claims, scripts, processes,
                            commands))
                    .ifPresent(instance -> instances.put(entry.key(), instance));
        }
        return new Instances(names, instances);
    }
}
