package io.floatip.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operator docs as the docs tests read them: fenced blocks with their language tag and the
 * {@code <!-- check: ... -->} marker on the line before, and inline code spans. A sample a test checks is a
 * fenced block tagged {@code console} with a marker saying what it is checked against.
 */
public final class Markdown {
    /** The repository's top, from the module's directory (where Maven runs the tests). */
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern MARKER = Pattern.compile("^<!-- check: (.+?) -->$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    /**
     * @param marker what the line before the fence says after "check: ", or null
     * @param line   the 1-based line of the opening fence, for messages
     */
    public record Block(Path file, int line, String language, String marker, List<String> lines) {
        public String where() {
            return REPO.relativize(file) + ":" + line;
        }
    }

    private Markdown() {
    }

    /** The files the docs tests hold to the program: what an operator reads. */
    public static List<Path> operatorDocs() {
        List<Path> files = new ArrayList<>(List.of(REPO.resolve("README.md"), REPO.resolve("REFERENCE.md"),
                REPO.resolve("CONTRIBUTING.md"), REPO.resolve("examples/README.md")));
        try (Stream<Path> dirs = Files.list(REPO.resolve("examples"))) {
            dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Block> blocks(Path file) {
        List<String> text = lines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (!line.startsWith("```")) {
                continue;
            }
            String language = line.substring(3).strip();
            String marker = null;
            if (i > 0) {
                Matcher m = MARKER.matcher(text.get(i - 1).strip());
                marker = m.matches() ? m.group(1) : null;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < text.size() && !text.get(i).strip().equals("```"); i++) {
                body.add(text.get(i));
            }
            blocks.add(new Block(file, start + 1, language, marker, body));
        }
        return blocks;
    }

    public static List<Block> blocks(List<Path> files) {
        List<Block> all = new ArrayList<>();
        files.forEach(f -> all.addAll(blocks(f)));
        return all;
    }

    /** Every inline code span outside fenced blocks, with its file and line. */
    public static List<Block> codeSpans(Path file) {
        List<String> text = lines(file);
        List<Block> spans = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = CODE_SPAN.matcher(line);
            while (m.find()) {
                spans.add(new Block(file, i + 1, "span", null, List.of(m.group(1))));
            }
        }
        return spans;
    }

    /** A console block's output lines: every line that is not a `$ ` command. */
    public static List<String> output(Block block) {
        return block.lines().stream().filter(l -> !l.startsWith("$ ")).toList();
    }

    /** A console block's commands, without the `$ `. */
    public static List<String> commands(Block block) {
        return block.lines().stream().filter(l -> l.startsWith("$ ")).map(l -> l.substring(2)).toList();
    }

    /**
     * A sample line as the docs tests compare it to the program's: without the log's UTC stamp; with dates,
     * numbers and durations as placeholders (they differ from run to run); the host name, config paths and a
     * script's own words after its exit code left out; runs of spaces as one (table columns are as wide as
     * their widest cell).
     */
    public static String normal(String line) {
        String s = line.strip();
        s = s.replaceFirst("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ", "");
        s = s.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "DATE");
        s = s.replaceAll("^floatip (\\S+) on \\S+, pid", "floatip VERSION on HOST, pid");
        s = s.replaceAll("config /\\S+?, ", "config FILE, ");
        s = s.replaceAll("^(OK|WARN|FAIL)( +)config: /\\S+?: ", "$1$2config: FILE: ");
        s = s.replaceAll("control socket /\\S+?, ", "control socket SOCKET, ");
        s = s.replaceAll("exit (\\d+)(: [^;)]*)?", "exit $1");
        s = s.replaceAll("\\d+", "#");
        s = s.replaceAll("#(ms|s|m|h|d)(#(ms|s|m|h))*\\b", "#t");
        s = s.replaceAll("\\s{2,}", " ");
        return s;
    }

    /** Whether a sample line says what the program's line says: equal once normal, or its start before "...". */
    public static boolean matches(String sample, String real) {
        String want = normal(sample);
        String got = normal(real);
        if (want.endsWith("...")) {
            return got.startsWith(want.substring(0, want.length() - 3).strip());
        }
        return want.equals(got);
    }
}
