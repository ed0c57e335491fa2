package io.floatip.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real keepalived running as a VRRP peer inside one lab node.
 *
 * <p>keepalived is two processes: the parent started here (its pid is the Process's, since ip netns exec
 * execs in place) and a VRRP child that speaks the protocol and that the parent respawns if it dies. Both
 * are only ever signalled by pid, and only as descendants of the parent this object started.
 */
public final class Keepalived implements AutoCloseable {

    /** keepalived gives its children 5 s (child_wait_time) to exit on SIGTERM; a little more for the parent. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration LAST_LINES = Duration.ofSeconds(1);

    private final Host node;
    private final KeepalivedConfig config;
    private final KeepalivedFiles files;
    private final KeepalivedLog log;
    private final Process process;

    private Keepalived(Host node, KeepalivedConfig config, KeepalivedFiles files, KeepalivedLog log,
                       Process process) {
        this.node = node;
        this.config = config;
        this.files = files;
        this.log = log;
        this.process = process;
    }

    /** As {@link #start(Host, KeepalivedConfig, Path, Consumer)}, echoing keepalived's lines to stdout. */
    public static Keepalived start(Host node, KeepalivedConfig config, Path workDir) {
        return start(node, config, workDir, System.out::println);
    }

    /**
     * Writes the config into {@code workDir} and starts keepalived in {@code node}; returns once the instance
     * has entered its first state (BACKUP, or MASTER for an address owner), so it is already taking part in
     * VRRP. Each output line goes to {@code output} as "[keepalived n1] ..." without keepalived's timestamp.
     */
    public static Keepalived start(Host node, KeepalivedConfig config, Path workDir, Consumer<String> output) {
        if (!Files.isExecutable(KeepalivedFiles.BINARY)) {
            throw new LabException("keepalived is not installed at " + KeepalivedFiles.BINARY);
        }
        KeepalivedFiles files = KeepalivedFiles.in(workDir, node.name());
        // Before the config is written: a keepalived still running on these files must keep its own config.
        files.clearStalePidFiles();
        config.writeTo(files.config());
        KeepalivedLog log = new KeepalivedLog(config.name());
        String prefix = "[keepalived " + node.name() + "] ";
        Process process = node.start(files.argv(), raw -> echo(output, prefix + log.add(raw)));
        Keepalived keepalived = new Keepalived(node, config, files, log, process);
        keepalived.awaitStarted();
        return keepalived;
    }

    /**
     * Runs {@code keepalived --config-test} on this config inside {@code node}. Exit code 0 means keepalived
     * took every line as written; any warning (a rounded interval, an ignored keyword) makes it non-zero.
     */
    public static ProcessResult checkConfig(Host node, KeepalivedConfig config, Path workDir) {
        KeepalivedFiles files = KeepalivedFiles.in(workDir, node.name() + "-check");
        config.writeTo(files.config());
        return node.exec(Cmd.DEFAULT_TIMEOUT, files.configTestArgv());
    }

    public Host node() {
        return node;
    }

    public KeepalivedConfig config() {
        return config;
    }

    public KeepalivedFiles files() {
        return files;
    }

    /** The parent's pid. */
    public long pid() {
        return process.pid();
    }

