package io.floatip.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the required {@code instances} map: instance names the user picks, each with its settings. */
final class InstancesReader {

    private InstancesReader() {
    }

    /** Only the instances that read cleanly; the rest are reported. */
    static Map<String, InstanceConfig> read(Section root) {
        Map<String, InstanceConfig> instances = new LinkedHashMap<>();
        Optional<Section> section = root.required("instances", Field::section);
        if (section.isEmpty()) {
            return instances;
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
            field.section()
                    .flatMap(instance -> InstanceReader.read(entry.key(), instance, claims))
                    .ifPresent(instance -> instances.put(entry.key(), instance));
        }
        return instances;
    }
}
