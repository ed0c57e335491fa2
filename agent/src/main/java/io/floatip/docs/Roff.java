package io.floatip.docs;

/** Text made safe for roff's man macros. */
final class Roff {

    private Roff() {
    }

    /**
     * Escapes a run of text: a backslash is roff's escape character, '-' would become a hyphen that copy and paste
     * breaks (option names must stay ASCII minus signs), and a line starting with '.' or '\'' would be a request.
     */
    static String text(String s) {
        String escaped = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }

    static String bold(String s) {
        return "\\fB" + text(s) + "\\fR";
    }

    static String italic(String s) {
        return "\\fI" + text(s) + "\\fR";
    }
}
