package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
