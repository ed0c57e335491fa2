package io.floatip.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into a {@link Node} tree with the streaming parser, which gives each token's place and
 * lets us see duplicate keys (a tree-building mapper would silently keep the last one).
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final YAMLParser parser;
    private final Problems problems;

    private YamlTree(YAMLParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document's root, or empty when there is none or the YAML is broken (the problems say which). */
    static Optional<Node> parse(String text, Problems problems) {
        YamlTree tree = null;
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            tree = new YamlTree(parser, problems);
            if (parser.nextToken() == null) {
                problems.at(Mark.START, "", "the file is empty; it needs at least an 'instances' map");
                return Optional.empty();
            }
            Node root = tree.value("");
            if (parser.nextToken() != null) {
                problems.at(tree.mark(), "", "a second YAML document starts here, but a config holds only one; "
                        + "remove the '---' above it and what follows");
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            problems.at(markOf(e), "", "YAML syntax error: " + describe(e));
            return Optional.empty();
        } catch (StreamReadException e) {
            if (tree != null && tree.tooDeepReported) {
                return Optional.empty(); // Jackson's own nesting limit, met while skipping: already said, with its line
            }
            // Jackson's own complaint about a list or map used as a key names parser internals; say it plainly.
            String message = e.getOriginalMessage().startsWith("Expected a field name")
                    ? "keys must be plain names, not lists or maps" : e.getOriginalMessage();
            problems.at(markOf(e.getLocation()), "", "YAML syntax error: " + message);
            return Optional.empty();
        } catch (IOException e) {
            if (tree != null && tree.tooDeepReported) {
                return Optional.empty(); // Jackson's own nesting limit, met while skipping: already said, with its line
            }
            // Reading from a String cannot fail for I/O reasons; anything here is still the text's fault.
            problems.at(Mark.START, "", "cannot parse YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Deepest nesting read: a config needs 5 levels. A map nested 1,000 deep threw StackOverflowError through
     * this recursive reader on main (issue 16 item 5); deeper ones are skipped without recursion.
     */
    static final int MAX_DEPTH = 32;

    private int depth;
    private boolean tooDeepReported;

    private Node value(String path) throws IOException {
        JsonToken token = parser.currentToken();
        Mark mark = mark();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            if (!tooDeepReported) {
                tooDeepReported = true;
                io.floatip.status.Refusals.count(io.floatip.status.Refusal.CONFIG_TOO_BIG);
                problems.at(mark, path, "nested deeper than " + MAX_DEPTH + " levels; a config needs a handful");
            }
            parser.skipChildren();
            return new Node.Scalar(null, mark);
        }
        depth++;
        try {
            return nested(token, path, mark);
        } finally {
            depth--;
        }
    }

    private Node nested(JsonToken token, String path, Mark mark) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            return map(path, mark);
        }
        if (token == JsonToken.START_ARRAY) {
            return list(path, mark);
        }
        if (parser.isCurrentAlias()) {
            problems.at(mark, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
        }
        return new Node.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), mark);
    }

    private Node map(String path, Mark mark) throws IOException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            Node value = value(keyPath);
            Node.Entry first = entries.get(key);
            if (first != null) {
                problems.at(keyMark, keyPath, "duplicate key, first set at line " + first.keyMark().line()
                        + "; remove one of them");
            } else {
                entries.put(key, new Node.Entry(key, keyMark, value));
            }
        }
        return new Node.MapNode(entries, mark);
    }

    private Node list(String path, Mark mark) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(path + "[" + items.size() + "]"));
        }
        return new Node.ListNode(items, mark);
    }

    private Mark mark() {
        return markOf(parser.currentTokenLocation());
    }

    private static Mark markOf(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Mark.START;
        }
        return new Mark(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    // The parser's own location is where it stopped reading, which can be lines away; the problem mark is
    // where the YAML actually goes wrong (0-based in snakeyaml).
    private static Mark markOf(MarkedYAMLException e) {
        var problem = e.getProblemMark();
        return problem == null ? markOf(e.getLocation()) : new Mark(problem.getLine() + 1, problem.getColumn() + 1);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? e.getOriginalMessage() : e.getProblem();
        var context = e.getContextMark();
        if (e.getContext() != null && context != null) {
            problem += " (" + e.getContext() + " started at line " + (context.getLine() + 1)
                    + ", column " + (context.getColumn() + 1) + ")";
        }
        return problem;
    }
}
