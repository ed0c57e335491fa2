package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** global.notify_fifo_script: keepalived's notify_fifo_script, a command like any notify command. */
class NotifyFifoScriptConfigTest {

    private static final String INSTANCE = """
            instances:
              VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
            """;

    /** notify_fifo on line 2, notify_fifo_script on line 3 (value at column 23). */
    private static String global(String script) {
        return "global:\n  notify_fifo: /run/floatip/notify.fifo\n  notify_fifo_script: " + script + "\n" + INSTANCE;
    }

    @Test
    void aStringIsSplitIntoWords() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks(global("\"/usr/local/bin/reader --log 'a b'\""), "x.yaml");
        assertEquals(Command.of("/usr/local/bin/reader", "--log", "a b"), config.global().notifyFifoScript());
        assertEquals(Path.of("/run/floatip/notify.fifo"), config.global().notifyFifo());
    }

    @Test
    void aListIsTakenAsTheWords() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks(global("[/usr/local/bin/reader, -v]"), "x.yaml");
        assertEquals(Command.of("/usr/local/bin/reader", "-v"), config.global().notifyFifoScript());
    }

    @Test
    void absentMeansNoReader() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks("global:\n  notify_fifo: /run/f.fifo\n" + INSTANCE,
                "x.yaml");
        assertNull(config.global().notifyFifoScript());
    }

    @Test
    void itNeedsTheFifo() {
        Yaml.assertSchemaError("bad.yaml:2:23: global.notify_fifo_script: needs global.notify_fifo: the reader is "
                + "started with the FIFO's path as its last argument (keepalived's notify_fifo_script does the same)",
                "global:\n  notify_fifo_script: /usr/local/bin/reader\n" + INSTANCE);
    }

    @Test
    void aRelativeProgramIsRefusedAsForEveryCommand() {
        Yaml.assertSchemaError("bad.yaml:3:23: global.notify_fifo_script: the program must be a full path or a name "
                + "found in PATH, got 'bin/reader' (a relative path would depend on the directory floatip starts in)",
                global("bin/reader"));
    }

    @Test
    void anEmptyCommandIsRefused() {
        Yaml.assertSchemaError("bad.yaml:3:23: global.notify_fifo_script: is an empty list; give the program to run "
                + "and its arguments, like [/etc/floatip/notify.sh, master]", global("[]"));
    }

    @Test
    void theRecordWantsTheFifoToo() {
        assertThrows(IllegalArgumentException.class, () -> new GlobalConfig("lb1", "info", null, false, null,
                GlobalConfig.DEFAULT_CONTROL_SOCKET, null, 0, GlobalConfig.DEFAULT_STATE_DIR, false,
                Command.of("/bin/cat")));
    }

    @Test
    void itNeedsAScriptUserLikeAnyCommand() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\n";
        List<String> errors = Yaml.errors(global("/bin/cat"), TestHost.host(FileFacts.local(), passwd, 0));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("bad.yaml:1:1: global: no script_user: scripts would "
                + "run as root")), String.join("\n", errors));
    }

    @Test
    void withAUserItRunsAsThatUser() throws Exception {
        Config config = Yaml.parse(global("/bin/cat"), TestHost.host(FileFacts.local()));
        assertEquals("floatip_script", config.global().scriptUser());
        assertEquals(Command.of("/bin/cat"), config.global().notifyFifoScript());
    }

    @Test
    void anUnsafeReaderIsRefusedAsAnUnsafeNotifyScriptIs(@TempDir Path tempDir) throws Exception {
        TestHost.assumeRootOrCi();
        TestHost.RootedFiles files = new TestHost.RootedFiles(tempDir);
        files.file("/opt/x/reader.sh", "rwxrwxr-x");
        assertEquals(List.of("bad.yaml:3:23: global.notify_fifo_script: /opt/x/reader.sh is writable by group (mode "
                + "0775); a non-root user could change what floatip runs: chmod go-w /opt/x/reader.sh"),
                Yaml.errors(global("/opt/x/reader.sh"), TestHost.host(files)));
        files.file("/opt/y/reader.sh", "rwxr-xr-x");
        Config config = Yaml.parse(global("/opt/y/reader.sh"), TestHost.host(files));
        assertEquals(Command.of("/opt/y/reader.sh"), config.global().notifyFifoScript());
    }
}
