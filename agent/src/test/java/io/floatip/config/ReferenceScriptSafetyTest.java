package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floatip.docs.Markdown;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script safety error REFERENCE.md shows ({@code <!-- check: script-safety -->}) is the loader's, for the
 * scene the sample describes: floatip.yaml whose script chk (command on line 9) is /opt/x/check.sh, mode 0775.
 */
class ReferenceScriptSafetyTest {

    @TempDir
    Path tempDir;

    @Test
    void theReferencesSampleIsWhatTheLoaderSays() throws Exception {
        TestHost.assumeRootOrCi();
        List<Markdown.Block> samples = Markdown.blocks(List.of(Markdown.REPO.resolve("REFERENCE.md"))).stream()
                .filter(b -> "script-safety".equals(b.marker())).toList();
        assertEquals(1, samples.size(), "REFERENCE.md has one <!-- check: script-safety --> sample");
        assertEquals(List.of("floatip check-config -c floatip.yaml"), Markdown.commands(samples.get(0)).stream()
                .map(c -> c.replaceFirst("^sudo ", "")).toList());

        TestHost.RootedFiles files = new TestHost.RootedFiles(tempDir);
        files.file("/opt/x/check.sh", "rwxrwxr-x");
        String config = """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    track_scripts: [chk]
                scripts:
                  chk:
                    command: /opt/x/check.sh
                """;
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config, "floatip.yaml",
                Path.of("floatip.yaml"), () -> "lb-a", Optional.of(TestHost.host(files)))).errors();
        assertEquals(errors, Markdown.output(samples.get(0)));
    }
}
