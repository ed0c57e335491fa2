package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The YAML the import writes: maps and lists in the order built, with comment lines between their items. */
sealed interface YamlNode {

    /** @param typed written bare (a number, a boolean, a duration the import formatted); else quoted if needed */
    record Scalar(String text, boolean typed) implements YamlNode {
    }

    record Entry(String key, YamlNode value) {
    }

    record Comment(String text) {
    }

    static Scalar text(String text) {
        return new Scalar(text, false);
    }

    static Scalar number(long value) {
        return new Scalar(Long.toString(value), true);
    }

    static Scalar typed(String text) {
        return new Scalar(text, true);
    }

    /** Items are {@link Entry} or {@link Comment}; a key put again keeps its place and takes the new value. */
    final class MapNode implements YamlNode {
        private final List<Object> items = new ArrayList<>();

        MapNode put(String key, YamlNode value) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Entry entry && entry.key().equals(key)) {
                    items.set(i, new Entry(key, value));
                    return this;
                }
            }
            items.add(new Entry(key, value));
            return this;
        }

        MapNode comment(String text) {
            items.add(new Comment(text));
            return this;
        }

        Optional<YamlNode> get(String key) {
            return entries().stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
        }

        List<Entry> entries() {
            return items.stream().filter(Entry.class::isInstance).map(Entry.class::cast).toList();
        }

        List<Object> items() {
            return List.copyOf(items);
        }
    }

    /** Items are YAML nodes or {@link Comment}s. */
    final class ListNode implements YamlNode {
        private final List<Object> items = new ArrayList<>();

        ListNode add(YamlNode value) {
            items.add(value);
            return this;
        }

        ListNode comment(String text) {
            items.add(new Comment(text));
            return this;
        }

        boolean isEmpty() {
            return items.stream().noneMatch(YamlNode.class::isInstance);
        }

        List<Object> items() {
            return List.copyOf(items);
        }
    }
}
