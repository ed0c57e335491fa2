package io.floatip.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an instance's {@code track_scripts}, {@code track_interfaces} and {@code track_files}: lists whose items
 * are a bare name (or path), or a map of it and a {@code weight}.
 */
final class TrackReader {

    record Tracking(List<TrackedScript> scripts, List<TrackedInterface> interfaces, List<TrackedFile> files,
            List<TrackedProcess> processes) {
    }

    /** One item as written; {@code weight} is null when it sets none. */
    private record Item(String value, Mark mark, String path, Integer weight) {
    }

    private TrackReader() {
    }

    static Optional<Tracking> read(Section instance, ScriptsReader.Scripts defined,
            ProcessesReader.Processes processesDefined) {
        Optional<List<TrackedScript>> scripts = instance.optional("track_scripts", List.of(),
                f -> list(f, "name", "a script name", item -> script(item, defined, f.problems()), TrackedScript::name));
        Optional<List<TrackedInterface>> interfaces = instance.optional("track_interfaces", List.of(),
                f -> list(f, "name", "an interface name", item -> iface(item, f.problems()), TrackedInterface::name));
        Optional<List<TrackedFile>> files = instance.optional("track_files", List.of(),
                f -> list(f, "path", "an absolute path", item -> file(item, f.problems()), file -> file.path().normalize()));
        Optional<List<TrackedProcess>> processes = instance.optional("track_processes", List.of(),
                f -> list(f, "name", "a process name", item -> process(item, processesDefined, f.problems()),
                        TrackedProcess::name));
        if (scripts.isEmpty() || interfaces.isEmpty() || files.isEmpty() || processes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Tracking(scripts.get(), interfaces.get(), files.get(), processes.get()));
    }

    /** Each item converted, and each at most once (by {@code identity}); empty if any is wrong. */
    private static <T> Optional<List<T>> list(Field field, String key, String what, Function<Item, Optional<T>> convert,
            Function<T, Object> identity) {
        return field.list().flatMap(list -> {
            boolean ok = true;
            List<T> converted = new ArrayList<>();
            Map<Object, Mark> seen = new HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                Optional<Item> item = item(list.items().get(i), field.path() + "[" + i + "]", key, what, field.problems());
                Optional<T> value = item.flatMap(convert);
                if (value.isEmpty()) {
                    ok = false;
                    continue;
                }
                Mark first = seen.putIfAbsent(identity.apply(value.get()), item.get().mark());
                if (first != null) {
                    field.problems().at(item.get().mark(), item.get().path(), item.get().value() + " is listed twice "
                            + "(first at line " + first.line() + ", column " + first.column() + "); remove one");
                    ok = false;
                    continue;
                }
                converted.add(value.get());
            }
            return ok ? Optional.of(converted) : Optional.empty();
        });
    }

    private static Optional<Item> item(Node node, String path, String key, String what, Problems problems) {
        if (node instanceof Node.Scalar scalar && !scalar.isEmpty()) {
            return Optional.of(new Item(scalar.text(), scalar.mark(), path, null));
        }
        if (node instanceof Node.MapNode map) {
            Section s = new Section(map, path, problems);
            Optional<Item> value = s.required(key, f -> f.text().map(text -> new Item(text, f.mark(), f.path(), null)));
            Optional<Field> weightField = s.field("weight");
            Optional<Integer> weight = weightField.flatMap(f -> f.intBetween(Weights.MIN, Weights.MAX));
            s.finish();
            if (value.isEmpty() || weightField.isPresent() && weight.isEmpty()) {
                return Optional.empty();
            }
            Item item = value.get();
            return Optional.of(new Item(item.value(), item.mark(), item.path(), weight.orElse(null)));
        }
        problems.at(node.mark(), path, "must be " + what + ", or a map with " + key + " and weight, got "
                + node.describe());
        return Optional.empty();
    }

    private static Optional<TrackedScript> script(Item item, ScriptsReader.Scripts defined, Problems problems) {
        if (!defined.names().contains(item.value())) {
            problems.at(item.mark(), item.path(), "unknown script '" + item.value() + "'; " + (defined.names().isEmpty()
                    ? "no scripts are defined (add it under scripts)"
                    : "scripts defined: " + String.join(", ", defined.names())));
            return Optional.empty();
        }
        // A script that is named but wrong has its own errors where it is defined.
        return Optional.ofNullable(defined.configs().get(item.value())).map(script -> new TrackedScript(item.value(),
                item.weight() != null ? item.weight() : script.weight()));
    }

    private static Optional<TrackedProcess> process(Item item, ProcessesReader.Processes defined,
            Problems problems) {
        if (!defined.names().contains(item.value())) {
            problems.at(item.mark(), item.path(), "unknown process '" + item.value() + "'; " + (defined.names()
                    .isEmpty() ? "no processes are defined (add it under processes)"
                    : "processes defined: " + String.join(", ", defined.names())));
            return Optional.empty();
        }
        return Optional.ofNullable(defined.configs().get(item.value())).map(p -> new TrackedProcess(item.value(),
                item.weight() != null ? item.weight() : p.weight()));
    }

    private static Optional<TrackedInterface> iface(Item item, Problems problems) {
        Optional<String> problem = InterfaceNames.problem(item.value());
        problem.ifPresent(p -> problems.at(item.mark(), item.path(), p));
        return problem.isPresent() ? Optional.empty()
                : Optional.of(new TrackedInterface(item.value(), item.weight() != null ? item.weight() : 0));
    }

    private static Optional<TrackedFile> file(Item item, Problems problems) {
        int weight = item.weight() != null ? item.weight() : TrackedFile.DEFAULT_WEIGHT;
        try {
            Path path = Path.of(item.value());
            if (path.isAbsolute()) {
                return Optional.of(new TrackedFile(path, weight));
            }
        } catch (InvalidPathException e) {
            // Reported below like any other path that is not absolute.
        }
        problems.at(item.mark(), item.path(), "must be an absolute path, like /etc/floatip/maint, got '"
                + item.value() + "'");
        return Optional.empty();
    }
}
