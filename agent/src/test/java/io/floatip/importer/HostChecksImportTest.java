package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.lab.HostTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The imported YAML under floatip's full load, host checks included: the corpus's /etc/keepalived is moved into
 * a temp dir where its scripts exist, root's and 0755, and script_user is root (which every machine has).
 */
class HostChecksImportTest {

    private static final Pattern SCRIPT = Pattern.compile("/etc/keepalived/([\\w.-]+)");

    @TempDir
    Path dir;

    private Path etc;

    /** Safe files must be root's: only a root test run can make them (CI runs as root and must not skip). */
    @BeforeEach
    void rootOnly() throws Exception {
        HostTests.requireRoot("host-check tests need root-owned files: run as root");
        etc = Files.createDirectories(dir.resolve("etc/keepalived"));
        Files.setPosixFilePermissions(dir.resolve("etc"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The corpus file pointed at the temp dir, each script it names created there. */
    private ImportResult moved(String corpus) throws Exception {
        String text = Files.readString(Imports.CORPUS.resolve(corpus));
        Matcher m = SCRIPT.matcher(text);
        while (m.find()) {
            Path script = etc.resolve(m.group(1));
            if (Files.notExists(script)) {
                Files.writeString(script, "#!/bin/sh\nexit 0\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        String moved = text.replace("/etc/keepalived/", etc + "/")
                .replace("script_user keepalived_script", "script_user root");
        return Imports.text(dir, moved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"haproxy-master.conf", "haproxy-backup.conf", "sync-groups.conf", "tracking.conf"})
    void loadsWithHostChecks(String corpus) throws Exception {
        ImportResult result = moved(corpus);
        assertEquals(List.of(), result.loadErrors());
        Config config = ConfigLoader.parse(result.yaml(), "imported.yaml");
        assertEquals("root", config.global().scriptUser());
        assertFalse(config.instances().isEmpty());
    }

    @Test
    void theCommandsAreTheFilesChecked() throws Exception {
        Config config = ConfigLoader.parse(moved("haproxy-master.conf").yaml(), "imported.yaml");
        assertEquals(Command.of(etc + "/check_haproxy.sh", "--quiet"), config.scripts().get("chk_haproxy").command());
        assertEquals(Command.of(etc + "/notify.sh"), config.instances().get("VI_1").notifications().any());
    }

    @Test
    void anUnsafeScriptIsStillRefused() throws Exception {
        String yaml = moved("haproxy-master.conf").yaml();
        Files.setPosixFilePermissions(etc.resolve("check_haproxy.sh"), PosixFilePermissions.fromString("rwxrwxr-x"));
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "imported.yaml"))
                .errors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(etc + "/check_haproxy.sh is writable by group"), errors::toString);
    }
}
