package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one keepalived file into lines of tokens. Comments run from '#' or '!' to the end of the line,
 * wherever they start; quotes ('...' or "...") keep whitespace, braces and comment characters inside a word,
 * and the quote characters themselves are dropped; a backslash ending a line joins the next one.
 */
final class Lexer {

    /** keepalived's include keyword and its stricter variants: we treat them all alike. */
    static final Set<String> INCLUDES = Set.of("include", "includer", "includem", "includew", "includeb",
            "includea");

    private final String file;
    private final List<Line> lines = new ArrayList<>();

    private Lexer(String file) {
        this.file = file;
    }

    /** @param file the name used in places and errors */
    static List<Line> lex(String text, String file) throws ImportException {
        Lexer lexer = new Lexer(file);
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            int first = i;
            StringBuilder joined = new StringBuilder(strip(raw[i]));
            while (endsWithContinuation(joined) && i + 1 < raw.length) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(strip(raw[++i]));
            }
            lexer.line(joined.toString(), new Place(file, first + 1));
        }
        return lexer.lines;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean endsWithContinuation(CharSequence line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private void line(String text, Place place) throws ImportException {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        // An include pattern may hold csh braces ({a,b}); only there are braces part of a word.
        boolean bracesInWords = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\') {
                    i = Escapes.decode(text, i, word) - 1;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '#' || c == '!') {
                break;
            } else if (Character.isWhitespace(c) || (!bracesInWords && (c == '{' || c == '}'))) {
                if (inWord) {
                    tokens.add(Token.word(word.toString()));
                    bracesInWords |= tokens.size() == 1 && INCLUDES.contains(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '{') {
                    tokens.add(Token.OPEN);
                } else if (c == '}') {
                    tokens.add(Token.CLOSE);
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ImportException(place, "the " + quote + " quote is never closed on this line");
        }
        if (inWord) {
            tokens.add(Token.word(word.toString()));
        }
        if (!tokens.isEmpty()) {
            lines.add(new Line(tokens, place));
        }
    }
}
