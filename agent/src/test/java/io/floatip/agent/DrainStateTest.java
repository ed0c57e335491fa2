package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.DrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainStateTest {
    @TempDir
    Path dir;

    @Test
    void savedNamesComeBackAndNothingSavedIsNoFile() throws IOException {
        Path state = dir.resolve("state"); // created on the first save
        assertEquals(Set.of(), DrainState.load(state));
        DrainState.save(state, List.of("VI_1", "VI_2"));
        assertEquals(List.of("VI_1", "VI_2"), List.copyOf(DrainState.load(state)));
        try (var files = Files.list(state)) {
            assertEquals(List.of(state.resolve("drained")), files.toList(), "no temporary file left behind");
        }
        DrainState.save(state, List.of());
        assertFalse(Files.exists(state.resolve("drained")));
        assertEquals(Set.of(), DrainState.load(state));
    }

    @Test
    void aFifoASymlinkAndAHugeFileAreRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("drained");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        IOException e = assertThrows(IOException.class, () -> DrainState.load(dir));
        assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        Files.delete(fifo);

        Path target = Files.writeString(dir.resolve("elsewhere"), "VI_1\n");
        Files.createSymbolicLink(fifo, target);
        assertThrows(IOException.class, () -> DrainState.load(dir), "a symlink is not followed");
        Files.delete(fifo);

        Files.write(fifo, new byte[DrainState.MAX_BYTES + 1]);
        e = assertThrows(IOException.class, () -> DrainState.load(dir));
        assertTrue(e.getMessage().contains("more than " + DrainState.MAX_BYTES), e.getMessage());
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        Files.writeString(dir.resolve("drained"), "# by hand\n\n VI_1 \nVI_1\n");
        assertEquals(Set.of("VI_1"), DrainState.load(dir));
    }

    @Test
    void anAppliedDrainIsWrittenWhenTheCallerSavesItAndAFailedWriteIsAWarningInTheAnswer() throws IOException {
        // The loop applies a drain and answers; the control thread writes it before replying (no fsync on the loop).
        DrainResult answer = new DrainResult(true, List.of("VI_1"), List.of("VI_1: drained: stays BACKUP"));
        Path state = dir.resolve("state");
        Drains.Applied applied = new Drains.Applied(answer, state, List.of("VI_1"));
        assertFalse(Files.exists(state.resolve("drained")), "nothing written by applying it");
        assertEquals(answer, applied.save());
        assertEquals(Set.of("VI_1"), DrainState.load(state));

        DrainResult refused = new DrainResult(false, List.of("VI_1"), List.of("no instance named VI_9"));
        assertEquals(refused, new Drains.Applied(refused, state, null).save(), "nothing to write");
        assertEquals(Set.of("VI_1"), DrainState.load(state));

        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        DrainResult warned = new Drains.Applied(answer, notADirectory, List.of("VI_1")).save();
        assertTrue(warned.applied(), "the drain holds in memory");
        assertEquals(2, warned.messages().size(), warned.messages().toString());
        assertTrue(warned.messages().get(1).startsWith("warning: the drain state could not be saved in "
                + notADirectory), warned.messages().toString());
    }
}
