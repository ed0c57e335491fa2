package io.floatip.importer;

/**
 * Backslash escapes inside keepalived's quoted strings, as its manual lists them: the C letters, \E for ESC,
 * up to three octal digits, \x and hex digits, \cC for a control character, and any other character taken
 * as itself (so \\ and \" are a backslash and a quote).
 */
final class Escapes {

    private Escapes() {
    }

    /**
     * Decodes the escape whose backslash is at {@code at} and appends its character to {@code out}.
     *
     * @return the index just after the escape
     */
    static int decode(String text, int at, StringBuilder out) {
        int i = at + 1;
        if (i >= text.length()) {
            out.append('\\');
            return i;
        }
        char c = text.charAt(i);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'E' -> out.append('\u001b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> {
                return number(text, i + 1, 16, 2, out, "x");
            }
            case 'c' -> {
                if (i + 1 < text.length()) {
                    out.append((char) (text.charAt(i + 1) & 0x1f));
                    return i + 2;
                }
                out.append('c');
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    return number(text, i, 8, 3, out, "");
                }
                out.append(c);
            }
        }
        return i + 1;
    }

    /** Up to {@code max} digits in {@code radix}; with none at all, {@code bare} stands for the escape. */
    private static int number(String text, int from, int radix, int max, StringBuilder out, String bare) {
        int end = from;
        while (end < text.length() && end - from < max && Character.digit(text.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == from) {
            out.append(bare);
            return end;
        }
        out.append((char) (Integer.parseInt(text.substring(from, end), radix) & 0xff));
        return end;
    }
}
