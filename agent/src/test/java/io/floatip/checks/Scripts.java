package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.floatip.lab.Host;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.ProcessResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the operator scripts of check-scripts/ and examples/ the way floatip and keepalived do: as
 * separate processes, explicitly under /bin/dash, with a clean environment (only PATH and what the
 * test sets), either in this JVM's namespace or inside a lab host's network namespace.
 */
final class Scripts {

    /** Surefire runs in agent/; the scripts live beside it at the top of the repository. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path CHECKS = REPO.resolve("check-scripts");
    static final Path NOTIFY = REPO.resolve("examples/notify.sh");
    static final List<String> NAMES =
            List.of("check_process", "check_tcp", "check_http", "check_haproxy", "check_nginx");

    /** The PATH a service manager gives its scripts; tests that hide tools pass their own. */
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String DASH = "/bin/dash";

    /** What the brief asks of a healthy run is 100 ms; the assertion leaves room for a loaded machine. */
    static final long HEALTHY_BOUND_MS = 500;

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private Scripts() {
    }

    static Path script(String name) {
        return CHECKS.resolve(name);
    }

    /** One finished run: exit code, stdout and stderr merged, wall time. */
    record Run(String what, int exit, String output, long millis) {

        Run expect(int code) {
            assertEquals(code, exit, what + " exited " + exit + ", expected " + code
                    + (output.isBlank() ? "" : ":\n" + output.strip()));
            return this;
        }

        /** Asserts exit 0 within the generous bound, and prints the time so the report shows it. */
        Run healthy() {
            expect(0);
            System.out.printf("timing: %-70s %4d ms%n", what, millis);
            assertTrue(millis < HEALTHY_BOUND_MS, what + " took " + millis + " ms, bound " + HEALTHY_BOUND_MS);
            return this;
        }
    }

    /** Environment builder: PATH is the system's unless {@link #path} changes it. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SYSTEM_PATH);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Map<String, String> path(Path dir, String... pairs) {
        Map<String, String> env = env(pairs);
        env.put("PATH", dir.toString());
        return env;
    }

    /** Runs {@code /bin/dash SCRIPT ARGS} here, with exactly {@code env}. */
    static Run run(Map<String, String> env, Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of(DASH, script.toString()));
        argv.addAll(Arrays.asList(args));
        return runArgv(env, argv);
    }

    /** Runs an argv here (e.g. a script through its own #! line), with exactly {@code env}. */
    static Run runArgv(Map<String, String> env, List<String> argv) {
        Path out;
        try {
            out = Files.createTempFile("floatip-check-", ".out");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            boolean done = process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!done) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(describe(env, argv) + " did not finish within " + DEADLINE);
            }
            return new Run(describe(env, argv), process.exitValue(), Files.readString(out), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // A leftover file in /tmp is not worth failing a test over.
            }
        }
    }

    /** Runs {@code env -i VARS /bin/dash SCRIPT ARGS} inside {@code host}'s network namespace. */
    static Run run(Host host, Map<String, String> env, Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of("env", "-i"));
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.add(DASH);
        argv.add(script.toString());
        argv.addAll(Arrays.asList(args));
        long start = System.nanoTime();
        ProcessResult result = host.exec(DEADLINE, argv);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String what = "[" + host.name() + "] " + describe(env, argv.subList(2 + env.size(), argv.size()));
        if (result.timedOut()) {
            fail(what + " did not finish within " + DEADLINE);
        }
        return new Run(what, result.exitCode(), result.output(), millis);
    }

    private static String describe(Map<String, String> env, List<String> argv) {
        StringBuilder s = new StringBuilder();
        env.forEach((k, v) -> {
            if (k.equals("PATH")) {
                // A tool dir is named after what it holds: bin-curl, bin-empty...
                if (!v.equals(SYSTEM_PATH)) {
                    s.append("PATH=").append(Path.of(v).getFileName()).append(' ');
                }
            } else {
                s.append(k).append('=').append(v).append(' ');
            }
        });
        for (String arg : argv) {
            if (arg.equals(DASH)) {
                continue;
            }
            String shown = arg.startsWith(CHECKS.toString()) || arg.startsWith(NOTIFY.toString())
                    ? Path.of(arg).getFileName().toString() : arg;
            s.append(shown).append(' ');
        }
        return s.toString().strip();
    }

    /** Where {@code tool} is on the system PATH, if anywhere. */
    static Optional<Path> which(String tool) {
        for (String dir : SYSTEM_PATH.split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tool's path; a test that needs a missing tool is skipped, or fails under CI=true. */
    static Path requireTool(String tool, String debianPackage) {
        return HostTests.requireTool(tool, debianPackage);
    }

    /** Network namespaces need root: skipped without it, a failure under CI=true. */
    static void requireRoot() {
        HostTests.requireRoot("these tests build network namespaces and need root");
    }

    /**
     * A directory holding links to just these tools, to run a script on a PATH where the others do not
     * exist (how a minimal host looks to it).
     */
    static Path toolDir(Path parent, String name, String... tools) {
        Path dir = parent.resolve("bin-" + name);
        try {
            Files.createDirectories(dir);
            for (String tool : tools) {
                Path target = which(tool).orElseThrow(() -> new IllegalStateException(tool + " not installed"));
                Path link = dir.resolve(tool);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A command name no other process on this machine has: a prefix, then random hex. */
    static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    /** A link named {@code name} to {@code binary}: run through it, the kernel names the process so. */
    static Path renamed(Path dir, Path binary, String name) {
        Path link = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.createSymbolicLink(link, binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return link;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of the first ```LANG fenced block of check-scripts/README.md: the snippet operators copy. */
    static String readmeSnippet(String lang) {
        String readme = read(CHECKS.resolve("README.md"));
        String open = "```" + lang + "\n";
        int start = readme.indexOf(open);
        assertTrue(start >= 0, "check-scripts/README.md has a ```" + lang + " block");
        int end = readme.indexOf("```", start + open.length());
        return readme.substring(start + open.length(), end);
    }

    /** Waits until something listens on TCP {@code port} inside {@code host} (probed with ss, not the scripts). */
    static void awaitListening(Host host, int port, Process server, StringBuilder log) {
        Lab.await(Duration.ofSeconds(10), () -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited " + server.exitValue() + ":\n" + log);
            }
            ProcessResult ss = host.exec("ss", "-Hltn", "sport = :" + port);
            return ss.ok() && !ss.output().isBlank();
        }, "a listener on port " + port + " in " + host);
    }

    /** Stops a server this test started in a lab host: SIGTERM by pid, then waits for it to exit. */
    static void stop(Host host, Process server) {
        if (!server.isAlive()) {
            return;
        }
        host.signal(server, "TERM");
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                fail("pid " + server.pid() + " did not exit on SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a process has exited. An orphan is reaped by whoever adopted it, maybe late: until
     * then it is a zombie, which has exited all the same.
     */
    static boolean exited(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** Collects a server's output lines for a failure message. */
    static java.util.function.Consumer<String> into(StringBuilder log) {
        return line -> {
            synchronized (log) {
                log.append(line).append('\n');
            }
        };
    }
}
