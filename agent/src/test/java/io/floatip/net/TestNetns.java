package io.floatip.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace created for one test ("fipnl-PID-N") and configured with ip(8), which
 * checks our netlink code independently. Every ip command names the namespace with -n, so
 * nothing here touches the root namespace.
 */
final class TestNetns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    static TestNetns create() throws IOException, InterruptedException {
        String name = "fipnl-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        run("ip", "netns", "add", name);
        return new TestNetns(name);
    }

    /** Runs "ip -n NAME args..." and returns its output; fails the test on a non-zero exit. */
    String ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Runs "ip netns exec NAME args..." (a witness such as sysctl(8) inside the namespace). */
    String exec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Like {@link #ip} but reports failure instead of throwing. */
    boolean tryIp(String... args) throws InterruptedException {
        try {
            ip(args);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An up interface {@code name} with carrier: a dummy where the kernel has that driver,
     * else one end of a veth pair whose peer ({@code name}p) is up as well.
     */
    void addUpInterface(String name) throws IOException, InterruptedException {
        if (!tryIp("link", "add", name, "type", "dummy")) {
            ip("link", "add", name, "type", "veth", "peer", "name", name + "p");
            ip("link", "set", name + "p", "up");
        }
        ip("link", "set", name, "up");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "del", name);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting so a full pipe cannot stall ip; ip exits right after writing.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": timed out");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