    /** The VRRP child's pid now (it changes if the parent respawns it), or -1 if there is none. */
    public long vrrpPid() {
        return process.toHandle().children().filter(h -> !Processes.hasExited(h))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    public boolean isRunning() {
        return !Processes.hasExited(process.toHandle());
    }

    /**
     * The instance's VRRP state from keepalived's own "(VI_1) Entering MASTER STATE" lines: INIT, BACKUP,
     * MASTER or FAULT while it runs, STOPPED once the parent has exited. A SIGTERMed master logs no state
     * change (it resigns with a priority-0 advert and exits), so STOPPED is the only honest answer then.
     */
    public String state() {
        return isRunning() ? log.state() : KeepalivedLog.STOPPED;
    }

    /** Waits until {@link #state()} is {@code expected}, or throws {@link LabTimeout} naming the last lines. */
    public void awaitState(String expected, Duration timeout) {
        Lab.await(timeout, () -> state().equals(expected),
                "keepalived on " + node.name() + " to be " + expected + " (is " + state() + ")");
    }

    /** Every line so far, without keepalived's timestamps. */
    public List<String> log() {
        return log.lines();
    }

    /** Whether any line so far contains {@code text}. */
    public boolean logContains(String text) {
        return log.contains(text);
    }

    /**
     * SIGTERM to the parent, which stops its VRRP child (a master first sends a priority-0 advert and removes
     * its VIPs), then waits for both to exit. If they have not within {@link #STOP_TIMEOUT} they are killed
     * and this throws.
     */
    public synchronized void stop() {
        List<ProcessHandle> family = family();
        if (!isRunning()) {
            killAll(family);
            return;
        }
        signalParent("TERM");
        List<ProcessHandle> left = awaitExit(family, STOP_TIMEOUT);
        if (!left.isEmpty()) {
            killAll(family);
            throw new LabException("keepalived on " + node.name() + " still had " + pids(left) + " "
                    + STOP_TIMEOUT.toSeconds() + " s after SIGTERM; killed them");
        }
        // The reader thread may still be draining the pipe; the last line marks a clean shutdown.
        try {
            Lab.await(LAST_LINES, () -> log.contains(KeepalivedLog.STOPPED_LINE), "keepalived's last line");
        } catch (LabTimeout ignored) {
            // Only the tail of the log is missing; the processes are gone, which is what stop() promises.
        }
    }

    /**
     * The peer dies hard: no priority-0 advert, its VIPs stay on the node's interface. SIGKILL goes to the
     * VRRP child first, because SIGKILL to the parent alone makes the kernel send the child SIGTERM (its
     * parent-death signal) and it would resign cleanly; the parent is frozen with SIGSTOP first, because it
     * would otherwise respawn the child the moment it sees it die.
     */
    public synchronized void kill() {
        if (isRunning()) {
            signalParent("STOP");
            // Not before the parent is really stopped: a pending SIGSTOP does not yet keep it from respawning.
            Lab.await(KILL_TIMEOUT, () -> isStoppedOrGone(process.toHandle()), "keepalived parent to stop");
        }
        List<ProcessHandle> family = family();
        killAll(family);
        clearPidFiles();
    }

    /** stop() if keepalived is still running. */
    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "keepalived on " + node.name() + " pid " + pid() + " (" + state() + ")";
    }

    private void awaitStarted() {
        try {
            Lab.await(START_TIMEOUT, () -> !log.state().equals(KeepalivedLog.INIT) || !isRunning(),
                    "keepalived on " + node.name() + " to enter its first state");
        } catch (LabTimeout e) {
            kill();
            throw new LabException(e.getMessage() + "; its output:\n" + String.join("\n", log.lines()), e);
        }
        if (!isRunning()) {
            // Give the reader a moment for keepalived's reason, which it prints just before exiting.
            Processes.awaitExit(process.toHandle(), LAST_LINES);
            kill();
            throw new LabException("keepalived on " + node.name() + " exited during startup; its output:\n"
                    + String.join("\n", log.lines()));
        }
    }

    /** A throwing consumer must not end the reader: keepalived would block once the pipe fills up. */
    private static void echo(Consumer<String> output, String line) {
        try {
            output.accept(line);
        } catch (RuntimeException e) {
            // The line is still in log(); only the echo is lost.
        }
    }

    /** Children (deepest first) then the parent, collected while the parent still holds them. */
    private List<ProcessHandle> family() {
        List<ProcessHandle> family = new ArrayList<>(process.toHandle().descendants().toList());
        family.add(process.toHandle());
        return family;
    }

    private void signalParent(String signal) {
        try {
            node.signal(process, signal);
        } catch (LabException e) {
            // It may have exited between our check and kill(1); only a live parent is an error.
            if (isRunning()) {
                throw e;
            }
        }
    }

    private void killAll(List<ProcessHandle> family) {
        // ProcessHandle checks the start time before signalling, so a recycled pid is never hit.
        family.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> left = awaitExit(family, KILL_TIMEOUT);
        if (!left.isEmpty()) {
            throw new LabException("keepalived on " + node.name() + ": " + pids(left) + " survived SIGKILL");
        }
    }

    private void clearPidFiles() {
        for (Path file : List.of(files.pid(), files.vrrpPid(), files.checkersPid(), files.bfdPid())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover pid file of a dead process is harmless: the next start() removes it.
            }
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = new ArrayList<>();
        for (ProcessHandle h : handles) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!Processes.awaitExit(h, remaining)) {
                left.add(h);
            }
        }
        return left;
    }

    private static boolean isStoppedOrGone(ProcessHandle handle) {
        if (Processes.hasExited(handle)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("T");
        } catch (IOException e) {
            return Processes.hasExited(handle);
        }
    }

    private static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(h -> Long.toString(h.pid())).toList().toString();
    }
}
