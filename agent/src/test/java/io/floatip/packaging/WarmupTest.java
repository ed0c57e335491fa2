package io.floatip.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hidden `warmup` the build runs to list the classes for the class-data archive. */
class WarmupTest {

    @Test
    void walksAStartAndLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = warmupDirs(tmp);
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("warmup"), err.toString());
        assertEquals(before, warmupDirs(tmp), "its control socket's directory is removed again");
    }

    @Test
    void isHiddenFromOperators() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.execute("--help");
        assertTrue(out.toString().contains("check-config"), out.toString());
        assertTrue(!out.toString().contains("warmup"), out.toString());
    }

    private static long warmupDirs(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("floatip-warmup")).count();
        }
    }
}
