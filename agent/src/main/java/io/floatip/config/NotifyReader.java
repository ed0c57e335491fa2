package io.floatip.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the optional {@code notify} map of an instance or a sync group: a command per state change. */
final class NotifyReader {

    private static final List<String> EVENTS = List.of("master", "backup", "fault", "stop", "any");

    private NotifyReader() {
    }

    static Optional<NotifyConfig> read(Section parent, CommandReader commands) {
        Optional<Field> field = parent.field("notify");
        if (field.isEmpty()) {
            return Optional.of(NotifyConfig.NONE);
        }
        // keepalived's plain "notify SCRIPT" is a single value; here it is one event among the others.
        if (field.get().node() instanceof Node.Scalar scalar && !scalar.isEmpty()) {
            field.get().error("must be a map of state changes to commands, got " + scalar.describe()
                    + "; keepalived's notify script is written here as notify: {any: " + scalar.text() + "}");
            return Optional.empty();
        }
        return field.get().section().flatMap(notify -> {
            Map<String, Command> set = new HashMap<>();
            boolean ok = true;
            for (String event : EVENTS) {
                Optional<Field> command = notify.field(event).map(Field::withDefault);
                Optional<Command> read = command.flatMap(commands::read);
                read.ifPresent(c -> set.put(event, c));
                ok &= command.isEmpty() || read.isPresent();
            }
            notify.finish();
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(new NotifyConfig(set.get("master"), set.get("backup"), set.get("fault"),
                    set.get("stop"), set.get("any")));
        });
    }
}
