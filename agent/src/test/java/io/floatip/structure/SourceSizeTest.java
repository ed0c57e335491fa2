package io.floatip.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE: small files that each do one thing; no main source file over 400 lines. */
class SourceSizeTest {
    static final int MAX_LINES = 400;
    static final Path MAIN = Path.of("src/main/java");
    /**
     * Files over the limit today, each to be split and then removed from here (knownExceptionsAreStillOver
     * fails once one is under). None: Router's priority rules moved to router/Priority.
     */
    static final Set<String> KNOWN_OVER = Set.of();

    @Test
    void noMainSourceFileOverTheLimit() throws IOException {
        Map<String, Long> sizes = lineCounts();
        assertTrue(sizes.size() > 50, "expected the main sources under " + MAIN.toAbsolutePath() + ", found " + sizes.size());
        Map<String, Long> over = new TreeMap<>();
        sizes.forEach((file, lines) -> {
            if (lines > MAX_LINES && !KNOWN_OVER.contains(file)) {
                over.put(file, lines);
            }
        });
        assertEquals(Map.of(), over, "main source files over " + MAX_LINES + " lines: split them");
    }

    @Test
    void knownExceptionsAreStillOver() throws IOException {
        Map<String, Long> sizes = lineCounts();
        for (String file : KNOWN_OVER) {
            assertTrue(sizes.getOrDefault(file, 0L) > MAX_LINES,
                    file + " is no longer over " + MAX_LINES + " lines (or gone): remove it from KNOWN_OVER");
        }
    }

    private static Map<String, Long> lineCounts() throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                try (Stream<String> lines = Files.lines(p)) {
                    sizes.put(MAIN.relativize(p).toString().replace('\\', '/'), lines.count());
                }
            }
        }
        return sizes;
    }
}
