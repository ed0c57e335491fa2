package io.floatip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `run`'s plain reader accepts only what picocli reads the same way, and leaves the rest to picocli. */
class RunArgsTest {

    static final List<List<String>> PLAIN = List.of(
            List.of("run"),
            List.of("run", "-c", "/etc/floatip/a.yaml"),
            List.of("run", "--config", "a.yaml"),
            List.of("run", "--config=a.yaml"),
            List.of("run", "--log-level", "debug"),
            List.of("run", "--log-level=warn", "-c", "x/y.yaml"),
            List.of("run", "--control-socket", "/tmp/s.sock", "--config", "c.yaml", "--log-level", "info"),
            List.of("run", "--control-socket=/run/floatip/b.sock"),
            List.of("run", "-c", "with space.yaml"),
            List.of("run", "-c", "a=b.yaml"));

    /** Help, typos, repeats, odd values: picocli reads these (and reports the bad ones). */
    static final List<List<String>> TO_PICOCLI = List.of(
            List.of("run", "--help"),
            List.of("run", "-h"),
            List.of("run", "-V"),
            List.of("run", "-c"),
            List.of("run", "--config"),
            List.of("run", "--config="),
            List.of("run", "-ca.yaml"),
            List.of("run", "-c", "a.yaml", "-c", "b.yaml"),
            List.of("run", "--log-level", "info", "--log-level=debug"),
            List.of("run", "--control-socket", "a", "--control-socket", "b"),
            List.of("run", "-c", "-x"),
            List.of("run", "-c", "@args.txt"),
            List.of("run", "@args.txt"),
            List.of("run", "--", "-c", "a.yaml"),
            List.of("run", "extra"),
            List.of("run", "--conf", "a.yaml"),
            List.of("run", "-c", "a\0.yaml"));

    @Test
    void plainFormsReadAsPicocliReadsThem() {
        for (List<String> argv : PLAIN) {
            RunArgs plain = RunArgs.parse(argv.toArray(String[]::new), 1);
            assertNotNull(plain, argv.toString());
            RunCommand byPicocli = picocli(argv);
            assertEquals(byPicocli.config, plain.config(), argv + ": config");
            assertEquals(byPicocli.logLevel, plain.logLevel(), argv + ": log level");
            assertEquals(byPicocli.controlSocket, plain.controlSocket(), argv + ": control socket");
        }
    }

    @Test
    void theDefaultConfigIsPicocliDefault() {
        assertEquals(Path.of(Main.DEFAULT_CONFIG), RunArgs.parse(new String[] {"run"}, 1).config());
        assertEquals(Path.of(Main.DEFAULT_CONFIG), picocli(List.of("run")).config);
    }

    @Test
    void everythingElseGoesToPicocli() {
        for (List<String> argv : TO_PICOCLI) {
            assertNull(RunArgs.parse(argv.toArray(String[]::new), 1), argv.toString());
        }
    }

    /** The forms handed on are not all errors; these are, and picocli is the one to say so. */
    @Test
    void picocliRejectsTheBadOnes() {
        for (List<String> argv : List.of(List.of("run", "-c"), List.of("run", "-c", "a", "-c", "b"),
                List.of("run", "extra"), List.of("run", "--conf", "a.yaml"))) {
            assertThrows(CommandLine.ParameterException.class, () -> picocli(argv), argv.toString());
        }
    }

    @Test
    void onlyRunAndWarmupTakeThePlainPath() {
        // A command line that is not `run ...` or a bare `warmup` reaches picocli: `warmup x` is an error there.
        assertEquals(2, Main.plain(new String[] {"warmup", "x"}));
    }

    private static RunCommand picocli(List<String> argv) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(argv.toArray(String[]::new));
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }
}
