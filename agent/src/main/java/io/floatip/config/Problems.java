package io.floatip.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found, so one run shows the user all of them. */
final class Problems {

    private record Problem(int line, int column, String text) {
    }

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    /** {@code SOURCE:LINE:COLUMN: PATH: MESSAGE}; an empty path (the document itself) is left out. */
    void at(Mark mark, String path, String message) {
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

    /** In file order: checks across instances run last but their lines belong where the conflict is. */
    List<String> lines() {
        return problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(Problem::text)
                .toList();
    }

    ConfigException toException() {
        return new ConfigException(lines());
    }

    // A message built from user text or a parser could hold a newline; each problem must stay one line.
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
