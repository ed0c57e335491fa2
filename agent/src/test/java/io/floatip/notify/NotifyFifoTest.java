package io.floatip.notify;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;

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

    /**
     * Issue 16 item 11: on main the FIFO's path was opened for append whatever it was: a symbolic link was
     * followed and a regular file grew; with no reader its thread blocked in open and its queue grew without
     * bound. Now: made with mkfifo when missing, a regular file or link refused, nothing ever blocks, and lines
     * beyond the queue and the pipe are dropped and counted.
     */
    @Test
    void madeWhenMissingAndARegularFileOrALinkIsRefused() throws Exception {
        Path fifo = dir.resolve("made.fifo");
        try (NotifyFifo made = new NotifyFifo(fifo)) {
            assertEquals(0010000, (Integer) Files.getAttribute(fifo, "unix:mode") & 0170000, "a FIFO was made");
        }
        Path file = Files.writeString(dir.resolve("file"), "keep\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> new NotifyFifo(file));
        assertEquals("notify_fifo " + file + " exists and is not a FIFO (a regular file, a symbolic link or a device "
                + "is refused); remove it and floatip makes the FIFO", e.getMessage());
        assertEquals("keep\n", Files.readString(file), "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        assertThrows(java.io.IOException.class, () -> new NotifyFifo(link));
    }

    @Test
    void withNoReaderNothingBlocksAndDroppedLinesAreCounted() throws Exception {
        long before = Refusals.get(Refusal.NOTIFY_FIFO_DROPPED);
        try (NotifyFifo writer = new NotifyFifo(dir.resolve("unread.fifo"))) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                writer.write(NotifyFifo.line("INSTANCE", "VI_" + i, "MASTER", 150));
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2000, "20,000 lines with no reader took " + ms + " ms");
            // The pipe holds 64 KiB (~2,000 lines); the rest are dropped, by the queue or by the full pipe.
            Lab.await(java.time.Duration.ofSeconds(10),
                    () -> Refusals.get(Refusal.NOTIFY_FIFO_DROPPED) - before >= 20_000 - 3_000, "drops counted");
        }
    }
}
