package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's proxy: Debian's haproxy in the foreground ({@code haproxy -db -f CFG}, one process), listening on the
 * node's own address, started in the node's namespace by the lab (tracked, ended by pid). The lab's nodes share
 * one PID namespace, so each node's haproxy has a config file of its own, and that is how each node's agent
 * tells its own proxy from the other's: floatip by the command line, keepalived's check by a pid file that the
 * benchmark writes (atomically) once haproxy runs.
 */
final class Haproxy {
    static final String BINARY = "/usr/sbin/haproxy";

    private final Host node;
    private final Path config;
    private final Path pidFile;
    private final List<String> said = new CopyOnWriteArrayList<>();
    private Process process;

    private Haproxy(Host node, Path config, Path pidFile) {
        this.node = node;
        this.config = config;
        this.pidFile = pidFile;
    }

    static Haproxy on(Host node, Path dir) {
        Path config = dir.resolve("haproxy-" + node.name() + ".cfg");
        write(config, """
                # the benchmark's proxy for %s: the process the agents track
                global
                    maxconn 64
                defaults
                    mode tcp
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind %s:8080
                    default_backend be
                backend be
                    server s1 127.0.0.1:8081
                """.formatted(node.name(), node.ipv4()));
        return new Haproxy(node, config, dir.resolve("haproxy-" + node.name() + ".pid"));
    }

    /** The command line haproxy runs with: floatip's {@code processes.X.command} matches its first words. */
    List<String> argv() {
        return List.of(BINARY, "-db", "-f", config.toString());
    }

    Path pidFile() {
        return pidFile;
    }

    /** Starts haproxy and, once it is running and listening, writes its pid file. */
    void start() {
        process = node.start(argv(), said::add);
        // haproxy binds before it settles; its listening socket shows it is up (ss would fork: read /proc instead).
        Lab.await(Duration.ofSeconds(10), () -> !process.isAlive() || listening(), "haproxy on " + node.name());
        if (!process.isAlive()) {
            throw new IllegalStateException("haproxy on " + node.name() + " exited: " + String.join(" / ", said));
        }
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        write(tmp, process.pid() + "\n");
        try {
            Files.move(tmp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether haproxy holds a socket: its fd directory lists more than the three standard streams. */
    private boolean listening() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.count() > 3;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * SIGKILL to haproxy's pid, kill(2) straight from the JVM (no fork); returns the clock read just before.
     * Not Process.destroyForcibly: that reads /proc/PID/stat (is it still the process started?) between the
     * stamp and the signal, 0.05 to 0.1 ms that counted as failover time. A kill with signal 0 just before
     * checks the process is there (the JVM reaps an exited child at once) and links the call, so the first
     * repetition pays no JNA lookup inside the measured time either.
     */
    long kill() {
        int pid = (int) process.pid();
        if (io.floatip.os.LibC.INSTANCE.kill(pid, 0) != 0) {
            throw new IllegalStateException("haproxy on " + node.name() + " is not running");
        }
        long t = Clock.nowMicros();
        io.floatip.os.LibC.INSTANCE.kill(pid, io.floatip.os.LibC.SIGKILL);
        return t;
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
