package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One file's text into lines of tokens: comments, quotes, escapes, braces and continuations. */
class LexerTest {

    /** Each line as its tokens' texts, braces included. */
    private static List<List<String>> words(String text) throws ImportException {
        return Lexer.lex(text, "k.conf").stream()
                .map(line -> line.tokens().stream().map(Token::text).toList())
                .toList();
    }

    private static List<String> oneLine(String text) throws ImportException {
        List<List<String>> lines = words(text);
        assertEquals(1, lines.size(), () -> "lines: " + lines);
        return lines.get(0);
    }

    @Test
    void wordsAreSeparatedByAnyWhitespace() throws Exception {
        assertEquals(List.of("priority", "150"), oneLine("  priority\t 150  "));
    }

    @Test
    void commentsStartWithHashOrBangAnywhere() throws Exception {
        assertEquals(List.of(List.of("router_id", "lb1"), List.of("priority", "100"), List.of("state")),
                words("# a comment\n! another\nrouter_id lb1 # why\npriority 100! why not\nstate#MASTER\n"));
    }

    @Test
    void quotesKeepWhitespaceAndCommentCharactersAndAreDropped() throws Exception {
        assertEquals(List.of("script", "/x/check.sh --a # b ! c"), oneLine("script \"/x/check.sh --a # b ! c\""));
        assertEquals(List.of("auth_pass", "it's"), oneLine("auth_pass \"it's\""));
        assertEquals(List.of("auth_pass", "a \"b\""), oneLine("auth_pass 'a \"b\"'"));
    }

    @Test
    void quotedPartsJoinTheWordAroundThem() throws Exception {
        // The manual's own example: quotes inside a word do not split it.
        assertEquals(List.of("abcd efg h jkl mnop"), oneLine("abcd\" efg h jkl \"mnop"));
        assertEquals(List.of("abcd", "efg h jkl", "mnop"), oneLine("abcd \"efg h jkl\" mnop"));
        assertEquals(List.of("x", ""), oneLine("x \"\""));
    }

    @Test
    void escapesInsideQuotes() throws Exception {
        assertEquals(List.of("a\tb", "\\", "a\"b", "A", "A", "\u0001", "\u001b", "q"),
                oneLine("\"a\\tb\" \"\\\\\" \"a\\\"b\" \"\\101\" \"\\x41\" \"\\cA\" \"\\E\" \"\\q\""));
    }

    @Test
    void backslashOutsideQuotesIsKept() throws Exception {
        assertEquals(List.of("a\\b"), oneLine("a\\b"));
    }

    @Test
    void bracesAreTokensEvenWhenTouchingWords() throws Exception {
        assertEquals(List.of("vrrp_instance", "VI_1", "{"), oneLine("vrrp_instance VI_1{"));
        assertEquals(List.of("group", "{", "A", "B", "}"), oneLine("group {A B}"));
        assertEquals(List.of("x", "{"), oneLine("x \"{\""));
        assertEquals(List.of(Token.Kind.WORD, Token.Kind.WORD), Lexer.lex("x \"{\"", "k.conf").get(0).tokens()
                .stream().map(Token::kind).toList());
    }

    @Test
    void anIncludePatternKeepsItsBraces() throws Exception {
        assertEquals(List.of("include", "conf.d/{a,b}.conf"), oneLine("include conf.d/{a,b}.conf"));
        assertEquals(List.of("includea", "*.conf"), oneLine("includea *.conf # all of them"));
    }

    @Test
    void aBackslashAtTheEndJoinsTheNextLine() throws Exception {
        List<Line> lines = Lexer.lex("notify_master \\\n  /x/notify.sh\nstate MASTER\n", "k.conf");
        assertEquals(2, lines.size());
        assertEquals(List.of("notify_master", "/x/notify.sh"),
                lines.get(0).tokens().stream().map(Token::text).toList());
        assertEquals(new Place("k.conf", 1), lines.get(0).place());
        assertEquals(new Place("k.conf", 3), lines.get(1).place());
    }

    @Test
    void placesCountEveryLineAndWindowsLineEndsAreIgnored() throws Exception {
        List<Line> lines = Lexer.lex("\r\n# c\r\n\r\nrouter_id lb1\r\n", "k.conf");
        assertEquals(1, lines.size());
        assertEquals(List.of("router_id", "lb1"), lines.get(0).tokens().stream().map(Token::text).toList());
        assertEquals(4, lines.get(0).place().line());
    }

    @Test
    void anUnclosedQuoteIsAnErrorWithItsLine() {
        ImportException e = assertThrows(ImportException.class,
                () -> Lexer.lex("vrrp_script chk {\n  script \"/x/check.sh\n}\n", "k.conf"));
        assertEquals("k.conf:2: the \" quote is never closed on this line", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsSkippedWithANote() throws Exception {
        List<Warning> notes = new ArrayList<>();
        List<Line> lines = Lexer.lex("\uFEFFvrrp_instance VI_1 {\n}\n", "k.conf", new ConfigIdLines(null), notes);
        assertEquals("vrrp_instance", lines.get(0).firstWord());
        assertEquals(1, notes.size());
        assertFalse(notes.get(0).leftOut());
        assertEquals(new Place("k.conf", 1), notes.get(0).place());
    }

    @Test
    void configIdLinesAreKeptForTheirIdOnly() throws Exception {
        String text = "@a priority 1\n  @b priority 2\n@^a nopreempt\n@a\nstate BACKUP\n@\tx\n";
        List<Warning> notes = new ArrayList<>();
        assertEquals(List.of(List.of("priority", "1"), List.of("state", "BACKUP")), texts(text, "a", notes));
        assertEquals(List.of(2, 3, 6), notes.stream().map(n -> n.place().line()).toList(),
                "@b, @^a and '@ x' (an empty id) skipped; '@a' alone is nothing, as in read_line");
        assertTrue(notes.stream().noneMatch(Warning::leftOut), "a line for another node is not a loss");
        assertEquals("@^a nopreempt: skipped: keepalived reads it with every config id but a, and this import is "
                + "for a", notes.get(1).text());
        notes.clear();
        assertEquals(List.of(List.of("priority", "2"), List.of("nopreempt"), List.of("state", "BACKUP")),
                texts(text, "b", notes));
        assertEquals(List.of(1, 6), notes.stream().map(n -> n.place().line()).toList());
        assertEquals(List.of(List.of("nopreempt"), List.of("state", "BACKUP")),
                Lexer.lex(text, "k.conf").stream().map(line -> line.tokens().stream().map(Token::text).toList())
                        .toList(), "without an id, as keepalived without one: only @^ lines");
    }

    private static List<List<String>> texts(String text, String id, List<Warning> notes) throws ImportException {
        return Lexer.lex(text, "k.conf", new ConfigIdLines(ConfigId.chosen(id)), notes).stream()
                .map(line -> line.tokens().stream().map(Token::text).toList()).toList();
    }
}
