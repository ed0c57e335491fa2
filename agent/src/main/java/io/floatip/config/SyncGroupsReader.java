package io.floatip.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the optional top-level {@code sync_groups} map (keepalived's vrrp_sync_group blocks), by name. */
final class SyncGroupsReader {

    /** Where an instance was put in a group, so a second group can name the first. */
    private record Member(String group, Mark mark) {
    }

    private SyncGroupsReader() {
    }

    /** @param instances every instance name the file defines, even those with mistakes */
    static Map<String, SyncGroupConfig> read(Section top, Set<String> instances, CommandReader commands) {
        Map<String, SyncGroupConfig> groups = new LinkedHashMap<>();
        Map<String, Member> members = new HashMap<>();
        top.field("sync_groups").flatMap(Field::section).ifPresent(all -> {
            for (Node.Entry entry : all.entries()) {
                if (entry.key().isBlank()) {
                    all.problems().at(entry.keyMark(), all.path(), "a sync group needs a name, got '" + entry.key() + "'");
                    continue;
                }
                new Field(all.pathOf(entry.key()), entry, all.problems()).section()
                        .flatMap(group -> read(entry.key(), group, instances, members, commands))
                        .ifPresent(group -> groups.put(entry.key(), group));
            }
        });
        return groups;
    }

    private static Optional<SyncGroupConfig> read(String name, Section s, Set<String> instances,
            Map<String, Member> members, CommandReader commands) {
        Optional<List<String>> listed = s.required("instances", f -> instances(f, name, instances, members));
        Optional<NotifyConfig> notify = NotifyReader.read(s, commands);
        s.finish();
        if (listed.isEmpty() || notify.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncGroupConfig(name, listed.get(), notify.get()));
    }

    private static Optional<List<String>> instances(Field field, String group, Set<String> instances,
            Map<String, Member> members) {
        return field.list().flatMap(list -> {
            boolean ok = true;
            if (list.items().size() < SyncGroupConfig.MIN_INSTANCES) {
                field.error("must list at least " + SyncGroupConfig.MIN_INSTANCES + " instances, got "
                        + list.items().size() + " (a group keeps instances in step with each other)");
                ok = false;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String path = field.path() + "[" + i + "]";
                if (!(item instanceof Node.Scalar scalar) || scalar.isEmpty()) {
                    field.problems().at(item.mark(), path, "must be an instance name, got " + item.describe());
                    ok = false;
                    continue;
                }
                String name = scalar.text();
                if (!instances.contains(name)) {
                    field.problems().at(item.mark(), path, "unknown instance '" + name + "'; " + (instances.isEmpty()
                            ? "no instances are defined" : "instances defined: " + String.join(", ", instances)));
                    ok = false;
                    continue;
                }
                Member first = members.putIfAbsent(name, new Member(group, item.mark()));
                if (first != null) {
                    field.problems().at(item.mark(), path, first.group().equals(group)
                            ? name + " is listed twice (first at line " + first.mark().line() + ", column "
                                    + first.mark().column() + "); remove one"
                            : name + " is already in sync group " + first.group() + " (line " + first.mark().line()
                                    + "); an instance can be in only one sync group");
                    ok = false;
                    continue;
                }
                names.add(name);
            }
            return ok ? Optional.of(names) : Optional.empty();
        });
    }
}
