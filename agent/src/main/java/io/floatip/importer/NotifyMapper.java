package io.floatip.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads notify_master, notify_backup, notify_fault, notify_stop and notify into floatip's {@code notify} map,
 * for an instance or a sync group. keepalived's plain notify is floatip's {@code any}: both append the kind,
 * the name, the state and the priority.
 */
final class NotifyMapper {

    static final Map<String, String> EVENTS = Map.of("notify_master", "master", "notify_backup", "backup",
            "notify_fault", "fault", "notify_stop", "stop", "notify", "any");
    private static final List<String> ORDER = List.of("master", "backup", "fault", "stop", "any");

    private NotifyMapper() {
    }

    /** The map, with no items when there is nothing to notify. */
    static YamlNode.MapNode read(List<Statement> notifies, Scope scope) {
        YamlNode.MapNode out = new YamlNode.MapNode();
        Map<String, YamlNode> commands = new HashMap<>();
        for (Statement s : notifies) {
            Optional<List<String>> argv = Commands.read(s, scope);
            if (argv.isEmpty()) {
                continue;
            }
            commands.put(EVENTS.get(s.keyword()), Commands.node(argv.get()));
            if (s.args().size() > 1) {
                scope.notMapped("user " + String.join(" ", s.args().subList(1, s.args().size())) + " of "
                        + s.keyword() + " (not yet: floatip runs every script as global.script_user)", s.place());
            }
        }
        for (String event : ORDER) {
            if (commands.containsKey(event)) {
                out.put(event, commands.get(event));
            }
        }
        return out;
    }
}
