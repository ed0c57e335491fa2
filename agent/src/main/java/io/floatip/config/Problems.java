package io.floatip.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found, so one run shows the user all of them. */
final class Problems {

    private record Problem(int line, int column, String text) {
    }

    /**
     * The most problems kept and reported: a hostile or broken file can have hundreds of thousands (200,000
     * unknown keys cost ~17 s and then memory on main); the rest are only counted.
     */
    static final int MAX_REPORTED = 100;

    private final String source;
    private final List<Problem> problems = new ArrayList<>();
    private int dropped;

    Problems(String source) {
        this.source = source;
    }

    /** {@code SOURCE:LINE:COLUMN: PATH: MESSAGE}; an empty path (the document itself) is left out. */
    void at(Mark mark, String path, String message) {
        if (full()) {
            dropped++;
            return;
        }
        String where = source + ":" + mark.line() + ":" + mark.column() + ": ";
        String what = path.isEmpty() ? message : path + ": " + message;
        problems.add(new Problem(mark.line(), mark.column(), where + oneLine(what)));
    }

    /** A problem with the file as a whole, e.g. it cannot be read: {@code SOURCE: MESSAGE}. */
    void file(String message) {
        problems.add(new Problem(0, 0, source + ": " + oneLine(message)));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Enough kept: callers may skip working out a message (a key suggestion) that would only be counted. */
    boolean full() {
        return problems.size() >= MAX_REPORTED;
    }

    /** A problem found while the rest would only be counted: {@code at} does the counting. */
    void skipped() {
        dropped++;
    }

    /** In file order: checks across instances run last but their lines belong where the conflict is. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(Problem::text)
                .toList());
        if (dropped > 0) {
            lines.add(source + ": " + dropped + " more error(s) not shown; fix the ones above first");
        }
        return lines;
    }

    ConfigException toException() {
        return new ConfigException(lines());
    }

    // A message built from user text or a parser could hold a newline; each problem must stay one line.
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
