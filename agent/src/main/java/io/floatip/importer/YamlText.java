package io.floatip.importer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a string as a YAML scalar that reads back as that same string: bare when it plainly can, else in
 * double quotes with escapes. Bare is kept to a safe subset: no ':' or '#' (which could start a key or a
 * comment), no leading indicator, and nothing YAML would read as a number, a boolean or null.
 */
final class YamlText {

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./@%+=, -]*");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9A-Fa-f_]+|0o?[0-7_]+|0b[01_]+");
    private static final Set<String> WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private YamlText() {
    }

    static String scalar(String text) {
        boolean bare = BARE.matcher(text).matches() && !text.endsWith(" ") && !text.contains("  ")
                && !NUMBER.matcher(text).matches() && !WORDS.contains(text.toLowerCase(Locale.ROOT));
        return bare ? text : quoted(text);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
