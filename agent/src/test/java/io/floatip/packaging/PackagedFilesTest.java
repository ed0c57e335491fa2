package io.floatip.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The package's own sources: the default config and the maintainer scripts, before any .deb exists. */
class PackagedFilesTest {

    static final Path DEB = Path.of("src/deb");

    @Test
    void theDefaultConfigLoadsAsShipped() throws Exception {
        Config config = ConfigLoader.loadWithoutHostChecks(DEB.resolve("floatip.yaml"));
        assertEquals(List.of("VI_1"), List.copyOf(config.instances().keySet()));
        assertTrue(config.scripts().isEmpty(), "the default references no script");
    }

    /** The commented scripts example must be right too: it is what an operator uncomments first. */
    @Test
    void theDefaultConfigLoadsWithItsScriptExampleUncommented() throws Exception {
        List<String> lines = Files.readAllLines(DEB.resolve("floatip.yaml"));
        int scripts = lines.indexOf("# scripts:");
        assertTrue(scripts > 0, "the example is there");
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i >= scripts) {
                line = line.replaceFirst("^# ?", "");
            }
            yaml.append(line.replace("    # track_scripts:", "    track_scripts:")).append('\n');
        }
        Config config = ConfigLoader.parseWithoutHostChecks(yaml.toString(), "uncommented.yaml");
        assertEquals(Set.of("chk_proxy"), config.scripts().keySet());
        assertEquals("/usr/share/floatip/check-scripts/check_haproxy",
                config.scripts().get("chk_proxy").command().program());
        assertEquals(1, config.instances().get("VI_1").trackScripts().size());
    }

    @Test
    void maintainerScriptsArePosixShAndExecutable() throws Exception {
        for (String name : List.of("postinst", "prerm", "postrm")) {
            Path script = DEB.resolve("control").resolve(name);
            assertTrue(Files.readString(script).startsWith("#!/bin/sh\n"), name);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(script);
            assertTrue(mode.contains(PosixFilePermission.OWNER_EXECUTE), name + " " + mode);
            Process check = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes());
            assertEquals(0, check.waitFor(), name + ": " + out);
        }
    }

    @Test
    void theControlFileNamesThePackageAndItsDependencies() throws Exception {
        Set<String> fields = Files.readAllLines(DEB.resolve("control/control")).stream()
                .filter(l -> !l.startsWith(" ")).collect(Collectors.toSet());
        assertTrue(fields.contains("Package: floatip"), fields.toString());
        assertTrue(fields.contains("Architecture: all"), fields.toString());
        assertTrue(fields.contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, libpcap0.8, "
                + "iproute2, adduser"), fields.toString());
        assertTrue(fields.contains("Recommends: curl, nftables"), fields.toString());
    }
}
