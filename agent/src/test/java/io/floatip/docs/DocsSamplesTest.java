package io.floatip.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Samples of the operator docs that are neither a command line nor a check-config summary: every marker names a
 * check some test makes (so a sample cannot look checked and be read by none), and every import sample is what
 * {@code floatip import-keepalived} prints for the keepalived.conf shown before it.
 */
class DocsSamplesTest {

    /** Every marker a docs test reads, and the test that reads it. */
    private static final Map<Pattern, String> MARKERS = Map.of(
            Pattern.compile("(config|yaml) [\\w-]+"), "DocsCommandsTest (loaded; a yaml block for its errors)",
            Pattern.compile("check-config \\S+ as \\S+"), "DocsCommandsTest",
            Pattern.compile("(log|status|doctor)"), "DocsRunTest",
            Pattern.compile("(log|status) dual-stack|log cloud-unicast"), "DocsExamplesRunTest",
            Pattern.compile("(keepalived|import) [\\w-]+"), "DocsSamplesTest",
            Pattern.compile("script-safety"), "config.ReferenceScriptSafetyTest",
            Pattern.compile("config reference"), "ReferenceConfigTest");

    @TempDir
    Path dir;

    @Test
    void everyMarkerIsOneATestReads() {
        List<String> unread = new ArrayList<>();
        int markers = 0;
        for (Markdown.Block b : Markdown.blocks(Markdown.operatorDocs())) {
            if (b.marker() == null) {
                continue;
            }
            markers++;
            if (MARKERS.keySet().stream().noneMatch(p -> p.matcher(b.marker()).matches())) {
                unread.add(b.where() + ": <!-- check: " + b.marker() + " --> is read by no test");
            }
        }
        assertEquals(List.of(), unread);
        assertTrue(markers >= 20, "markers found: " + markers);
    }

    @Test
    void everyImportSampleIsWhatTheImportPrints() throws Exception {
        List<Markdown.Block> blocks = Markdown.blocks(Markdown.operatorDocs());
        Map<String, Markdown.Block> confs = blocks.stream()
                .filter(b -> b.marker() != null && b.marker().startsWith("keepalived "))
                .collect(Collectors.toMap(b -> b.marker().substring("keepalived ".length()), b -> b));
        List<String> problems = new ArrayList<>();
        int samples = 0;
        for (Markdown.Block sample : blocks) {
            if (sample.marker() == null || !sample.marker().startsWith("import ")) {
                continue;
            }
            samples++;
            String name = sample.marker().substring("import ".length());
            Markdown.Block conf = confs.get(name);
            List<String> command = List.of(Markdown.commands(sample).get(0).split("\\s+"));
            if (conf == null || !command.get(0).equals("floatip") || !command.get(1).equals("import-keepalived")) {
                problems.add(sample.where() + ": write <!-- check: keepalived " + name + " --> before the file and "
                        + "$ floatip import-keepalived FILE in the sample");
                continue;
            }
            Path folder = Files.createDirectories(dir.resolve(name));
            String file = command.get(command.size() - 1);
            Files.writeString(folder.resolve(file), String.join("\n", conf.lines()) + "\n");
            List<String> args = new ArrayList<>(command.subList(1, command.size() - 1));
            args.add(folder.resolve(file).toString());
            List<String> printed = run(args).stream().map(l -> l.replace(folder + "/", "")).toList();
            if (!printed.equals(Markdown.output(sample))) {
                problems.add(sample.where() + ": floatip import-keepalived prints\n" + String.join("\n", printed)
                        + "\nthe sample shows\n" + String.join("\n", Markdown.output(sample)));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(samples >= 1, "import samples found: " + samples);
    }

    /** floatip ARGS in-process: what it writes to stdout, then what it writes to stderr, as lines. */
    private static List<String> run(List<String> args) {
        CommandLine floatip = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        floatip.setOut(new PrintWriter(out, true));
        floatip.setErr(new PrintWriter(err, true));
        floatip.execute(args.toArray(String[]::new));
        List<String> lines = new ArrayList<>(out.toString().lines().toList());
        lines.addAll(err.toString().lines().toList());
        return lines;
    }
}
