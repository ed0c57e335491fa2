package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one keepalived file into lines of tokens. Comments run from '#' or '!' to the end of the line,
 * wherever they start; quotes ('...' or "...") keep whitespace, braces and comment characters inside a word,
 * and the quote characters themselves are dropped; a backslash ending a line joins the next one. A line that
 * starts with {@code @ID} or {@code @^ID} is kept or dropped by the config id ({@link ConfigId}), as
 * keepalived's read_line (lib/parser.c) does it for the id given with {@code -i}.
 */
final class Lexer {

    /** keepalived's include keyword and its stricter variants: we treat them all alike. */
    static final Set<String> INCLUDES = Set.of("include", "includer", "includem", "includew", "includeb",
            "includea");

    /** U+FEFF: editors on Windows write it first; keepalived does not skip it. */
    private static final char BOM = '\uFEFF';

    private final String file;
    private final ConfigIdLines configIds;
    private final List<Warning> notes;
    private final List<Line> lines = new ArrayList<>();

    private Lexer(String file, ConfigIdLines configIds, List<Warning> notes) {
        this.file = file;
        this.configIds = configIds;
        this.notes = notes;
    }

    /** @param file the name used in places and errors */
    static List<Line> lex(String text, String file) throws ImportException {
        return lex(text, file, new ConfigIdLines(null), new ArrayList<>());
    }

    /**
     * @param configIds the id {@code @ID} lines are read for, and their count
     * @param notes     where warnings about whole lines go (a skipped BOM, a config-id line skipped)
     */
    static List<Line> lex(String text, String file, ConfigIdLines configIds, List<Warning> notes)
            throws ImportException {
        Lexer lexer = new Lexer(file, configIds, notes);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
            notes.add(Warning.note("the file starts with a UTF-8 byte-order mark, skipped; keepalived does not "
                    + "skip it and reads the first keyword as an unknown one, so remove it", new Place(file, 1)));
        }
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

    /**
     * The line without its {@code @ID} when it is for the import's id, else null (skipped). As read_line, a line
     * with nothing after the id is dropped, and the id ends at the first space or tab.
     */
    private String forThisId(String line, Place place) {
        boolean reversed = line.startsWith("@^");
        int start = reversed ? 2 : 1;
        int end = start;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        String id = line.substring(start, end);
        String rest = line.substring(end).strip();
        if (rest.isEmpty()) {
            return null;
        }
        String shown = line.length() > 70 ? line.substring(0, 67) + "..." : line;
        return configIds.reads(id, reversed, shown, place, notes) ? rest : null;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean endsWithContinuation(CharSequence line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private void line(String text, Place place) throws ImportException {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("@")) {
            text = forThisId(trimmed, place);
            if (text == null) {
                return;
            }
        }
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
