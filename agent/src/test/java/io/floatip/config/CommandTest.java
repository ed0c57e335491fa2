package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command string is split into words like a shell would split it, and nothing more. */
class CommandTest {

    private static List<String> words(String text) {
        return Command.parse(text).argv();
    }

    private static String problem(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Command.parse(text)).getMessage();
    }

    @Test
    void splitsOnAnyWhitespace() {
        assertEquals(List.of("/etc/floatip/notify.sh", "master", "now"), words("  /etc/floatip/notify.sh\tmaster   now "));
    }

    @Test
    void quotesKeepAWordTogetherAndJoinWithTheirNeighbours() {
        assertEquals(List.of("/x", "a b", "c d", "ef gh", ""), words("/x 'a b' \"c d\" e'f g'h ''"));
        assertEquals(List.of("/x", "say \"hi\"", "it's"), words("/x 'say \"hi\"' \"it's\""));
    }

    @Test
    void nothingInsideQuotesIsInterpreted() {
        assertEquals(List.of("/x", "$HOME", "a\\b", "*.conf", "|"), words("/x '$HOME' 'a\\b' *.conf \"|\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "`", "|", ";", "&", "<", ">", "\\"})
    void shellSyntaxOutsideQuotesIsRefused(String c) {
        assertEquals("contains '" + c + "' outside quotes, but commands run without a shell; put shell syntax in a "
                + "script, or quote the word to pass it as it is", problem("/x a" + c + "b"));
    }

    @Test
    void unclosedQuoteNamesWhereItOpened() {
        assertEquals("the \" at character 4 is never closed; close it, or write the command as a list of words",
                problem("/x \"a b"));
    }

    @Test
    void blankIsEmpty() {
        assertEquals("is empty; give the program to run and its arguments", problem(" \t "));
        assertEquals("the program (the first word) must not be empty", problem("'' --flag"));
    }

    @Test
    void recordRefusesWhatCannotBeRun() {
        assertThrows(IllegalArgumentException.class, () -> new Command(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Command.of("", "a"));
        assertThrows(IllegalArgumentException.class, () -> Command.of("/x", "a\0b"));
        assertThrows(NullPointerException.class, () -> new Command(java.util.Arrays.asList("/x", null)));
    }

    @Test
    void printsWordsSoTheyParseBackTheSame() {
        Command command = Command.of("/x", "a b", "", "it's", "say \"hi\"", "$HOME", "plain", "tab\there");
        assertEquals("/x 'a b' '' 'it'\"'\"'s' 'say \"hi\"' '$HOME' plain 'tab\there'", command.toString());
        assertEquals(command, Command.parse(command.toString()));
    }

    @Test
    void programIsTheFirstWord() {
        assertEquals("/etc/floatip/notify.sh", Command.parse("/etc/floatip/notify.sh master").program());
        assertEquals(Command.of("/usr/bin/check", "-v"), Command.of("check", "-v").withProgram("/usr/bin/check"));
    }
}
