package io.floatip.importer;

import io.floatip.config.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's script and notify commands. keepalived takes the first word after the keyword (quotes already
 * gone) and splits it again into the program and its arguments, where quotes group and backslashes escape;
 * floatip gets those same words. keepalived execs them without a shell (keepalived/core/notify.c,
 * system_call_script), so shell syntax reaches the program as words, which a note says; the one exception is a
 * command starting with {@code </}, a test that a file opens, which check_script_secure hands to /bin/sh.
 */
final class Commands {

    static final String SHELL = "/bin/sh";
    static final String CHECK_TCP = "/usr/share/floatip/check-scripts/check_tcp";

    /** Words a shell would read as syntax, not as an argument. */
    private static final Set<String> OPERATORS = Set.of("|", "||", "&&", "&", ";", ">", ">>", "<", "2>", "2>&1",
            ">/dev/null", "2>/dev/null", "&>");

    private Commands() {
    }

    /** The words of {@code statement}'s first argument, or empty after a warning on why floatip cannot run it. */
    static Optional<List<String>> read(Statement statement, Scope scope) {
        String text = statement.arg(0);
        List<String> argv = text == null ? List.of() : split(text);
        if (argv.isEmpty()) {
            scope.notMapped(statement, "no command");
            return Optional.empty();
        }
        String program = argv.get(0);
        if (program.startsWith("<") && program.substring(1).stripLeading().startsWith("/")) {
            return Optional.of(throughShell(statement, argv, scope));
        }
        shellSyntax(statement, argv, scope);
        if (program.isEmpty() || program.indexOf('/') > 0 || argv.stream().anyMatch(w -> w.indexOf('\0') >= 0)) {
            scope.notMapped(statement, "floatip needs the program as a full path or a name found in PATH");
            return Optional.empty();
        }
        return Optional.of(argv);
    }

    /**
     * What keepalived's cmd_str (notify.c) hands to system(): the first word as it is, the others in single
     * quotes; floatip runs the same line with /bin/sh -c.
     */
    private static List<String> throughShell(Statement statement, List<String> argv, Scope scope) {
        StringBuilder line = new StringBuilder(argv.get(0));
        for (String word : argv.subList(1, argv.size())) {
            line.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        String hint = line.indexOf("/dev/tcp/") >= 0 ? "; /dev/tcp is bash's, so where /bin/sh is dash (Debian, "
                + "Ubuntu) this always fails, in keepalived too: use [/bin/bash, -c, ...] or " + CHECK_TCP
                + " HOST PORT" : "";
        scope.note(statement.keyword() + ": keepalived runs a command that starts with '</' through /bin/sh, as "
                + "a test that the file opens; written as " + SHELL + " -c" + hint, statement.place());
        return List.of(SHELL, "-c", line.toString());
    }

    /** keepalived execs the words as they are: say so when some look like shell syntax. */
    private static void shellSyntax(Statement statement, List<String> argv, Scope scope) {
        Optional<String> syntax = argv.stream().skip(1)
                .filter(w -> OPERATORS.contains(w) || w.contains("$(") || w.contains("`") || w.startsWith("</")
                        || w.startsWith(">") || w.startsWith("|"))
                .findFirst();
        if (syntax.isEmpty()) {
            return;
        }
        String hint = argv.stream().anyMatch(w -> w.contains("/dev/tcp/")) ? ", or " + CHECK_TCP + " HOST PORT for "
                + "a TCP check" : "";
        scope.note(statement.keyword() + ": keepalived runs " + argv.get(0) + " without a shell, so '" + syntax.get()
                + "' reaches it as an argument, and floatip does the same; if a shell was meant, write [/bin/bash, "
                + "-c, \"...\"] (in keepalived too)" + hint, statement.place());
    }

    /** keepalived's second split: whitespace separates words, '...' and "..." group, backslash escapes. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = Escapes.decode(text, i, word) - 1;
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The command for floatip's YAML: one string when its words need no quoting (floatip splits it on
     * whitespace), else a list of words, which floatip takes as they are.
     */
    static YamlNode node(List<String> argv) {
        if (new Command(argv).toString().equals(String.join(" ", argv))) {
            return YamlNode.text(String.join(" ", argv));
        }
        YamlNode.ListNode list = new YamlNode.ListNode();
        argv.forEach(word -> list.add(YamlNode.text(word)));
        return list;
    }
}
