package io.floatip.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Reads a keepalived config and every file it includes, spliced in where the include line was (as keepalived
 * does, so a block may open in one file and close in another). A relative include is relative to the directory
 * of the file that includes it.
 */
final class IncludeReader {

    /** Deeper than any real config; stops a runaway through links that cycle detection would miss. */
    static final int MAX_DEPTH = 32;

    /** @param notes includes that matched nothing (legal, but worth a word), a skipped BOM, config-id lines */
    record Result(List<Line> lines, List<Warning> notes) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<Warning> notes = new ArrayList<>();
    /** The files being read, outermost last: real paths to find cycles, names to show them. */
    private final Deque<Path> open = new ArrayDeque<>();
    private final Deque<String> openNames = new ArrayDeque<>();

    private final ConfigIdLines configIds;

    private IncludeReader(ConfigId configId) {
        this.configIds = new ConfigIdLines(configId);
    }

    static Result read(Path file) throws ImportException {
        return read(file, null);
    }

    /** @param configId the config id {@code @ID} lines are read for; null: keepalived without one */
    static Result read(Path file, ConfigId configId) throws ImportException {
        IncludeReader reader = new IncludeReader(configId);
        reader.file(file, null);
        List<Warning> notes = new ArrayList<>();
        reader.configIds.summary().ifPresent(notes::add);
        notes.addAll(reader.notes);
        return new Result(List.copyOf(reader.lines), List.copyOf(notes));
    }

    /** @param from the include line, or null for the file the user named */
    private void file(Path path, Line from) throws ImportException {
        String name = path.toString();
        Path real;
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw failure(from, name, "is a directory");
            }
            real = path.toRealPath();
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw failure(from, name, "no such file");
        } catch (AccessDeniedException e) {
            throw failure(from, name, "permission denied");
        } catch (IOException e) {
            throw failure(from, name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (open.contains(real)) {
            List<String> chain = new ArrayList<>(openNames);
            Collections.reverse(chain);
            chain.add(name);
            throw new ImportException(from.place(), "include cycle: " + String.join(" -> ", chain));
        }
        if (open.size() >= MAX_DEPTH) {
            throw new ImportException(from.place(), "includes nest more than " + MAX_DEPTH + " deep");
        }
        open.push(real);
        openNames.push(name);
        // Not UTF-8 is possible in old comments; a replaced character there does no harm.
        for (Line line : Lexer.lex(new String(bytes, StandardCharsets.UTF_8), name, configIds, notes)) {
            if (Lexer.INCLUDES.contains(line.firstWord())) {
                include(line, path);
            } else {
                lines.add(line);
            }
        }
        open.pop();
        openNames.pop();
    }

    private void include(Line line, Path from) throws ImportException {
        List<Token> tokens = line.tokens();
        if (tokens.size() != 2 || !tokens.get(1).isWord() || tokens.get(1).text().isEmpty()) {
            throw new ImportException(line.place(), line.firstWord() + " takes one file name or pattern");
        }
        String pattern = tokens.get(1).text();
        List<Path> matches;
        try {
            matches = Glob.expand(from.getParent(), pattern);
        } catch (IOException | InvalidPathException e) {
            throw new ImportException(line.place(), line.firstWord() + " " + pattern + ": " + e.getMessage());
        }
        if (matches.isEmpty()) {
            notes.add(Warning.note(line.firstWord() + " " + pattern + " matched no file", line.place()));
        }
        for (Path match : matches) {
            file(match, line);
        }
    }

    private static ImportException failure(Line from, String name, String why) {
        return from == null ? new ImportException(name, "cannot read: " + why)
                : new ImportException(from.place(), "cannot read " + name + ": " + why);
    }
}
