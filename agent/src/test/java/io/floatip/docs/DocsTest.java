package io.floatip.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import io.floatip.lab.HostTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man page and the completion script, from the real command model. */
class DocsTest {

    @TempDir
    Path dir;

    @Test
    void roffEscapesWhatRoffWouldInterpret() {
        assertEquals("\\-\\-listen", Roff.text("--listen"));
        assertEquals("a\\eb", Roff.text("a\\b"));
        assertEquals("\\&.PP is text\n\\&'quoted", Roff.text(".PP is text\n'quoted"));
        assertEquals("\\fB\\-c\\fR", Roff.bold("-c"));
    }

    @Test
    void everyCommandAndOptionIsInThePage() {
        CommandLine floatip = new CommandLine(new Main());
        String page = ManPage.render(floatip, "1.2.3");
        assertTrue(page.startsWith(".TH FLOATIP 1 \"\" \"floatip 1.2.3\" \"User Commands\"\n"), page);
        for (CommandLine sub : ManPage.commands(floatip)) {
            assertTrue(page.contains(".SS \\fBfloatip " + sub.getCommandName().replace("-", "\\-") + "\\fR\n"),
                    sub.getCommandName());
        }
        assertTrue(page.contains(".SS \\fBfloatip doctor\\fR\n"), page);
        assertTrue(page.contains("\\fB\\-\\-listen\\fR \\fISECONDS\\fR\nHow long to listen"), page);
        assertTrue(page.contains("(default: 3)."), page);
        assertFalse(page.contains("%n") || page.contains("${"), page);
        for (String signal : List.of("SIGTERM, SIGINT", "SIGHUP", "SIGQUIT")) {
            assertTrue(page.contains(".TP\n\\fB" + signal + "\\fR\n"), signal); // every signal the agent takes
        }
    }

    @Test
    void groffRendersItWithoutAWarning() throws Exception {
        // Not skipped under CI: scripts/deps.sh installs groff-base for the tests.
        Path groffBinary = HostTests.requireTool("groff", "groff-base");
        Path page = Files.writeString(dir.resolve("floatip.1"), ManPage.render(new CommandLine(new Main()), "1.2.3"));
        Process groff = new ProcessBuilder(groffBinary.toString(), "-man", "-Tutf8", "-ww", "-z", page.toString())
                .redirectErrorStream(true).start();
        String out = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, groff.waitFor());
        assertEquals("", out);
    }

    static final Path CONFIG_PAGE = Path.of("src/main/man/floatip.yaml.5");

    /** floatip.yaml(5) is written by hand: it must name every key the loader takes, each as a term of its own. */
    @Test
    void theConfigPageNamesEveryKeyTheLoaderTakes() throws Exception {
        String page = Files.readString(CONFIG_PAGE);
        assertTrue(page.startsWith(".TH FLOATIP.YAML 5 "), page);
        java.util.Map<String, List<String>> schema = SchemaKeys.bySection();
        assertTrue(schema.size() >= 12 && schema.get("instances.VI_1").contains("preempt_delay"), schema.toString());
        List<String> missing = new java.util.ArrayList<>();
        schema.forEach((section, keys) -> keys.forEach(key -> {
            // A top-level key is a section heading; the others are terms (.B key) or, inside a map, \fBkey\fR.
            String asHeading = ".SH " + key.toUpperCase(java.util.Locale.ROOT);
            if (!page.contains(asHeading + "\n") && !page.contains(".B " + key + "\n")
                    && !page.contains("\\fB" + key + "\\fR")) {
                missing.add(section + "." + key);
            }
        }));
        assertEquals(List.of(), missing, "keys the loader takes that floatip.yaml(5) does not describe");
    }

    @Test
    void groffRendersTheConfigPageWithoutAWarning() throws Exception {
        Path groffBinary = HostTests.requireTool("groff", "groff-base");
        Process groff = new ProcessBuilder(groffBinary.toString(), "-man", "-Tutf8", "-ww", "-z", CONFIG_PAGE.toString())
                .redirectErrorStream(true).start();
        String out = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, groff.waitFor());
        assertEquals("", out);
    }

    @Test
    void theFilesAreWrittenTheSameEachTimeAndTheCompletionKnowsDoctor() throws Exception {
        GenerateDocs.write(dir.resolve("a"), CONFIG_PAGE);
        GenerateDocs.write(dir.resolve("b"), CONFIG_PAGE);
        for (String name : List.of("floatip.bash", "floatip.1.gz", "floatip.yaml.5.gz")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)),
                    Files.readAllBytes(dir.resolve("b").resolve(name)), name);
        }
        String bash = Files.readString(dir.resolve("a/floatip.bash"));
        assertTrue(bash.contains("doctor") && bash.contains("--listen") && bash.contains("check-config"), bash);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("a/floatip.1.gz")))) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith(".TH FLOATIP 1"));
        }
        assertBashAccepts(dir.resolve("a/floatip.bash"));
    }

    private static void assertBashAccepts(Path script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "source \"$1\" && complete -p floatip", "bash", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        assertTrue(out.contains("_complete_floatip floatip"), out);
    }
}
