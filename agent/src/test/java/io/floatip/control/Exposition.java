package io.floatip.control;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text format 0.0.4, for tests: stricter than Prometheus itself, so what it
 * accepts any scraper accepts. Rules: every line is {@code # HELP name text}, {@code # TYPE name gauge|counter}
 * or {@code name{label="value",...} value}; no blank lines, other comments or timestamps; names and label
 * names well formed; label values and help text escaped (only \\, \" and \n in values, \\ and \n in help);
 * each family has one TYPE (and at most one HELP) before its samples and its lines together; no series twice;
 * a counter is named *_total and never negative.
 */
final class Exposition {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE = Pattern.compile(
            "[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|NaN|[-+]Inf");

    /** One family: its type, help, and each series' labels (sorted by name) to value. */
    record Family(String name, String type, String help, Map<Map<String, String>, Double> series) {
    }

    /** The format was broken; the message names the line. */
    static final class FormatException extends RuntimeException {
        FormatException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Set<String> closed = new HashSet<>(); // families whose group of lines has ended
    private final Set<String> sampled = new HashSet<>();
    private String current;
    private int lineNumber;

    private Exposition() {
    }

    static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new FormatException(text.split("\n", -1).length, "the text must end with a newline");
        }
        Exposition e = new Exposition();
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
        for (String line : lines) {
            e.lineNumber++;
            e.line(line);
        }
        return e.families;
    }

    /** The value of one series; fails when it is absent. */
    static double value(Map<String, Family> families, String name, String... labels) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no family " + name);
        }
        Map<String, String> key = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            key.put(labels[i], labels[i + 1]);
        }
        Double value = family.series().get(key);
        if (value == null) {
            throw new AssertionError("no series " + name + key + " in " + family.series().keySet());
        }
        return value;
    }

    private FormatException fail(String message) {
        return new FormatException(lineNumber, message);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            throw fail("blank line");
        }
        if (line.startsWith("#")) {
            comment(line);
        } else {
            sample(line);
        }
    }

    private void comment(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            throw fail("a comment must be '# HELP name text' or '# TYPE name type': " + line);
        }
        String name = parts[2];
        name(name);
        enter(name);
        Family f = families.get(name);
        if (sampled.contains(name)) {
            throw fail(parts[1] + " for " + name + " after its samples");
        }
        if (parts[1].equals("HELP")) {
            if (f != null && f.help() != null) {
                throw fail("a second HELP for " + name);
            }
            String help = unescapeHelp(parts.length == 4 ? parts[3] : "");
            families.put(name, new Family(name, f == null ? null : f.type(), help,
                    f == null ? new LinkedHashMap<>() : f.series()));
        } else {
            if (parts.length != 4 || !(parts[3].equals("gauge") || parts[3].equals("counter"))) {
                throw fail("TYPE must be gauge or counter: " + line);
            }
            if (f != null && f.type() != null) {
                throw fail("a second TYPE for " + name);
            }
            if (parts[3].equals("counter") && !name.endsWith("_total")) {
                throw fail("counter " + name + " must end in _total");
            }
            families.put(name, new Family(name, parts[3], f == null ? null : f.help(),
                    f == null ? new LinkedHashMap<>() : f.series()));
        }
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        name(name);
        Family f = families.get(name);
        if (f == null || f.type() == null) {
            throw fail("sample of " + name + " before its TYPE");
        }
        enter(name);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw fail("expected one space and a value: " + line);
        }
        String value = line.substring(i + 1);
        if (!VALUE.matcher(value).matches()) {
            throw fail("not a number (or an extra field, like a timestamp): '" + value + "'");
        }
        double number = value.endsWith("Inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY) : Double.parseDouble(value);
        if (f.type().equals("counter") && !(number >= 0)) {
            throw fail("counter " + name + " is " + value);
        }
        if (f.series().put(labels, number) != null) {
            throw fail("series " + name + labels + " twice");
        }
        sampled.add(name);
    }

    /** Reads label pairs from just after '{'; returns the index just after '}'. */
    private int labels(String line, int i, Map<String, String> labels) {
        if (i < line.length() && line.charAt(i) == '}') {
            return i + 1;
        }
        while (true) {
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw fail("label without '=': " + line);
            }
            String label = line.substring(i, eq);
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw fail("bad label name '" + label + "'");
            }
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw fail("label value must be quoted: " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) {
                    throw fail("unterminated label value: " + line);
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fail("bad escape '\\" + next + "' in a label value");
                    }
                    j += 2;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw fail("label " + label + " twice");
            }
            j++;
            if (j < line.length() && line.charAt(j) == '}') {
                return j + 1;
            }
            if (j >= line.length() || line.charAt(j) != ',' || j + 1 >= line.length() || line.charAt(j + 1) == '}') {
                throw fail("labels must be separated by ',' (no trailing comma) and closed by '}': " + line);
            }
            i = j + 1;
        }
    }

    private void name(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fail("bad metric name '" + name + "'");
        }
    }

    /** A family's lines are one group: once another family starts, it may not come back. */
    private void enter(String name) {
        if (name.equals(current)) {
            return;
        }
        if (closed.contains(name)) {
            throw fail("lines of " + name + " are not together");
        }
        if (current != null) {
            closed.add(current);
        }
        current = name;
    }

    private String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                default -> throw fail("bad escape '\\" + next + "' in HELP");
            }
            i++;
        }
        return out.toString();
    }
}
