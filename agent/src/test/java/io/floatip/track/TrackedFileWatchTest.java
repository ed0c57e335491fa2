package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.agent.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's track_file on a real file, polled in virtual time. */
class TrackedFileWatchTest {
    static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void readsAtStartAndAgainWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("maint");
        Files.writeString(file, "3\n");
        VirtualScheduler clock = new VirtualScheduler();
        List<Long> values = new ArrayList<>();
        TrackedFileWatch watch = new TrackedFileWatch(file, clock, Runnable::run, Runnable::run, values::add);
        watch.start();
        assertEquals(List.of(3L), values, "reported at start");

        clock.advanceTo(5 * S);
        assertEquals(List.of(3L), values, "unchanged: not reported again");

        Files.writeString(file, "-2");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        clock.advanceTo(6 * S);
        assertEquals(List.of(3L, -2L), values);

        Files.delete(file);
        clock.advanceTo(7 * S);
        assertEquals(List.of(3L, -2L, 0L), values, "a missing file counts as 0");

        Files.writeString(file, "not a number");
        clock.advanceTo(8 * S);
        assertEquals(List.of(3L, -2L, 0L), values, "garbage counts as 0 too: no change from 0");

        watch.stop();
        Files.writeString(file, "9");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 20_000));
        clock.advanceTo(20 * S);
        assertEquals(List.of(3L, -2L, 0L), values, "stopped: no more reads");
    }
}
