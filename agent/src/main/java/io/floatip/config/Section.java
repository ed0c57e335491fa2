package io.floatip.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML map being read by a reader. The keys a reader asks for are the keys it knows; whatever is left
 * when it calls {@link #finish()} is reported as unknown. So adding a key to the schema is one line in
 * one reader, and the "did you mean" list follows by itself.
 */
final class Section {

    private final Node.MapNode map;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    /** Keys reported by {@link #refuse}: neither unknown nor suggested. */
    private final Set<String> refused = new LinkedHashSet<>();

    Section(Node.MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    Mark mark() {
        return map.mark();
    }

    Problems problems() {
        return problems;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The key's field if the file sets it. */
    Optional<Field> field(String key) {
        known.add(key);
        Node.Entry entry = map.entries().get(key);
        return entry == null ? Optional.empty() : Optional.of(new Field(pathOf(key), entry, problems));
    }

    /** The key's value read by {@code read}; reported at this map when the file leaves it out. */
    <T> Optional<T> required(String key, Function<Field, Optional<T>> read) {
        Optional<Field> field = field(key);
        if (field.isEmpty()) {
            problems.at(map.mark(), pathOf(key), "missing; this key is required");
            return Optional.empty();
        }
        return read.apply(field.get());
    }

    /** The key's value read by {@code read}, or {@code fallback} when the file leaves it out. */
    <T> Optional<T> optional(String key, T fallback, Function<Field, Optional<T>> read) {
        return field(key).map(Field::withDefault).map(read).orElse(Optional.of(fallback));
    }

    /** Every entry, for maps whose keys are names the user picks (like instances) rather than settings. */
    Collection<Node.Entry> entries() {
        return map.entries().values();
    }

    /**
     * A key this map does not take but that a config may bring from elsewhere (keepalived): reported with
     * {@code why} at the key, and kept out of the "known keys" a typo is offered.
     */
    void refuse(String key, String why) {
        Node.Entry entry = map.entries().get(key);
        if (entry != null) {
            refused.add(key);
            problems.at(entry.keyMark(), pathOf(key), why);
        }
    }

    /** Reports every key no one asked for. */
    void finish() {
        List<String> allowed = new ArrayList<>(known);
        for (Map.Entry<String, Node.Entry> entry : map.entries().entrySet()) {
            if (!known.contains(entry.getKey()) && !refused.contains(entry.getKey())) {
                if (problems.full()) {
                    problems.skipped(); // no suggestion worked out for an error that is only counted
                    continue;
                }
                problems.at(entry.getValue().keyMark(), pathOf(entry.getKey()),
                        "unknown key; " + KeySuggester.hint(entry.getKey(), allowed));
            }
        }
    }
}
