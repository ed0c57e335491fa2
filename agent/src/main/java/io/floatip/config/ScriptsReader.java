package io.floatip.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the optional top-level {@code scripts} map (keepalived's vrrp_script blocks), by name. */
final class ScriptsReader {

    /**
     * @param names   every script the file names, even one with mistakes, so a reference to it is not an
     *                "unknown script" on top of its own errors
     * @param configs the scripts that read cleanly, in file order
     */
    record Scripts(Set<String> names, Map<String, ScriptConfig> configs) {
    }

    private ScriptsReader() {
    }

    static Scripts read(Section top, CommandReader commands) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, ScriptConfig> configs = new LinkedHashMap<>();
        top.field("scripts").flatMap(Field::section).ifPresent(all -> {
            for (Node.Entry entry : all.entries()) {
                if (entry.key().isBlank()) {
                    all.problems().at(entry.keyMark(), all.path(), "a script needs a name, got '" + entry.key() + "'");
                    continue;
                }
                names.add(entry.key());
                new Field(all.pathOf(entry.key()), entry, all.problems()).section()
                        .flatMap(script -> read(entry.key(), script, commands))
                        .ifPresent(script -> configs.put(entry.key(), script));
            }
        });
        return new Scripts(names, configs);
    }

    private static Optional<ScriptConfig> read(String name, Section s, CommandReader commands) {
        Optional<Command> command = s.required("command", commands::read);
        Optional<Long> interval = s.optional("interval", ScriptConfig.DEFAULT_INTERVAL_MILLIS, ScriptsReader::positive);
        Optional<Long> timeout = s.field("timeout").map(Field::withDefault).map(ScriptsReader::positive)
                .orElse(interval);
        int maxCount = ScriptConfig.MAX_RISE_FALL;
        Optional<Integer> rise = s.optional("rise", ScriptConfig.DEFAULT_RISE_FALL, f -> f.intBetween(1, maxCount));
        Optional<Integer> fall = s.optional("fall", ScriptConfig.DEFAULT_RISE_FALL, f -> f.intBetween(1, maxCount));
        Optional<Integer> weight = s.optional("weight", 0, f -> f.intBetween(Weights.MIN, Weights.MAX));
        Optional<Boolean> initFail = s.optional("init_fail", false, Field::bool);
        Optional<Field> userField = s.field("user");
        Optional<String> user = userField.flatMap(commands::user);
        s.finish();
        if (List.of(command, interval, timeout, rise, fall, weight, initFail).contains(Optional.empty())
                || (userField.isPresent() && user.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new ScriptConfig(name, command.get(), interval.get(), timeout.get(), rise.get(),
                fall.get(), weight.get(), initFail.get(), user.orElse(null)));
    }

    private static Optional<Long> positive(Field field) {
        return field.millis().filter(millis -> {
            if (millis == 0) {
                field.error("must be more than 0s, got '" + ((Node.Scalar) field.node()).text() + "'");
            }
            return millis > 0;
        });
    }
}
