package io.floatip.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command written as one string into words, and writes words back the same way. Quotes group
 * words ('...' and "..." alike, no escapes inside); nothing else is interpreted, because the words go
 * straight to exec, never to a shell.
 */
final class CommandWords {

    /** Shell syntax that would silently reach the program as plain text; refused so nobody relies on it. */
    static final String SHELL_SYNTAX = "$`|;&<>\\";

    private CommandWords() {
    }

    /** @throws IllegalArgumentException with a message fit to show the user after the field's path */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int quoteAt = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                quoteAt = i;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (SHELL_SYNTAX.indexOf(c) >= 0) {
                throw new IllegalArgumentException("contains '" + c + "' outside quotes, but commands run without "
                        + "a shell; put shell syntax in a script, or quote the word to pass it as it is");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the " + quote + " at character " + (quoteAt + 1) + " is never closed; "
                    + "close it, or write the command as a list of words");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The word as {@link #split} reads it back: bare when it can be, else in single quotes. */
    static String quote(String word) {
        boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c)
                || c == '\'' || c == '"' || SHELL_SYNTAX.indexOf(c) >= 0);
        // A ' cannot appear inside '...', so it is closed, given in "...", and reopened; split joins the parts.
        return plain ? word : "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
