package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.agent.VirtualScheduler;
import io.floatip.os.LibC;
import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 1: a tracked file read with Files.readString on the loop. On main a 100 MB file ended the agent
 * (OutOfMemoryError under -Xmx64m), a FIFO blocked it in open(2), /dev/zero never ends; each test here would
 * hang or run out of memory there. Now: a regular file only, at most 127 bytes, the number range-checked.
 */
class TrackedFileReaderTest {
    static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aHugeFileIsRefusedWithoutBeingRead() throws Exception {
        Path huge = dir.resolve("huge");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L << 20); // sparse: 100 MB that cost no disk
        }
        long before = Refusals.get(Refusal.TRACK_FILE_TOO_BIG);
        FileReading r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> TrackedFileReader.read(huge));
        assertEquals(0L, r.value(), "refused files count 0, as keepalived counts a file it cannot read");
        assertEquals(Refusal.TRACK_FILE_TOO_BIG, r.refused(), r.why());
        assertTrue(r.why().contains("104857600 bytes"), r.why());
        // The reader does not count: the watch does, once per change of the file.
        assertEquals(before, Refusals.get(Refusal.TRACK_FILE_TOO_BIG));
    }

    @Test
    void aFifoWithNoWriterNeitherBlocksNorIsRead() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, LibC.INSTANCE.mkfifo(fifo.toString(), 0600), LibC.lastError());
        FileReading r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> TrackedFileReader.read(fifo));
        assertEquals(new FileReading(0L, Refusal.TRACK_FILE_NOT_REGULAR, "is a FIFO, not a regular file"), r);
    }

    @Test
    void devZeroAndADirectoryAreRefused() {
        FileReading zero = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> TrackedFileReader.read(Path.of("/dev/zero")));
        assertEquals(Refusal.TRACK_FILE_NOT_REGULAR, zero.refused());
        assertEquals("is a character device, not a regular file", zero.why());
        assertEquals(0L, zero.value());
        FileReading directory = TrackedFileReader.read(dir);
        assertEquals(Refusal.TRACK_FILE_NOT_REGULAR, directory.refused());
        assertEquals("is a directory, not a regular file", directory.why());
    }

    @Test
    void aSymbolicLinkIsFollowedToARegularFileButNotToAFifo() throws Exception {
        Path flag = Files.writeString(dir.resolve("flag"), "7\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), flag);
        assertEquals(FileReading.of(7), TrackedFileReader.read(link), "as keepalived: open follows the link");
        Path fifo = dir.resolve("fifo");
        assertEquals(0, LibC.INSTANCE.mkfifo(fifo.toString(), 0600), LibC.lastError());
        Path toFifo = Files.createSymbolicLink(dir.resolve("to-fifo"), fifo);
        FileReading r = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> TrackedFileReader.read(toFifo));
        assertEquals(Refusal.TRACK_FILE_NOT_REGULAR, r.refused());
        Path toZero = Files.createSymbolicLink(dir.resolve("to-zero"), Path.of("/dev/zero"));
        assertEquals(Refusal.TRACK_FILE_NOT_REGULAR, TrackedFileReader.read(toZero).refused());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        assertEquals(FileReading.of(0), TrackedFileReader.read(dangling), "as a missing file");
    }

    @Test
    void onlyTheFirst127BytesAreRead() throws Exception {
        // 4,000 bytes: under the size cap; the number is beyond the 127 read, so nothing is seen.
        Path file = Files.writeString(dir.resolve("padded"), " ".repeat(3990) + "42");
        assertEquals(FileReading.of(0), TrackedFileReader.read(file));
        Path leading = Files.writeString(dir.resolve("leading"), "42 " + "x".repeat(3000));
        assertEquals(FileReading.of(42), TrackedFileReader.read(leading));
    }

    @Test
    void numbersAtTheEdgesOfALongAndAnInt() throws Exception {
        assertEquals(FileReading.of(Integer.MAX_VALUE), read("2147483647"));
        assertEquals(FileReading.of(Integer.MIN_VALUE), read("-2147483648\n"));
        assertEquals(FileReading.of(-5), read("  -0000000000000000000005 "));
        assertEquals(FileReading.of(3), read("+3"));
        for (String outside : List.of("2147483648", "-2147483649", Long.toString(Long.MAX_VALUE),
                Long.toString(Long.MIN_VALUE), "9223372036854775808", "-9223372036854775809",
                Long.toString(1L << 62), "1" + "0".repeat(120))) {
            FileReading r = read(outside);
            assertNull(r.value(), outside + ": ignored, the last value stays (keepalived: 'Invalid number')");
            assertEquals(Refusal.TRACK_FILE_OUT_OF_RANGE, r.refused(), outside);
        }
        for (String garbage : List.of("abc", "0x10", "1e3", "--1", "12abc", "\u0000\u0001")) {
            FileReading r = read(garbage);
            assertEquals(0L, r.value(), garbage);
            assertEquals(Refusal.TRACK_FILE_NOT_A_NUMBER, r.refused(), garbage);
        }
        assertEquals(FileReading.of(0), read(""));
        assertEquals(FileReading.of(0), read(" \n\t "));
    }

    @Test
    void theWatchReadsOffTheLoopAndCountsEachRefusalOncePerChange() throws Exception {
        Path file = dir.resolve("flag");
        assertEquals(0, LibC.INSTANCE.mkfifo(file.toString(), 0600), LibC.lastError());
        VirtualScheduler clock = new VirtualScheduler();
        List<Runnable> filesQueue = new ArrayList<>();
        List<Long> values = new CopyOnWriteArrayList<>();
        TrackedFileWatch watch = new TrackedFileWatch(file, clock, filesQueue::add, Runnable::run, values::add);
        watch.start();
        clock.advanceTo(10 * S);
        assertEquals(1, filesQueue.size(), "a look that has not finished (a hung mount) is not queued again");
        assertEquals(List.of(), values, "and the loop never waited for it");

        long before = Refusals.get(Refusal.TRACK_FILE_NOT_REGULAR);
        filesQueue.remove(0).run();
        assertEquals(List.of(0L), values);
        assertEquals(before + 1, Refusals.get(Refusal.TRACK_FILE_NOT_REGULAR));
        clock.advanceTo(11 * S);
        filesQueue.remove(0).run();
        assertEquals(before + 1, Refusals.get(Refusal.TRACK_FILE_NOT_REGULAR), "the same FIFO: not counted again");

        Files.delete(file);
        Files.writeString(file, "12");
        clock.advanceTo(12 * S);
        filesQueue.remove(0).run();
        assertEquals(List.of(0L, 12L), values);
        watch.stop();
    }

    private FileReading read(String text) throws Exception {
        Path file = dir.resolve("n");
        Files.writeString(file, text);
        return TrackedFileReader.read(file);
    }
}
