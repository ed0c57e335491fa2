package io.floatip.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.track.ScriptOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a check's start executes: setsid by absolute path, setpriv only where it changes something. */
class ScriptProcessTest {

    @Test
    void helpersByAbsolutePath() {
        assertTrue(Files.isExecutable(Path.of(ScriptProcess.SETSID)), ScriptProcess.SETSID);
        assertTrue(ScriptProcess.SETSID.startsWith("/"), ScriptProcess.SETSID);
        assertTrue(ScriptProcess.SETPRIV.startsWith("/"), ScriptProcess.SETPRIV);
        assertEquals("no-such-helper-here", ScriptProcess.onPath("no-such-helper-here"));
    }

    /**
     * Issue 16 item 7: the helpers were found through the scripts' PATH, which starts at /usr/local/sbin: a
     * setsid put there ran in front of every script as root. Now only the distribution's directories count,
     * and only a root-owned file no one else may write.
     */
    @Test
    void helpersComeFromTheDistributionsDirectoriesOnly() throws Exception {
        for (String helper : List.of(ScriptProcess.SETSID, ScriptProcess.SETPRIV)) {
            assertTrue(ScriptProcess.HELPER_DIRS.contains(Path.of(helper).getParent().toString()), helper);
            assertTrue(ScriptProcess.rootsOnly(Path.of(helper)), helper);
        }
        Path dir = Files.createTempDirectory("helpers");
        try {
            Path open = Files.writeString(dir.resolve("setsid"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            assertTrue(!ScriptProcess.rootsOnly(open), "a world-writable helper is refused");
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRootAgentRunsRootScriptsWithoutSetpriv() {
        assertEquals(ScriptUser.ROOT, ScriptUser.resolve(null, true));
        assertEquals(ScriptUser.ROOT, ScriptUser.resolve("root", true));
        assertEquals(List.of(ScriptProcess.SETSID, "/x/check.sh", "a"),
                new ScriptProcess(ScriptUser.ROOT).commandLine(List.of("/x/check.sh", "a")));
    }

    @Test
    void aNonRootAgentStillDropsItsCapabilitiesAndRootSwitchesUsers() {
        assertEquals(ScriptUser.SAME, ScriptUser.resolve(null, false));
        assertEquals(ScriptUser.SAME, ScriptUser.resolve("nobody", false));
        assertEquals(List.of(ScriptProcess.SETSID, ScriptProcess.SETPRIV, "--inh-caps=-all", "--", "/x/check.sh"),
                new ScriptProcess(ScriptUser.SAME).commandLine(List.of("/x/check.sh")));
        List<String> named = new ScriptProcess(ScriptUser.resolve("nobody", true)).commandLine(List.of("/x/c.sh"));
        assertEquals(ScriptProcess.SETPRIV, named.get(1));
        assertTrue(named.contains("--reuid=nobody"), named.toString());
    }

    /** In the sigwait mode env unblocks the agent's signals first; setsid still follows, so the pgid is kept. */
    @Test
    void inTheSigwaitModeEnvUnblocksTheSignalsBeforeSetsid() {
        List<String> unblock = List.of("/usr/bin/env", "--default-signal=HUP,INT,QUIT,TERM");
        assertEquals(List.of("/usr/bin/env", "--default-signal=HUP,INT,QUIT,TERM", ScriptProcess.SETSID, "/x/c.sh"),
                new ScriptProcess(ScriptUser.ROOT).commandLine(unblock, List.of("/x/c.sh")));
        assertEquals(List.of(), ScriptProcess.UNBLOCK, "this test JVM blocks none of them: no env");
    }

    /** Its output file could not be opened (the cause of test-systemd's node b in FAULT): the script still runs. */
    @Test
    void aScriptRunsWhenItsOutputFileCannotBeOpened() throws Exception {
        Path dir = Files.createTempDirectory("floatip-script");
        java.io.File output = ScriptOutput.file();
        Files.deleteIfExists(output.toPath());
        Files.createDirectory(output.toPath()); // opening it for writing fails: "Is a directory"
        try {
            Path ran = dir.resolve("ran");
            Path script = dir.resolve("touch.sh");
            Files.writeString(script, "#!/bin/sh\necho said >&2\ntouch " + ran + "\nexit 4\n");
            script.toFile().setExecutable(true);
            assertEquals(ScriptOutcome.exit(4), new ScriptProcess(ScriptUser.ROOT).run(List.of(script.toString()), 5000));
            assertTrue(Files.exists(ran), "the script ran");
        } finally {
            Files.delete(output.toPath());
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void runsAScriptToItsExitCode() throws Exception {
        Path dir = Files.createTempDirectory("floatip-script");
        try {
            Path script = dir.resolve("exit3.sh");
            Files.writeString(script, "#!/bin/sh\nexit 3\n");
            script.toFile().setExecutable(true);
            ScriptOutcome outcome = new ScriptProcess(ScriptUser.ROOT).run(List.of(script.toString()), 5000);
            assertEquals(ScriptOutcome.exit(3), outcome);
            // Its last line of output, stderr or stdout, says why; a later silent run says nothing.
            Path says = dir.resolve("says.sh");
            Files.writeString(says, "#!/bin/sh\necho starting\necho 'check: no haproxy process runs' >&2\necho\nexit 5\n");
            says.toFile().setExecutable(true);
            assertEquals(new ScriptOutcome(false, "exit 5: check: no haproxy process runs"),
                    new ScriptProcess(ScriptUser.ROOT).run(List.of(says.toString()), 5000));
            assertEquals(ScriptOutcome.exit(3), new ScriptProcess(ScriptUser.ROOT).run(List.of(script.toString()), 5000));
            Path hangs = dir.resolve("hangs.sh");
            Files.writeString(hangs, "#!/bin/sh\necho waiting for the backend\nexec sleep 10\n");
            hangs.toFile().setExecutable(true);
            assertEquals(new ScriptOutcome(false, "timed out after 300 ms; it said: waiting for the backend"),
                    new ScriptProcess(ScriptUser.ROOT).run(List.of(hangs.toString()), 300));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void theLastLineIsBoundedAndPrintable() {
        assertEquals("", ScriptOutput.lastLine(new byte[0]));
        assertEquals("b", ScriptOutput.lastLine("a\nb\n\n  \n".getBytes()));
        assertEquals("bell?tab?x", ScriptOutput.lastLine("bell\u0007tab\tx\r\n".getBytes()));
        String longLine = "x".repeat(ScriptOutput.MAX_LINE + 50);
        assertEquals("x".repeat(ScriptOutput.MAX_LINE) + "...", ScriptOutput.lastLine(longLine.getBytes()));
        assertEquals("", ScriptOutput.lastLine((java.io.File) null));
    }
}
