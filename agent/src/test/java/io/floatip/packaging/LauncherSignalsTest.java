package io.floatip.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.signal.SignalMask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agent/bin/floatip's signal mode, run for real against a stand-in java (a bash script: bash keeps the mask
 * it was exec'd with) that prints its arguments and its SigBlk: the signals blocked and -Xrs for `run` where
 * env can block them, nothing of the kind for other commands or where env cannot. No root, no JVM started.
 */
class LauncherSignalsTest {
    static final Path LAUNCHER = Path.of("bin", "floatip").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void runStartsJavaWithTheFourSignalsBlockedAndXrs() throws Exception {
        Assumptions.assumeTrue(AgentCommand.LAUNCHERS == AgentCommand.SignalMode.SIGWAIT, "env cannot block signals");
        List<String> out = launch(null, "run", "-c", "x.yaml");
        String args = out.get(0);
        assertTrue(args.contains(" " + String.join(" ", AgentCommand.SIGWAIT_FLAGS) + " "), args);
        assertTrue(SignalMask.fromStatus(out.get(1)).blocksAll(SignalMask.TAKEN), out.get(1));
        assertTrue(args.endsWith(" run -c x.yaml"), args);
    }

    @Test
    void otherCommandsKeepTheJvmsSignals() throws Exception {
        List<String> out = launch(null, "status");
        assertFalse(out.get(0).contains("-Xrs"), out.get(0));
        // QUIT may be blocked anyway: this test's JVM blocks it in its threads, and children inherit that.
        assertFalse(SignalMask.fromStatus(out.get(1)).blocksAny(SignalMask.STOP_AND_RELOAD), out.get(1));
    }

    /** An env without --block-signal (coreutils before 8.31): today's command line, the JVM's handlers. */
    @Test
    void whereEnvCannotBlockSignalsRunFallsBackToTheJvmsHandlers() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("oldbin"));
        executable(bin.resolve("env"), """
                #!/bin/sh
                case "$1" in --block-signal*) echo "env: unrecognized option '$1'" >&2; exit 125;; esac
                exec /usr/bin/env "$@"
                """);
        List<String> out = launch(bin, "run", "-c", "x.yaml");
        assertFalse(out.get(0).contains("-Xrs") || out.get(0).contains("floatip.signals"), out.get(0));
        assertFalse(SignalMask.fromStatus(out.get(1)).blocksAny(SignalMask.STOP_AND_RELOAD), out.get(1));
    }

    /** The launcher and AgentCommand (the tests' and the demo's command line) name the same env. */
    @Test
    void theLauncherBlocksWhatAgentCommandBlocks() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        List<String> java = AgentCommand.java(AgentCommand.SignalMode.SIGWAIT);
        assertTrue(launcher.contains("block=\"" + java.get(0) + " " + java.get(1) + "\""), java.toString());
        assertTrue(launcher.contains("signals=\"" + String.join(" ", AgentCommand.SIGWAIT_FLAGS) + "\""));
    }

    /** Runs the launcher with a stand-in JAVA_HOME; returns the stand-in's two lines: its arguments, its SigBlk. */
    private List<String> launch(Path pathFirst, String... args) throws Exception {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        executable(home.resolve("bin").resolve("java"), "#!/bin/bash\necho \"$*\"\ngrep SigBlk /proc/$$/status\n");
        Path jar = Files.writeString(dir.resolve("floatip.jar"), "");
        List<String> argv = new ArrayList<>(List.of(LAUNCHER.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", home.toString());
        pb.environment().put("FLOATIP_JAR", jar.toString());
        pb.environment().remove("FLOATIP_JAVA_OPTS");
        if (pathFirst != null) {
            pb.environment().put("PATH", pathFirst + ":" + pb.environment().get("PATH"));
        }
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        List<String> lines = text.lines().toList();
        assertEquals(2, lines.size(), text);
        return lines;
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
