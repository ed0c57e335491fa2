package io.floatip.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A controlled CPU load: {@code k} shell loops that spin without forking (a loop that runs a command each turn
 * is a fork storm, which on this VM's kernel delays even real-time threads by ~90 ms), each under
 * {@code timeout} so that none outlives a benchmark that dies, ended by pid when closed or when the benchmark's
 * JVM exits.
 */
final class BusyLoops implements AutoCloseable {
    /** The longest a loop may run if close() is never reached. */
    private static final int SAFETY_SECONDS = 3 * 3600;

    private final List<Process> loops;

    private BusyLoops(List<Process> loops) {
        this.loops = loops;
        // A benchmark ended by a signal runs hooks, not finally blocks: the loops end with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> loops.forEach(Process::destroy)));
    }

    static BusyLoops start(int k) throws IOException {
        List<Process> loops = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            loops.add(new ProcessBuilder("timeout", Integer.toString(SAFETY_SECONDS), "sh", "-c",
                    "while :; do :; done").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
        if (k > 0) {
            System.out.println("[bench] load: " + k + " busy loops (sh -c 'while :; do :; done')");
        }
        return new BusyLoops(loops);
    }

    /** timeout passes SIGTERM on to its child, so ending timeout (by pid) ends the loop. */
    @Override
    public void close() {
        for (Process p : loops) {
            p.destroy();
        }
        for (Process p : loops) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
