package io.floatip.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One key's value, with the conversions readers need. Each conversion reports its own error at the value
 * and returns empty, so a reader can go on and find the next problem.
 */
final class Field {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");

    private final String path;
    private final Node.Entry entry;
    private final Problems problems;
    private final boolean hasDefault;

    Field(String path, Node.Entry entry, Problems problems) {
        this(path, entry, problems, false);
    }

    private Field(String path, Node.Entry entry, Problems problems, boolean hasDefault) {
        this.path = path;
        this.entry = entry;
        this.problems = problems;
        this.hasDefault = hasDefault;
    }

    /** The same field, for a key the user may leave out: an empty value's error then says so. */
    Field withDefault() {
        return new Field(path, entry, problems, true);
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    Node node() {
        return entry.value();
    }

    /** Where the value is, or the key when it has none (an empty value's own place is just past the colon). */
    Mark mark() {
        return node() instanceof Node.Scalar s && s.isEmpty() ? entry.keyMark() : node().mark();
    }

    /** Where the key itself is: for problems with the key being there at all, not with its value. */
    Mark keyMark() {
        return entry.keyMark();
    }

    void error(String message) {
        problems.at(mark(), path, message);
    }

    /** The value as text; it must be one value, not a list or map, and not empty. */
    Optional<String> text() {
        if (node() instanceof Node.Scalar scalar) {
            if (scalar.isEmpty()) {
                error(hasDefault ? "has no value; give it one, or remove the key to use the default" : "has no value");
                return Optional.empty();
            }
            return Optional.of(scalar.text());
        }
        error("must be a single value, got " + node().describe());
        return Optional.empty();
    }

    Optional<Integer> intBetween(int min, int max) {
        return text().flatMap(text -> {
            String value = text.strip();
            if (!WHOLE_NUMBER.matcher(value).matches()) {
                error("must be a whole number between " + min + " and " + max + ", got '" + text + "'");
                return Optional.empty();
            }
            BigInteger number = new BigInteger(value);
            if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
                error("must be between " + min + " and " + max + ", got " + number);
                return Optional.empty();
            }
            return Optional.of(number.intValueExact());
        });
    }

    Optional<Boolean> bool() {
        return text().flatMap(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                error("must be true or false, got '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    /** One of {@code allowed}, matched without regard to case and returned as listed there. */
    Optional<String> oneOf(List<String> allowed) {
        return text().flatMap(text -> {
            for (String choice : allowed) {
                if (choice.equalsIgnoreCase(text.strip())) {
                    return Optional.of(choice);
                }
            }
            error("must be " + either(allowed) + ", got '" + text + "'");
            return Optional.empty();
        });
    }

    /** The text as {@code parser} reads it; what it refuses (IllegalArgumentException) is reported here. */
    <T> Optional<T> parsed(Function<String, T> parser) {
        return text().flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return Optional.empty();
            }
        });
    }

    Optional<Long> millis() {
        return parsed(Durations::parse);
    }

    Optional<Long> millisBetween(long min, long max) {
        return millis().flatMap(millis -> {
            if (millis < min || millis > max) {
                error("must be between " + Durations.format(min) + " and " + Durations.format(max)
                        + ", got '" + ((Node.Scalar) node()).text() + "'");
                return Optional.empty();
            }
            return Optional.of(millis);
        });
    }

    Optional<Node.ListNode> list() {
        if (node() instanceof Node.ListNode list) {
            return Optional.of(list);
        }
        if (node() instanceof Node.Scalar s && !s.isEmpty()) {
            error("must be a list, got " + node().describe() + "; write it as [" + s.text() + "]");
        } else {
            error("must be a list, got " + node().describe());
        }
        return Optional.empty();
    }

    /** A nested map; an empty value counts as an empty map, so {@code global:} alone means all defaults. */
    Optional<Section> section() {
        if (node() instanceof Node.MapNode map) {
            return Optional.of(new Section(map, path, problems));
        }
        if (node() instanceof Node.Scalar s && s.isEmpty()) {
            return Optional.of(new Section(new Node.MapNode(Map.of(), entry.keyMark()), path, problems));
        }
        error("must be a map of keys, got " + node().describe());
        return Optional.empty();
    }

    /** "a", "a or b", "a, b or c". */
    static String either(List<String> choices) {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
