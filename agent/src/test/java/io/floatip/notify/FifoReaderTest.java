package io.floatip.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.os.LibC;
import io.floatip.os.Privileges;
import io.floatip.script.ScriptProcess;
import io.floatip.script.ScriptUser;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's notify_fifo_script with a real FIFO and a real reader (a sh script started as scripts are):
 * it gets the FIFO's path as its last argument and the lines in keepalived's format, is started again after it
 * is killed (and reads what was written meanwhile), and is gone once stopped.
 */
class FifoReaderTest {
    @TempDir
    Path dir;

    /** Appends "start PID", then every line it reads, to the file named by its first argument. */
    private Path reader(String name, String before) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + before + "\necho \"start $$ $#\" >> \"$1\"\n"
                + "while IFS= read -r line; do printf '%s\\n' \"$line\" >> \"$1\"; done < \"$2\"\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static ScriptProcess scripts() {
        return new ScriptProcess(ScriptUser.resolve(null, Privileges.isRoot()));
    }

    private static List<String> lines(Path out) {
        try {
            return Files.exists(out) ? Files.readAllLines(out) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean running(long pid) {
        try {
            // A zombie is gone too: only a reaper is missing (this container's init reaps nothing).
            return !Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theReaderGetsTheLinesIsStartedAgainWhenKilledAndIsGoneAfterStop() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        Path out = dir.resolve("read.txt");
        try (NotifyFifo writer = new NotifyFifo(fifo)) {
            FifoReader reader = new FifoReader(List.of(reader("reader.sh", "").toString(), out.toString()), fifo,
                    scripts()::startDaemon);
            try {
                assertEquals(List.of(dir.resolve("reader.sh").toString(), out.toString(), fifo.toString()),
                        reader.argv(), "the FIFO's path comes last, as keepalived's add_script_param puts it");
                reader.start();
                writer.write(NotifyFifo.line("INSTANCE", "VI_1", "MASTER", 150));
                Lab.await(Duration.ofSeconds(10), () -> lines(out).contains("INSTANCE \"VI_1\" MASTER 150"),
                        "the first line read: " + lines(out));
                long first = reader.pid();
                assertTrue(lines(out).contains("start " + first + " 2"), "its pid is the script's, with two "
                        + "arguments: " + lines(out));

                long exits = Refusals.get(Refusal.NOTIFY_FIFO_SCRIPT_EXITED);
                assertEquals(0, LibC.INSTANCE.kill((int) first, LibC.SIGKILL));
                // Once it is gone (a reader killed inside its read takes what it read with it), during the
                // back-off: written while no one reads, it waits in the pipe for the next reader.
                Lab.await(Duration.ofSeconds(5), () -> reader.pid() != first, "the first reader's exit seen");
                writer.write(NotifyFifo.line("GROUP", "EDGE", "BACKUP", 0));
                Lab.await(Duration.ofSeconds(10), () -> reader.pid() > 0 && reader.pid() != first,
                        "started again after its first back-off");
                long second = reader.pid();
                assertEquals(exits + 1, Refusals.get(Refusal.NOTIFY_FIFO_SCRIPT_EXITED));
                assertEquals(2, reader.starts());
                assertFalse(running(first));
                Lab.await(Duration.ofSeconds(10), () -> lines(out).contains("GROUP \"EDGE\" BACKUP 0"),
                        "the line written while it was down, read by the new one: " + lines(out));

                writer.write(NotifyFifo.line("INSTANCE", "VI_1", "STOP", 150));
                assertTrue(writer.flush(5000), "the last line read out of the pipe");
                reader.stop();
                assertFalse(running(second), "the reader is gone after stop");
                assertEquals(-1, reader.pid());
                Lab.await(Duration.ofSeconds(2), () -> lines(out).contains("INSTANCE \"VI_1\" STOP 150"),
                        "the last line reached it before its SIGTERM: " + lines(out));
                Thread.sleep(ReaderBackoff.FIRST_MILLIS + 200);
                assertEquals(2, reader.starts(), "not started again once stopped");
            } finally {
                reader.stop();
            }
        }
    }

    @Test
    void aReaderThatIgnoresSigtermIsKilledASecondLater() throws Exception {
        Path fifo = dir.resolve("stubborn.fifo");
        Path out = dir.resolve("stubborn.txt");
        try (NotifyFifo writer = new NotifyFifo(fifo)) {
            FifoReader reader = new FifoReader(List.of(reader("stubborn.sh", "trap '' TERM").toString(),
                    out.toString()), fifo, scripts()::startDaemon);
            try {
                reader.start();
                Lab.await(Duration.ofSeconds(10), () -> !lines(out).isEmpty(), "started");
                long pid = reader.pid();
                long began = System.nanoTime();
                reader.stop();
                long tookMillis = (System.nanoTime() - began) / 1_000_000;
                assertFalse(running(pid));
                assertTrue(tookMillis >= FifoReader.KILL_AFTER_MILLIS - 50 && tookMillis < 5000,
                        "SIGKILL a second after SIGTERM: " + tookMillis + " ms");
            } finally {
                reader.stop();
            }
        }
    }

    @Test
    void aReaderThatCannotStartIsCountedAndTriedAgainLater() throws Exception {
        long exits = Refusals.get(Refusal.NOTIFY_FIFO_SCRIPT_EXITED);
        FifoReader reader = new FifoReader(List.of("/nonexistent/reader"), dir.resolve("x.fifo"), argv -> {
            throw new IOException("no such file");
        });
        reader.start();
        Lab.await(Duration.ofSeconds(5), () -> Refusals.get(Refusal.NOTIFY_FIFO_SCRIPT_EXITED) > exits, "counted");
        long began = System.nanoTime();
        reader.stop();
        assertTrue((System.nanoTime() - began) / 1_000_000 < 1000, "a stop during the back-off is at once");
        assertEquals(0, reader.starts());
        assertNotEquals(0, Refusals.get(Refusal.NOTIFY_FIFO_SCRIPT_EXITED) - exits);
    }
}
