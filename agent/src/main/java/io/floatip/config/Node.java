package io.floatip.config;

import java.util.List;
import java.util.Map;

/**
 * The YAML document as a small tree that remembers where each piece was written, so that every error can
 * point at its line and column. Scalars keep their text as written: the readers decide what it means.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    Mark mark();

    /** For "got ..." in type errors. */
    String describe();

    /** A key and its value; the key's own place is where unknown and duplicate keys are reported. */
    record Entry(String key, Mark keyMark, Node value) {
    }

    /** Keys in file order. */
    record MapNode(Map<String, Entry> entries, Mark mark) implements Node {
        @Override
        public String describe() {
            return "a map";
        }
    }

    record ListNode(List<Node> items, Mark mark) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** {@code text} is null for an empty value ({@code key:} with nothing after it, {@code ~}, {@code null}). */
    record Scalar(String text, Mark mark) implements Node {

        boolean isEmpty() {
            return text == null;
        }

        @Override
        public String describe() {
            return text == null ? "nothing" : "the single value '" + text + "'";
        }
    }
}
