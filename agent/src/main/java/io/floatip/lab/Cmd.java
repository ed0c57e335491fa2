package io.floatip.lab;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion with a deadline, capturing stdout and stderr together. */
final class Cmd {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Cmd() {
    }

    static ProcessResult run(List<String> argv, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Drained on its own thread: a chatty command must not block on a full pipe while we wait for it.
        Thread drain = new Thread(() -> copy(process.getInputStream(), out), "lab-cmd-output");
        drain.setDaemon(true);
        drain.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                Processes.kill(process.toHandle());
                process.waitFor(1, TimeUnit.SECONDS);
            }
            // A grandchild may keep the pipe open after the command exits; do not wait on it forever.
            drain.join(1000);
        } catch (InterruptedException e) {
            Processes.kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", argv), e);
        }
        String output;
        synchronized (out) {
            output = out.toString(StandardCharsets.UTF_8);
        }
        return new ProcessResult(argv, finished ? process.exitValue() : -1, output, !finished);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // The stream closes under us when a timed-out command is killed; what we have is enough.
        }
    }
}
