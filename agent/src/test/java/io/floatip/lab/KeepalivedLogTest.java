package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading keepalived's output and naming its files; no root, no keepalived needed. */
class KeepalivedLogTest {

    @Test
    void filesLiveInTheWorkDirAndTheCommandNamesThemAll() {
        KeepalivedFiles files = KeepalivedFiles.in(Path.of("/tmp/w"), "n2");
        assertEquals(Path.of("/tmp/w/keepalived-n2.conf"), files.config());
        List<String> argv = files.argv();
        assertEquals("/usr/sbin/keepalived", argv.get(0));
        assertTrue(argv.containsAll(List.of("--dont-fork", "--log-console", "--no-syslog", "--vrrp",
                "--use-file=/tmp/w/keepalived-n2.conf", "--pid=/tmp/w/keepalived-n2.pid",
                "--vrrp_pid=/tmp/w/keepalived-n2-vrrp.pid", "--checkers_pid=/tmp/w/keepalived-n2-checkers.pid",
                "--bfd_pid=/tmp/w/keepalived-n2-bfd.pid")), argv.toString());
        assertFalse(argv.stream().anyMatch(a -> a.contains("/run/")), argv.toString());
    }

    @Test
    void logTracksTheInstanceStateAndDropsTimestamps() {
        KeepalivedLog log = new KeepalivedLog("VI_1");
        assertEquals(KeepalivedLog.INIT, log.state());
        assertEquals("(VI_1) Entering BACKUP STATE (init)",
                log.add("Sat Nov 21 10:58:19 2026: (VI_1) Entering BACKUP STATE (init)"));
        assertEquals(KeepalivedLog.BACKUP, log.state());
        log.add("Sat Nov  1 10:58:20 2026: (VI_2) Entering FAULT STATE");
        assertEquals(KeepalivedLog.BACKUP, log.state(), "another instance's line");
        log.add("Sat Nov  1 10:58:20 2026: (VI_1) Entering MASTER STATE");
        assertEquals(KeepalivedLog.MASTER, log.state());
        log.add("(VI_1) Entering FAULT STATE");
        assertEquals(KeepalivedLog.FAULT, log.state());
        assertTrue(log.contains("(VI_2) Entering FAULT"));
        assertEquals(4, log.lines().size());
        assertEquals("              '/tmp/p.pid'", KeepalivedLog.withoutTimestamp(
                "Sat Nov 21 10:58:19 2026:               '/tmp/p.pid'"));
    }
}
