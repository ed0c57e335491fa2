package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes, real /proc and pidfds (no root needed): exits seen at once, new processes within the bound. */
class ProcessWatchTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A copy of sleep under a name no other process has, so its comm is ours alone. */
    private Path sleeper(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private Process start(Path binary, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(binary.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).start();
        started.add(p);
        return p;
    }

    record Count(int index, int count, long at) {
    }

    @Test
    void anExitIsSeenAtOnceAndANewProcessWithinTheBelowQuorumBound() throws Exception {
        String name = "fpw" + ProcessHandle.current().pid();
        Path bin = sleeper(name);
        Process first = start(bin, "1000");
        LinkedBlockingQueue<Count> counts = new LinkedBlockingQueue<>();
        ProcessMatch byName = new ProcessMatch(name, List.of());
        ProcessMatch byCommand = new ProcessMatch(null, List.of(bin.toString(), "1000"));
        Thread.sleep(50); // exec done: the comm is the copy's name
        try (ProcessWatch watch = new ProcessWatch(List.of(byName, byCommand), new int[] {1, 1},
                (k, n) -> counts.add(new Count(k, n, System.nanoTime())))) {
            assertEquals(1, watch.count(0), "found by name before start");
            assertEquals(1, watch.count(1), "found by command line");
            counts.clear();
            watch.start();

            long kill = System.nanoTime();
            first.destroyForcibly();
            Count gone = counts.poll(2, TimeUnit.SECONDS);
            assertTrue(gone != null && gone.count == 0, "the exit reported: " + gone);
            long exitMs = (gone.at - kill) / 1_000_000;
            System.out.printf("[timing] tracked process SIGKILL -> count 0: %.2f ms%n", (gone.at - kill) / 1e6);
            assertTrue(exitMs < ProcessWatch.BELOW_QUORUM_MILLIS, "at once, not by polling /proc: " + exitMs + " ms");
            Count other = counts.poll(2, TimeUnit.SECONDS);
            assertTrue(other != null && other.count == 0, "both matchers followed it: " + other);

            long t0 = System.nanoTime();
            start(bin, "1000");
            Count back = counts.poll(3, TimeUnit.SECONDS);
            assertTrue(back != null && back.count == 1, "the new process found: " + back);
            long foundMs = (back.at - t0) / 1_000_000;
            System.out.printf("[timing] new tracked process -> found: %d ms (bound %d ms + the exec)%n", foundMs,
                    ProcessWatch.BELOW_QUORUM_MILLIS);
            // The bound plus the fork and exec of the new process, which a loaded CI machine can stretch.
            assertTrue(foundMs <= ProcessWatch.BELOW_QUORUM_MILLIS + 1000, "within the bound: " + foundMs + " ms");
        }
    }

    @Test
    void anotherCommandLineOrNameDoesNotCount() throws Exception {
        String name = "fpx" + ProcessHandle.current().pid();
        Path bin = sleeper(name);
        start(bin, "999");
        Thread.sleep(50);
        try (ProcessWatch watch = new ProcessWatch(List.of(new ProcessMatch(null, List.of(bin.toString(), "1000")),
                new ProcessMatch(name + "z", List.of())), new int[] {1, 1}, (k, n) -> { })) {
            assertEquals(0, watch.count(0), "argument 999, not 1000");
            assertEquals(0, watch.count(1));
        }
    }

    @Test
    void matchingIsByCommOrByTheCommandLinesFirstWords() {
        ProcessMatch byName = new ProcessMatch("haproxy", List.of());
        assertTrue(byName.matches("haproxy", List.of()));
        assertFalse(byName.matches("haproxy2", List.of("/usr/sbin/haproxy")));
        ProcessMatch byCommand = new ProcessMatch(null, List.of("/usr/sbin/haproxy", "-f"));
        assertTrue(byCommand.needsCommandLine());
        assertTrue(byCommand.matches("x", List.of("/usr/sbin/haproxy", "-f", "/etc/haproxy/haproxy.cfg")));
        assertFalse(byCommand.matches("haproxy", List.of("/usr/sbin/haproxy")), "too few words");
        assertFalse(byCommand.matches("haproxy", List.of()), "a kernel thread has no command line");
        assertFalse(byCommand.matches("haproxy", List.of("haproxy", "-f")), "argv[0] exactly");
    }
}
