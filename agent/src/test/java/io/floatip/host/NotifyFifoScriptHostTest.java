package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * global.notify_fifo_script on a real agent (one node in a namespace of its own): the agent makes the FIFO,
 * gives it to the script user and starts the reader as that user with the FIFO's path last; the reader gets
 * keepalived's lines, is started again after it is killed, gets the STOP line at shutdown and is gone once the
 * agent has stopped; and an agent killed with SIGKILL leaves no reader behind (the parent-death signal).
 */
class NotifyFifoScriptHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void theReaderGetsTheLinesIsRestartedAndStopsWithTheAgent() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(outDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = outDir.resolve("lines");
        Path reader = dir.resolve("reader.sh");
        Files.writeString(reader, """
                #!/bin/sh
                echo "start $$ $(id -un) $2" >> "$1"
                while IFS= read -r line; do printf '%s\\n' "$line" >> "$1"; done < "$2"
                """);
        Files.setPosixFilePermissions(reader, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifo = dir.resolve("n1.fifo");
        try (Lab lab = Lab.create("fifors", 1)) {
            Node n1 = lab.node(1);
            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", """
                    global:
                      script_user: nobody
                      notify_fifo: %s
                      notify_fifo_script: [%s, %s]
                    """.formatted(fifo, reader, out));
            List<String> log = new CopyOnWriteArrayList<>();
            Process agent = n1.start(AgentCommand.run(config), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> lines(out).contains("INSTANCE \"VI_1\" MASTER 150"),
                    "the reader to get the MASTER line: " + lines(out) + " " + log);
            assertEquals("nobody", Files.getOwner(fifo).getName(), "the FIFO the agent made is the reader's");
            long first = readerPid(out, 1);
            assertTrue(lines(out).get(0).endsWith(" nobody " + fifo), "run as the script user, with the FIFO's "
                    + "path last: " + lines(out));

            assertTrue(new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor() == 0);
            Lab.await(Duration.ofSeconds(10), () -> starts(out) == 2, "started again: " + lines(out) + " " + log);
            long second = readerPid(out, 2);
            assertTrue(log.stream().anyMatch(l -> l.contains("notify_fifo_script " + reader + " exited with status "
                    + "137; starting it again in 1000 ms")), log.toString());

            n1.signal(agent, "TERM");
            assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent stops");
            List<String> read = lines(out);
            int restart = read.indexOf(read.stream().filter(l -> l.startsWith("start " + second)).findFirst()
                    .orElseThrow());
            assertTrue(read.subList(restart, read.size()).stream().anyMatch(l -> l.startsWith("INSTANCE \"VI_1\" "
                    + "STOP ")), "the restarted reader got the STOP line: " + read);
            assertFalse(running(second), "the reader is gone with the agent");

            // Killed outright, the agent cannot stop it: the kernel's parent-death signal does.
            Process killed = n1.start(AgentCommand.run(config), line -> System.out.println("[n1 again] " + line));
            Lab.await(Duration.ofSeconds(15), () -> starts(out) == 3, "the reader of the second run");
            long third = readerPid(out, 3);
            n1.signal(killed, "KILL");
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
            Lab.await(Duration.ofSeconds(5), () -> !running(third), "the reader ends with the agent killed");
        }
    }

    private static List<String> lines(Path out) {
        try {
            return Files.exists(out) ? Files.readAllLines(out) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long starts(Path out) {
        return lines(out).stream().filter(l -> l.startsWith("start ")).count();
    }

    /** The pid on the {@code n}th "start PID USER FIFO" line. */
    private static long readerPid(Path out, int n) {
        return Long.parseLong(lines(out).stream().filter(l -> l.startsWith("start ")).skip(n - 1).findFirst()
                .orElseThrow().split(" ")[1]);
    }

    private static boolean running(long pid) {
        try {
            // A zombie has ended: only its reaper is missing (a container's init may reap nothing).
            return !Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
