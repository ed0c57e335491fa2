package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.LabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ip -force -batch -} in the lab's switch namespace, started once per lab and fed one command a
 * line: a cable cut then costs a pipe write and one netlink call, not a fork and an exec of ip (2 to 5 ms,
 * variable), so it can be timed to land on a chosen instant. {@link #at} sleeps, then spins the last
 * stretch, and writes the command {@link #lead} microseconds before the target, the median delay from the
 * write to the carrier loss seen in the node (LinkWatch) over the cuts so far.
 *
 * <p>ip runs real-time (SCHED_FIFO 10, through chrt, which execs it in place): it sleeps on its pipe all
 * the time but for the one netlink call of a cut, and a busy core must not delay its wake-up then.
 *
 * <p>The process runs inside the switch namespace (ip netns exec execs ip in place), so Lab.close, which
 * kills every pid left in its namespaces, also ends it if {@link #close} was not reached.
 */
final class SwitchBatch implements AutoCloseable {
    /** Write-to-carrier-loss delays seen so far (µs), shared by every lab of this run: same machine, same path. */
    private static final List<Long> DELAYS = new CopyOnWriteArrayList<>();
    private static final long FIRST_GUESS_MICROS = 150;

    private final Process process;
    private final OutputStream in;
    private final List<String> said = new CopyOnWriteArrayList<>();

    private SwitchBatch(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
    }

    static SwitchBatch start(Lab lab) {
        ProcessBuilder builder = new ProcessBuilder(lab.netns().execArgv(lab.switchNs(),
                List.of("chrt", "-f", "10", "ip", "-force", "-batch", "-"))).redirectErrorStream(true);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new LabException("cannot start ip -batch in " + lab.switchNs(), e);
        }
        SwitchBatch batch = new SwitchBatch(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    batch.said.add(line);
                    System.out.println("[bench] ip -batch in the switch: " + line);
                }
            } catch (IOException ignored) {
                // closed with the process
            }
        }, "bench-switch-batch-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return batch;
    }

    /** Sends one command now (ip's arguments, without "ip"); returns the clock read just before the write. */
    long send(String command) {
        if (!process.isAlive()) {
            throw new LabException("ip -batch in the switch exited: " + String.join(" / ", said));
        }
        byte[] line = (command + "\n").getBytes(StandardCharsets.US_ASCII);
        long t = Clock.nowMicros();
        try {
            in.write(line);
            in.flush();
        } catch (IOException e) {
            throw new LabException("ip -batch in the switch: " + e.getMessage() + " " + String.join(" / ", said), e);
        }
        return t;
    }

    /**
     * Sends {@code command} so that its effect lands at {@code target} (µs, the common clock): sleeps until
     * 2 ms before, spins until {@link #lead} before, writes. Returns the clock read just before the write.
     */
    long at(long target, String command) throws InterruptedException {
        Clock.sleepUntil(target - lead());
        return send(command);
    }

    /** Records one write-to-effect delay, for the next {@link #lead}. Outliers over 5 ms are left out. */
    static void observed(long delayMicros) {
        if (delayMicros >= 0 && delayMicros < 5000) {
            DELAYS.add(delayMicros);
        }
    }

    /** The median of the delays seen so far (the last 15), or a first guess. */
    static long lead() {
        List<Long> all = List.copyOf(DELAYS);
        if (all.isEmpty()) {
            return FIRST_GUESS_MICROS;
        }
        long[] d = all.subList(Math.max(0, all.size() - 15), all.size()).stream().mapToLong(Long::longValue)
                .toArray();
        Arrays.sort(d);
        return d[d.length / 2];
    }

    /** Closes ip's standard input (it exits at end of input), then ends it by pid if it lingers. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
