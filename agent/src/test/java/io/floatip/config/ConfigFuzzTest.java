package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The config loader under mutated input: truncations, deleted and inserted characters, YAML punctuation in
 * odd places, lines swapped and repeated, numbers at their edges. Whatever the bytes, it either loads or
 * throws {@link ConfigException} whose every line names the file; nothing else may escape. Seeded, bounded
 * in count and time. Inputs that once failed are kept in src/test/resources/fuzz/config/ and replayed.
 */
class ConfigFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/fuzz/config");
    static final String[] NOISE = {":", "- ", "[", "]", "{", "}", "'", "\"", "\n", " ", "  ", "\t", "#", "&a",
            "*a", "!!str ", "<<: ", "0", "-1", "256", "65536", "99999999999999999999", "1.5", "ms", "s", "0s",
            "::", "/", "/129", "fe80::1", "2001:db8::", "null", "~", "true", "yes", "\u00e4", "\u0000", "%", "@",
            "---\n", "...\n", "|\n", ">\n"};

    @Test
    void mutatedExamplesLoadOrFailWithOneLineErrors() throws IOException {
        List<String> seeds = seeds();
        Random random = new Random(20261121);
        long deadline = System.nanoTime() + 8_000_000_000L;
        int runs = 0;
        while (runs < 20_000 && System.nanoTime() < deadline) {
            String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            check(input, "seed 20261121 run " + runs);
            runs++;
        }
        System.out.println("[fuzz] config loader: " + runs + " mutated inputs");
        assertTrue(runs >= 1000, "ran too few inputs to mean anything: " + runs);
    }

    @Test
    void inputsThatOnceFailedStillLoadOrFailCleanly() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                check(Files.readString(f), f.toString());
            }
        }
    }

    static void check(String input, String what) {
        try {
            ConfigLoader.parseWithoutHostChecks(input, "fuzz.yaml");
        } catch (ConfigException e) {
            for (String line : e.errors()) {
                if (!line.startsWith("fuzz.yaml") || line.contains("\n") || line.contains("Exception")) {
                    fail(what + ": not a one-line error naming the file: " + line + "\n--- input ---\n" + input);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            save(input);
            throw new AssertionError(what + ": " + e + "\n--- input ---\n" + input, e);
        }
    }

    /** A failing input goes into the corpus (commit it with the fix). */
    static void save(String input) {
        try {
            Files.writeString(CORPUS.resolve("failed-" + Integer.toHexString(input.hashCode()) + ".yaml"), input);
        } catch (IOException ignored) {
            // the assertion error carries the input anyway
        }
    }

    static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(f));
            }
        }
        return seeds;
    }

    static String mutate(String text, Random r) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(6)) {
                case 0 -> s.setLength(at);                                      // truncate
                case 1 -> s.deleteCharAt(at);                                   // delete a character
                case 2 -> s.insert(at, NOISE[r.nextInt(NOISE.length)]);         // insert punctuation or a value
                case 3 -> {                                                     // repeat a line
                    int start = s.lastIndexOf("\n", at) + 1;
                    int end = s.indexOf("\n", at);
                    if (end > start) {
                        s.insert(start, s.substring(start, end + 1));
                    }
                }
                case 4 -> {                                                     // replace a number
                    int d = s.indexOf("1", at);
                    if (d >= 0) {
                        s.replace(d, d + 1, NOISE[16 + r.nextInt(5)]);
                    }
                }
                default -> {                                                    // swap two lines
                    String[] lines = s.toString().split("\n", -1);
                    int a = r.nextInt(lines.length);
                    int b = r.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    s = new StringBuilder(String.join("\n", lines));
                }
            }
        }
        return s.toString();
    }
}
