package io.floatip.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program and its arguments, run directly (no shell). Named Command, not CommandLine, to stay clear of
 * picocli's class of that name.
 *
 * @param argv the program first, then its arguments; once a config is loaded with host checks, the program
 *             is a full path (a bare name is replaced by where it was found), so what was checked is what runs
 */
public record Command(List<String> argv) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        if (argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("the program (the first word) must not be empty");
        }
        // exec takes C strings: a NUL would cut the word short.
        if (argv.stream().anyMatch(word -> word.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("must not contain a NUL character");
        }
    }

    /**
     * Splits {@code text} on whitespace; '...' or "..." keep a word together. No variables, globbing or escapes.
     *
     * @throws IllegalArgumentException with a message fit to show the user after the field's path
     */
    public static Command parse(String text) {
        List<String> words = CommandWords.split(text);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("is empty; give the program to run and its arguments");
        }
        return new Command(words);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public String program() {
        return argv.get(0);
    }

    /** The same arguments for another program: the full path the bare name was found at. */
    Command withProgram(String program) {
        List<String> words = new ArrayList<>(argv);
        words.set(0, program);
        return new Command(words);
    }

    /** The words as they could be written in the config again, e.g. {@code /etc/floatip/notify.sh 'a b'}. */
    @Override
    public String toString() {
        return argv.stream().map(CommandWords::quote).collect(Collectors.joining(" "));
    }
}
