package io.floatip.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The long-running processes a lab started, and how to stop them: always by PID, children before
 * parents, never by name (another agent on this host may run the very same command line).
 */
final class Processes {

    /** How long a process gets to exit on SIGTERM before it is sent SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private static final Pattern SIGNAL = Pattern.compile("[A-Z][A-Z0-9+-]*|[0-9]{1,2}");

    private final List<Process> started = new ArrayList<>();
    private boolean closed;

    /** Remembers a process for cleanup; one that starts while the lab is closing is stopped at once. */
    void track(Process process) {
        synchronized (this) {
            if (!closed) {
                started.add(process);
                return;
            }
        }
        kill(process.toHandle());
        throw new LabException("lab is closed; stopped " + process.pid() + " right after it started");
    }

    synchronized boolean isTracked(Process process) {
        return started.contains(process);
    }

    /** Stops every tracked process; returns those still alive afterwards (should be none). */
    List<ProcessHandle> killAll() {
        List<Process> toKill;
        synchronized (this) {
            closed = true;
            toKill = new ArrayList<>(started);
            started.clear();
        }
        List<ProcessHandle> survivors = new ArrayList<>();
        for (Process process : toKill) {
            survivors.addAll(kill(process.toHandle()));
        }
        return survivors;
    }

    /**
     * SIGTERM to the process and its descendants (deepest first, so a parent cannot respawn a child
     * it has already seen die), then SIGKILL to whatever is left after the grace period.
     */
    static List<ProcessHandle> kill(ProcessHandle root) {
        // Collected before anything dies: once the parent exits, its children are reparented and lost.
        List<ProcessHandle> family = new ArrayList<>(root.descendants()
                .sorted(Comparator.comparingInt(Processes::depthBelowInit).reversed())
                .toList());
        family.add(root);
        family.forEach(ProcessHandle::destroy);
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle handle : family) {
            if (!awaitExit(handle, GRACE)) {
                handle.destroyForcibly();
                if (!awaitExit(handle, GRACE)) {
                    survivors.add(handle);
                }
            }
        }
        return survivors;
    }

    /** Sends a signal such as "TERM", "HUP" or "USR1" to one PID with kill(1). */
    static void signal(long pid, String signal) {
        if (!SIGNAL.matcher(signal).matches()) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        Cmd.run(List.of("kill", "-s", signal, Long.toString(pid)), Cmd.DEFAULT_TIMEOUT).orThrow();
    }

    /**
     * Polls rather than using onExit(): for a process that is not our child the JDK polls with
     * 300 ms+ back-off, and counts a zombie as alive until some init reaps it, which can take seconds.
     */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            Await.until(timeout, () -> hasExited(handle), "pid " + handle.pid() + " to exit");
            return true;
        } catch (LabTimeout e) {
            return false;
        }
    }

    /** A zombie has exited: it already let go of its namespaces and only waits to be reaped. */
    static boolean hasExited(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            // "pid (comm) S ...": comm may hold spaces or parentheses, so read after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !handle.isAlive();
        }
    }

    private static int depthBelowInit(ProcessHandle handle) {
        int depth = 0;
        for (ProcessHandle h = handle; h.parent().isPresent(); h = h.parent().get()) {
            depth++;
        }
        return depth;
    }
}
