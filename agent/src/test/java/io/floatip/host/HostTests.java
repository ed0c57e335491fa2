package io.floatip.host;

/** Host tests need root for namespaces and raw frames. Skipped without it, except under CI, where that fails. */
final class HostTests {
    /** The lab pair's usual VIP and advert interval (centiseconds), as {@link #startAgent} writes them. */
    static final String PAIR_VIP = "198.51.100.50";
    static final int PAIR_INTERVAL_CS = 10;

    private HostTests() {
    }

    static void requireRoot() {
        io.floatip.lab.HostTests.requireRoot("host tests need root (network namespaces, raw frames); run them as root");
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** An agent started in a lab node: its process and its config (which names its control socket). */
    record Started(java.lang.Process process, java.nio.file.Path config) {
    }

    /**
     * Starts floatip in {@code node} with the lab pair's usual instance (VRRPv3, VRID 51, 100 ms, preempt,
     * 198.51.100.50/24) at {@code priority}; each output line goes to {@code log} and to the test output.
     */
    static Started startAgent(java.nio.file.Path dir, io.floatip.lab.Node node, int priority,
                              java.util.List<String> log) {
        return startAgent(dir, node, priority, "", log);
    }

    /** The same, with {@code extra} YAML after the instance's keys (as {@link io.floatip.lab.PairConfig} adds it). */
    static Started startAgent(java.nio.file.Path dir, io.floatip.lab.Node node, int priority, String extra,
                              java.util.List<String> log) {
        java.nio.file.Path config = io.floatip.lab.PairConfig.write(dir, node.name(), 3, priority,
                PAIR_INTERVAL_CS, true, PAIR_VIP + "/24", extra);
        java.lang.Process p = node.start(io.floatip.lab.AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        });
        return new Started(p, config);
    }

    /** Global IPv6 addresses in 2001:db8:1::/64 on eth0: n1 ::11, n2 ::12, the client ::100. */
    static void addIpv6(io.floatip.lab.Lab lab) {
        lab.node(1).ip("addr", "add", "2001:db8:1::11/64", "dev", "eth0").orThrow();
        lab.node(2).ip("addr", "add", "2001:db8:1::12/64", "dev", "eth0").orThrow();
        lab.client().ip("addr", "add", "2001:db8:1::100/64", "dev", "eth0").orThrow();
    }

    /** A second interface, eth1, up in {@code node}, its veth peer eth1p up in the same namespace. */
    static void addEth1(io.floatip.lab.Node node) {
        node.ip("link", "add", "eth1", "type", "veth", "peer", "name", "eth1p").orThrow();
        node.ip("link", "set", "eth1", "up").orThrow();
        node.ip("link", "set", "eth1p", "up").orThrow();
    }

    /** Thread.sleep for lambdas and loops that cannot throw InterruptedException: rethrown unchecked. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code check} (assertions) again and again, with no pause, for {@code millis}: a state that must hold
     * at every sample of a window, not just at its end.
     */
    static void throughout(long millis, Runnable check) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            check.run();
        }
    }

    /**
     * The lines an agent logged since the first {@code from}, as a snapshot: a sublist of the live list
     * throws ConcurrentModificationException when the agent logs a line while it is being read.
     */
    static java.util.List<String> linesSince(java.util.List<String> log, int from) {
        java.util.List<String> snapshot = java.util.List.copyOf(log);
        return snapshot.subList(Math.min(from, snapshot.size()), snapshot.size());
    }
}
