package io.floatip.importer;

import io.floatip.config.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's script and notify commands. keepalived takes the first word after the keyword (quotes already
 * gone) and splits it again into the program and its arguments, where quotes group and backslashes escape;
 * floatip gets those same words.
 */
final class Commands {

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
        if (program.isEmpty() || program.indexOf('/') > 0 || argv.stream().anyMatch(w -> w.indexOf('\0') >= 0)) {
            scope.notMapped(statement, "floatip needs the program as a full path or a name found in PATH");
            return Optional.empty();
        }
        return Optional.of(argv);
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
