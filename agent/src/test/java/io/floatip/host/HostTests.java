package io.floatip.host;

/** Host tests need root for namespaces and raw frames. Skipped without it, except under CI, where that fails. */
final class HostTests {
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
        java.nio.file.Path config = io.floatip.lab.PairConfig.write(dir, node.name(), 3, priority, 10, true,
                "198.51.100.50/24", extra);
        java.lang.Process p = node.start(io.floatip.lab.AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        });
        return new Started(p, config);
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
