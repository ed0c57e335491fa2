package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every keepalived config of the corpus (src/test/resources/keepalived/corpus, each citing the keepalived
 * behaviour it follows) imports to the YAML beside it, written and read over by hand, and that YAML passes
 * {@code floatip check-config} itself, with this machine's checks of programs and users.
 */
class KeepalivedCorpusTest {

    static final Path DIR = Imports.CORPUS.resolve("corpus");

    /** @param configId null for an import without --config-id: on host lb9.example.com ({@link Imports#HOST}) */
    record Case(String conf, String configId) {

        Path expected() {
            String base = conf.substring(0, conf.length() - ".conf".length());
            return DIR.resolve(configId == null ? base + ".yaml" : base + "." + configId + ".yaml");
        }

        @Override
        public String toString() {
            return configId == null ? conf : conf + " --config-id " + configId;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted()
                    .forEach(n -> cases.add(new Case(n, null)));
        }
        cases.add(new Case("config-id.conf", "low"));
        cases.add(new Case("config-id.conf", "high"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importsToTheExpectedYamlThatPassesCheckConfig(Case c, @TempDir Path dir) throws Exception {
        ImportResult result = KeepalivedImporter.importFile(DIR.resolve(c.conf()),
                c.configId() == null ? Imports.HOST : ConfigId.chosen(c.configId()));
        assertEquals(List.of(), result.loadErrors(), result::yaml);
        assertEquals(Files.readString(c.expected()), result.yaml());
        Path yaml = Files.writeString(dir.resolve("floatip.yaml"), result.yaml());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("check-config", "-c", yaml.toString()), err::toString);
        assertTrue(out.toString().startsWith(yaml + ": OK, "), out::toString);
    }

    @Test
    void everyExpectedYamlBelongsToACase() throws IOException {
        List<Path> expected = cases().map(Case::expected).sorted().toList();
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(expected, files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
        }
    }

    @Test
    void everyCorpusFileCitesKeepalivedsSource() throws IOException {
        for (Case c : cases().toList()) {
            String text = Files.readString(DIR.resolve(c.conf()));
            // A source file, then (maybe past a comment's line break) the function.
            assertTrue(text.matches("(?s).*(keepalived/[a-z]+/|lib/)[a-z_]+\\.c[\\s!]+[a-z_]+.*"), c.conf());
        }
    }
}
