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

    @Test
    void theFilesAreWrittenTheSameEachTimeAndTheCompletionKnowsDoctor() throws Exception {
        GenerateDocs.write(dir.resolve("a"));
        GenerateDocs.write(dir.resolve("b"));
        for (String name : List.of("floatip.bash", "floatip.1.gz")) {
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
