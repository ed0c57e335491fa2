package io.floatip.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the optional top-level {@code processes} map (keepalived's vrrp_track_process blocks), by name. */
final class ProcessesReader {

    /** @param names every process the file names, even one with mistakes; @param configs those that read cleanly */
    record Processes(Set<String> names, Map<String, ProcessConfig> configs) {
        static final Processes NONE = new Processes(Set.of(), Map.of());
    }

    private ProcessesReader() {
    }

    static Processes read(Section top) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, ProcessConfig> configs = new LinkedHashMap<>();
        top.field("processes").flatMap(Field::section).ifPresent(all -> {
            for (Node.Entry entry : all.entries()) {
                if (entry.key().isBlank()) {
                    all.problems().at(entry.keyMark(), all.path(), "a process needs a name, got '" + entry.key()
                            + "'");
                    continue;
                }
                names.add(entry.key());
                new Field(all.pathOf(entry.key()), entry, all.problems()).section()
                        .flatMap(process -> read(entry.key(), process))
                        .ifPresent(process -> configs.put(entry.key(), process));
            }
        });
        return new Processes(names, configs);
    }

    private static Optional<ProcessConfig> read(String name, Section s) {
        Optional<Field> nameField = s.field("name");
        Optional<Field> commandField = s.field("command");
        Optional<String> processName = nameField.flatMap(ProcessesReader::processName);
        Optional<List<String>> command = commandField.flatMap(ProcessesReader::command);
        Optional<Integer> quorum = s.optional("quorum", 1, f -> f.intBetween(1, ProcessConfig.MAX_QUORUM));
        Optional<Long> delay = s.optional("delay", 0L, f -> f.millisBetween(0, ProcessConfig.MAX_DELAY_MILLIS));
        Optional<Integer> weight = s.optional("weight", 0, f -> f.intBetween(Weights.MIN, Weights.MAX));
        boolean one = nameField.isPresent() != commandField.isPresent();
        if (!one) {
            s.problems().at(s.mark(), s.path(), nameField.isPresent()
                    ? "has both name and command; give one: name matches the process name (comm), command its "
                    + "command line"
                    : "needs name (the process name, as ps -o comm shows it) or command (the command line's first "
                    + "words)");
        }
        s.finish();
        if (!one || nameField.isPresent() && processName.isEmpty() || commandField.isPresent() && command.isEmpty()
                || List.of(quorum, delay, weight).contains(Optional.empty())) {
            return Optional.empty();
        }
        return Optional.of(new ProcessConfig(name, processName.orElse(null), command.orElse(List.of()), quorum.get(),
                delay.get(), weight.get()));
    }

    private static Optional<String> processName(Field field) {
        return field.text().filter(text -> {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (text.isEmpty() || text.contains("/") || text.indexOf('\0') >= 0) {
                field.error("must be a process name as ps -o comm shows it (no '/'), got '" + text + "'; to match "
                        + "a path, use command");
                return false;
            }
            if (bytes > ProcessConfig.MAX_PROCESS_NAME_BYTES) {
                field.error("is " + bytes + " bytes; the kernel keeps only the first "
                        + ProcessConfig.MAX_PROCESS_NAME_BYTES + " of a process name ('"
                        + text.substring(0, Math.min(text.length(), ProcessConfig.MAX_PROCESS_NAME_BYTES))
                        + "'): write that, or match the command line with command");
                return false;
            }
            return true;
        });
    }

    private static Optional<List<String>> command(Field field) {
        if (field.node() instanceof Node.Scalar) {
            return field.text().filter(t -> !t.isBlank()).map(t -> List.of(t.strip().split("\\s+")))
                    .or(() -> {
                        field.error("must not be empty");
                        return Optional.empty();
                    });
        }
        return field.list().flatMap(list -> {
            List<String> words = new java.util.ArrayList<>();
            for (Node item : list.items()) {
                if (!(item instanceof Node.Scalar scalar) || scalar.text().isEmpty()) {
                    field.error("must be a list of words, like [/usr/sbin/haproxy, -f, /etc/haproxy/haproxy.cfg]");
                    return Optional.empty();
                }
                words.add(scalar.text());
            }
            if (words.isEmpty()) {
                field.error("must not be empty");
                return Optional.empty();
            }
            return Optional.of(List.copyOf(words));
        });
    }
}
