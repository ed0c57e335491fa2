package io.floatip.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands an include pattern the way glob(3) does for keepalived: '*', '?', '[...]' and '{a,b}' within one
 * path component, hidden files only for a component that starts with '.', results sorted.
 */
final class Glob {

    private static final String SPECIAL = "*?[{";

    private Glob() {
    }

    static boolean isPattern(String text) {
        return text.chars().anyMatch(c -> SPECIAL.indexOf(c) >= 0);
    }

    /**
     * The paths {@code pattern} names, relative ones resolved against {@code base} (null: the current directory).
     * A pattern without wildcards names its one path, whether it exists or not; with wildcards, only the regular
     * files that exist.
     */
    static List<Path> expand(Path base, String pattern) throws IOException {
        Path written = Path.of(pattern);
        Path start = written.isAbsolute() ? written.getRoot() : base;
        if (!isPattern(pattern)) {
            return List.of(start == null ? written : start.resolve(written));
        }
        List<Path> current = new ArrayList<>();
        current.add(start);
        for (Path part : written) {
            String segment = part.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!isPattern(segment)) {
                    next.add(dir == null ? part : dir.resolve(segment));
                } else {
                    next.addAll(matches(dir, segment));
                }
            }
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    }

    private static List<Path> matches(Path dir, String segment) throws IOException {
        Path listed = dir == null ? Path.of(".") : dir;
        if (!Files.isDirectory(listed)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment);
        boolean hidden = segment.startsWith(".");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(listed)) {
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if ((hidden || !name.toString().startsWith(".")) && matcher.matches(name)) {
                    found.add(dir == null ? name : dir.resolve(name));
                }
            }
        }
        return found;
    }
}
