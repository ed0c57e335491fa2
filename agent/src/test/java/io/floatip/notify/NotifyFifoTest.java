package io.floatip.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's notify_fifo through a real FIFO, read by another thread as a monitoring daemon would. */
class NotifyFifoTest {
    @TempDir
    Path dir;

    @Test
    void linesArriveInOrderInKeepalivedsFormat() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        NotifyFifo writer = new NotifyFifo(fifo);
        // Written before anyone reads: the writer's own thread waits for the reader, the caller does not.
        writer.write(NotifyFifo.line("INSTANCE", "VI_1", "BACKUP", 150));
        writer.write(NotifyFifo.line("INSTANCE", "VI_1", "MASTER", 150));
        writer.write(NotifyFifo.line("GROUP", "EDGE", "MASTER", 0));
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                while (lines.size() < 3) {
                    lines.add(r.readLine());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return lines;
        });
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150",
                "GROUP \"EDGE\" MASTER 0"), read.get(10, TimeUnit.SECONDS));
        writer.close();
    }
}
