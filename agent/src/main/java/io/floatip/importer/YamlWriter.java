package io.floatip.importer;

/** Prints a {@link YamlNode} tree in block style, two spaces per level, a blank line between top-level keys. */
final class YamlWriter {

    private static final int STEP = 2;

    private final StringBuilder out = new StringBuilder();

    private YamlWriter() {
    }

    static String write(YamlNode.MapNode root) {
        YamlWriter writer = new YamlWriter();
        writer.map(root, 0);
        return writer.out.toString();
    }

    private void map(YamlNode.MapNode map, int indent) {
        boolean first = true;
        for (Object item : map.items()) {
            if (item instanceof YamlNode.Comment comment) {
                line(indent, "# " + comment.text());
                continue;
            }
            YamlNode.Entry entry = (YamlNode.Entry) item;
            if (indent == 0 && !first) {
                out.append('\n');
            }
            first = false;
            String key = YamlText.scalar(entry.key()) + ":";
            YamlNode value = entry.value();
            if (value instanceof YamlNode.Scalar scalar) {
                line(indent, key + " " + scalar(scalar));
            } else if (value instanceof YamlNode.MapNode child) {
                if (child.items().isEmpty()) {
                    line(indent, key + " {}");
                } else {
                    line(indent, key);
                    map(child, indent + STEP);
                }
            } else {
                YamlNode.ListNode list = (YamlNode.ListNode) value;
                if (list.isEmpty() && list.items().isEmpty()) {
                    line(indent, key + " []");
                } else {
                    line(indent, key);
                    list(list, indent + STEP);
                }
            }
        }
    }

    private void list(YamlNode.ListNode list, int indent) {
        for (Object item : list.items()) {
            if (item instanceof YamlNode.Comment comment) {
                line(indent, "# " + comment.text());
            } else if (item instanceof YamlNode.Scalar scalar) {
                line(indent, "- " + scalar(scalar));
            } else if (item instanceof YamlNode.MapNode map && map.items().get(0) instanceof YamlNode.Entry) {
                // The map is written one level in, then its first line takes the dash.
                int start = out.length();
                map(map, indent + STEP);
                out.replace(start, start + indent + STEP, " ".repeat(indent) + "- ");
            } else {
                throw new IllegalArgumentException("a list item must be a scalar or a map that starts with a key");
            }
        }
    }

    private static String scalar(YamlNode.Scalar scalar) {
        return scalar.typed() ? scalar.text() : YamlText.scalar(scalar.text());
    }

    private void line(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
    }
}
