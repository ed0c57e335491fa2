package io.floatip.checks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check_process against sleepers this test starts (on this host: no network involved), through pidof
 * and through its /proc fallback (a PATH without pidof). A sleeper is run through a link with a name
 * no other process has, so "running" and "not running" both depend on it alone.
 */
class CheckProcessTest {

    private static final Path SCRIPT = Scripts.script("check_process");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private Path sleep;
    private Map<String, String> withPidof;
    private Map<String, String> withoutPidof;

    @BeforeEach
    void tools() {
        sleep = Scripts.requireTool("sleep", "coreutils");
        Scripts.requireTool("pidof", "sysvinit-utils");
        withPidof = Scripts.env();
        // Nothing on PATH at all: check_process then has to read /proc itself.
        withoutPidof = Scripts.path(Scripts.toolDir(tmp, "empty"));
    }

    @AfterEach
    void stopSleepers() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process startSleeper(Path binary) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "60")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        started.add(p);
        return p;
    }

    private static void stopSleeper(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sleeper " + p.pid() + " did not stop");
        }
    }

    @Test
    void healthyWhileAProcessOfThatNameRunsAndNotAfter() throws Exception {
        String name = Scripts.uniqueName("fipchk");
        Process sleeper = startSleeper(Scripts.renamed(tmp.resolve("links"), sleep, name));
        for (Map<String, String> env : List.of(withPidof, withoutPidof)) {
            Scripts.run(env, SCRIPT, name).healthy();
            // Matched whole: neither a prefix nor a longer name counts.
            Scripts.run(env, SCRIPT, name.substring(0, name.length() - 1)).expect(1);
            Scripts.run(env, SCRIPT, name + "x").expect(1);
        }
        stopSleeper(sleeper);
        for (Map<String, String> env : List.of(withPidof, withoutPidof)) {
            Scripts.run(env, SCRIPT, name).expect(1);
        }
    }

    @Test
    void aNameThatNothingHasIsUnhealthy() {
        String name = Scripts.uniqueName("fipnone");
        Scripts.run(withPidof, SCRIPT, name).expect(1);
        Scripts.run(withoutPidof, SCRIPT, name).expect(1);
    }

    @Test
    void plainSleepByName() throws Exception {
        startSleeper(sleep);
        Scripts.run(withPidof, SCRIPT, "sleep").healthy();
        Scripts.run(withoutPidof, SCRIPT, "sleep").healthy();
    }

    /** The kernel keeps 15 characters of a command name; a longer NAME still finds its process. */
    @Test
    void namesLongerThanFifteenCharacters() throws Exception {
        String name = Scripts.uniqueName("fipchk-long-") + "-sleeper";
        Process sleeper = startSleeper(Scripts.renamed(tmp.resolve("links"), sleep, name));
        Scripts.run(withPidof, SCRIPT, name).healthy();
        Scripts.run(withoutPidof, SCRIPT, name).healthy();
        stopSleeper(sleeper);
        Scripts.run(withPidof, SCRIPT, name).expect(1);
        Scripts.run(withoutPidof, SCRIPT, name).expect(1);
    }

    /** Run through its #! line its own command name is check_process; it must not find itself. */
    @Test
    void neverCountsItself() {
        List<String> argv = List.of(SCRIPT.toString(), "check_process");
        Scripts.runArgv(withPidof, argv).expect(1);
        Scripts.runArgv(withoutPidof, argv).expect(1);
    }
}
