package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Includes: relative to the including file, globs in order, nesting, cycles, and files that cannot be read. */
class IncludeReaderTest {

    static final Path CORPUS = Path.of("src/test/resources/keepalived");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Each line as "FILE-NAME:LINE first-word". */
    private static List<String> lines(IncludeReader.Result result) {
        return result.lines().stream()
                .map(l -> Path.of(l.place().file()).getFileName() + ":" + l.place().line() + " " + l.firstWord())
                .toList();
    }

    private static String error(Path file) {
        return assertThrows(ImportException.class, () -> IncludeReader.read(file)).getMessage();
    }

    @Test
    void theCorpusGlobAndItsNestedInclude() throws Exception {
        IncludeReader.Result result = IncludeReader.read(CORPUS.resolve("includes/keepalived.conf"));
        // conf.d/*.conf in name order, 20-checks.conf's ../scripts/checks.inc spliced where it is; notes.txt not.
        assertEquals(List.of("10-global.conf:1 global_defs", "10-global.conf:2 router_id", "10-global.conf:3 ",
                "checks.inc:1 vrrp_script", "checks.inc:2 script", "checks.inc:3 ",
                "30-instance.conf:1 vrrp_instance", "30-instance.conf:2 interface",
                "30-instance.conf:3 virtual_router_id", "30-instance.conf:4 virtual_ipaddress",
                "30-instance.conf:5 198.51.100.90/24", "30-instance.conf:6 ", "30-instance.conf:7 track_script",
                "30-instance.conf:8 chk_inc", "30-instance.conf:9 ", "30-instance.conf:10 "), lines(result));
        assertEquals("src/test/resources/keepalived/includes/conf.d/../scripts/checks.inc",
                result.lines().get(3).place().file());
        assertEquals(List.of(), result.notes());
    }

    @Test
    void globsSortSkipHiddenFilesAndTakeBraces() throws Exception {
        write("d/b.conf", "b_word\n");
        write("d/a.conf", "a_word\n");
        write("d/.hidden.conf", "hidden_word\n");
        write("d/c.conf", "c_word\n");
        write("d/sub.conf/x", "not a file to include\n");
        Path main = write("main.conf", "include d/*.conf\ninclude d/{c,a}.conf\ninclude d/.h*\n");
        assertEquals(List.of("a.conf:1 a_word", "b.conf:1 b_word", "c.conf:1 c_word", "a.conf:1 a_word",
                "c.conf:1 c_word", ".hidden.conf:1 hidden_word"), lines(IncludeReader.read(main)));
    }

    @Test
    void anAbsoluteIncludeAndWildcardsInDirectories() throws Exception {
        write("x/one/v.conf", "one\n");
        write("x/two/v.conf", "two\n");
        Path main = write("main.conf", "include " + dir.resolve("x") + "/*/v.conf\n");
        assertEquals(List.of("v.conf:1 one", "v.conf:1 two"), lines(IncludeReader.read(main)));
    }

    @Test
    void aBlockMaySpanFiles() throws Exception {
        write("vips.inc", "virtual_ipaddress {\n  198.51.100.50/24\n}\n");
        Path main = write("main.conf", "vrrp_instance VI_1 {\n  include vips.inc\n}\n");
        List<Statement> top = Blocks.build(IncludeReader.read(main).lines());
        Statement vips = top.get(0).children().get(0);
        assertEquals("virtual_ipaddress", vips.keyword());
        assertEquals(List.of("198.51.100.50/24"), vips.blockWords());
    }

    @Test
    void aGlobThatMatchesNothingIsANote() throws Exception {
        Path main = write("main.conf", "router_id x\ninclude conf.d/*.conf\n");
        IncludeReader.Result result = IncludeReader.read(main);
        assertEquals(List.of("main.conf:1 router_id"), lines(result));
        assertEquals(List.of(Warning.note("include conf.d/*.conf matched no file", new Place(main.toString(), 2))),
                result.notes());
    }

    @Test
    void aMissingIncludedFileNamesTheIncludeLine() {
        Path broken = CORPUS.resolve("broken/missing-include.conf");
        assertEquals(broken + ":4: cannot read " + CORPUS.resolve("broken/does-not-exist.conf") + ": no such file",
                error(broken));
    }

    @Test
    void aMissingOrUnreadableMainFile() throws Exception {
        assertEquals(dir.resolve("nope.conf") + ": cannot read: no such file", error(dir.resolve("nope.conf")));
        assertEquals(dir + ": cannot read: is a directory", error(dir));
    }

    @Test
    void anIncludeNeedsOnePattern() throws Exception {
        Path main = write("main.conf", "\ninclude\n");
        assertEquals(main + ":2: include takes one file name or pattern", error(main));
    }

    @Test
    void theCorpusCycle() {
        Path a = CORPUS.resolve("cycle/a.conf");
        Path b = CORPUS.resolve("cycle/b.conf");
        assertEquals(b + ":1: include cycle: " + a + " -> " + b + " -> " + a, error(a));
    }

    @Test
    void aGlobThatMatchesTheFileItselfIsACycle() throws Exception {
        Path main = write("keepalived.conf", "router_id x\ninclude *.conf\n");
        assertEquals(main + ":2: include cycle: " + main + " -> " + dir.resolve("keepalived.conf"), error(main));
    }

    @Test
    void aLinkBackToAnOpenFileIsACycleToo() throws Exception {
        Path main = write("main.conf", "include link.conf\n");
        Files.createSymbolicLink(dir.resolve("link.conf"), main);
        assertEquals(main + ":1: include cycle: " + main + " -> " + dir.resolve("link.conf"), error(main));
    }

    @Test
    void nestingIsBounded() throws Exception {
        for (int i = 0; i < 40; i++) {
            write("f" + i + ".conf", "include f" + (i + 1) + ".conf\n");
        }
        write("f40.conf", "router_id deep\n");
        assertEquals(dir.resolve("f31.conf") + ":1: includes nest more than 32 deep", error(dir.resolve("f0.conf")));
    }
}
