package io.floatip.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A throwaway network: a switch namespace with bridge br0, N node namespaces and a client namespace,
 * each plugged into the bridge through a veth pair. Nothing in the root namespace is touched.
 *
 * <p>close() stops every process the lab started and deletes every namespace it made. It also runs
 * from a shutdown hook, so Ctrl-C during {@code floatip demo} or a test leaves nothing behind.
 */
public final class Lab implements AutoCloseable {

    private final String prefix;
    private final Netns netns = new Netns();
    private final Processes processes = new Processes();
    private final Thread shutdownHook;
    private final List<Node> nodes = new ArrayList<>();
    private final String switchNs;
    private Host client;
    private boolean closed;

    private Lab(String prefix) {
        this.prefix = prefix;
        this.switchNs = prefix + "-sw";
        this.shutdownHook = new Thread(this::closeFromHook, "floatip-lab-cleanup-" + prefix);
        // Registered before the first namespace exists, so an interrupted build is cleaned up too.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Builds a lab of {@code nodes} nodes plus a client; {@code tag} only makes its names readable. */
    public static Lab create(String tag, int nodes) {
        return build(Names.newPrefix(tag), nodes);
    }

    /**
     * A lab whose namespaces are {@code prefix}-sw, -n1..., -c, for an operator who wants to look inside
     * (`ip netns exec demo-n1 ip addr`). A namespace of those names that already exists is not adopted: the
     * build fails and removes what it made.
     *
     * @throws IllegalArgumentException when the prefix is not a short lower-case name
     */
    public static Lab createNamed(String prefix, int nodes) {
        String problem = Names.prefixProblem(prefix);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return build(prefix, nodes);
    }

    /** Why {@link #createNamed} would refuse {@code prefix}, or null. */
    public static String prefixProblem(String prefix) {
        return Names.prefixProblem(prefix);
    }

    private static Lab build(String prefix, int nodes) {
        requireRoot();
        if (nodes < 1 || nodes > Plan.MAX_NODES) {
            throw new IllegalArgumentException("a lab has 1.." + Plan.MAX_NODES + " nodes, not " + nodes);
        }
        Lab lab = new Lab(prefix);
        try {
            lab.build(nodes);
            return lab;
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Throws with a message that says why, unless this JVM runs as root. */
    public static void requireRoot() {
        Root.require();
    }

    public static boolean isRoot() {
        return Root.isRoot();
    }

    /**
     * Polls {@code condition} every few milliseconds until it holds, or throws {@link LabTimeout}
     * naming {@code what} once {@code timeout} has passed.
     */
    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        Await.until(timeout, condition, what);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code index}, counting from 1 like its name and address. */
    public Node node(int index) {
        return nodes.get(index - 1);
    }

    public Host client() {
        return client;
    }

    public String switchNs() {
        return switchNs;
    }

    public String bridge() {
        return Plan.BRIDGE;
    }

    /** Every namespace this lab created and has not yet deleted. */
    public List<String> namespaces() {
        return netns.created();
    }

    /** The guarded ip runner, for commands the Host methods do not cover. */
    /**
     * Deletes the host's cable at the switch (its eth0 disappears with it) and plugs a new one: an interface
     * with the same name, MAC and address but a new index, as when a NIC is removed and comes back.
     */
    public void replug(Host host) {
        netns.ip(switchNs, "link", "del", host.switchPort()).orThrow();
        Wiring.plug(netns, host, switchNs);
        Wiring.awaitReady(netns, host, switchNs);
    }

    /**
     * Bridge port isolation: isolated ports cannot reach each other but still reach every other port. Isolating
     * two nodes partitions them from each other while both keep the client.
     */
    public void isolate(Host host, boolean isolated) {
        netns.exec(switchNs, Cmd.DEFAULT_TIMEOUT, java.util.List.of("bridge", "link", "set", "dev",
                host.switchPort(), "isolated", isolated ? "on" : "off")).orThrow();
    }

    /**
     * Takes the host's cable off the bridge: its frames arrive only on its switch port, for a relay in the
     * switch namespace to pass on (delayed) through the port pair of {@link #relayPort}.
     */
    public void detour(Host host) {
        netns.ip(switchNs, "link", "set", "dev", host.switchPort(), "nomaster").orThrow();
    }

    /**
     * Makes the relay's port pair for {@link #detour} (call it first, so the relay can open its ports while
     * the host's frames still take the bridge): returns the name; its "a" end is for the relay, its "b" end
     * is on the bridge.
     */
    public String relayPort(Host host) {
        String relay = "r" + host.switchPort();
        relay = relay.length() > 14 ? relay.substring(0, 14) : relay;
        netns.ip(switchNs, "link", "add", relay + "a", "type", "veth", "peer", "name", relay + "b").orThrow();
        netns.ip(switchNs, "link", "set", "dev", relay + "b", "master", Plan.BRIDGE).orThrow();
        netns.ip(switchNs, "link", "set", "dev", relay + "a", "up").orThrow();
        netns.ip(switchNs, "link", "set", "dev", relay + "b", "up").orThrow();
        return relay;
    }

    /** Undoes {@link #detour}: the relay port goes, and the host's cable is on the bridge again. */
    public void undetour(Host host) {
        String relay = "r" + host.switchPort();
        relay = relay.length() > 14 ? relay.substring(0, 14) : relay;
        netns.ip(switchNs, "link", "del", relay + "a").orThrow();
        netns.ip(switchNs, "link", "set", "dev", host.switchPort(), "master", Plan.BRIDGE).orThrow();
    }

    /** Starts a process in the switch namespace (a relay), tracked and stopped by PID like the hosts' ones. */
    public Process startInSwitch(List<String> argv, java.util.function.Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(netns.execArgv(switchNs, argv)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv) + " in " + switchNs, e);
        }
        processes.track(process);
        Thread reader = new Thread(() -> Host.forward(process, lines), "lab-switch-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    public Netns netns() {
        return netns;
    }

    /** The common start of this lab's names, e.g. "fip4242a-demo". */
    public String prefix() {
        return prefix;
    }

    private void build(int count) {
        netns.add(switchNs);
        Wiring.buildSwitch(netns, switchNs);
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Node node = new Node(i, netns, processes, prefix + "-n" + i, Plan.nodeMac(i), Plan.nodeIpv4(i),
                    switchNs, "sw-n" + i);
            nodes.add(node);
            hosts.add(node);
        }
        client = new Host(netns, processes, "client", prefix + "-c", Plan.CLIENT_MAC, Plan.CLIENT_IPV4,
                switchNs, "sw-client");
        hosts.add(client);
        for (Host host : hosts) {
            netns.add(host.ns());
            Wiring.plug(netns, host, switchNs);
        }
        for (Host host : hosts) {
            Wiring.awaitReady(netns, host, switchNs);
        }
    }

    /**
     * Stops the lab's processes (children first, by pid), then deletes its namespaces. Safe to call
     * twice and from the shutdown hook; a second caller waits for the first to finish.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // We are the hook, or the JVM is exiting: nothing to unregister.
        }
        List<String> failures = new ArrayList<>();
        for (ProcessHandle survivor : processes.killAll()) {
            failures.add("process " + survivor.pid() + " survived SIGKILL");
        }
        // Anything else still inside (a child that escaped its parent, a timed-out exec) would keep
        // the namespace alive after ip netns del; only pids inside our own namespaces are touched.
        for (String ns : netns.created()) {
            for (long pid : netns.pids(ns)) {
                ProcessHandle.of(pid).ifPresent(handle -> {
                    for (ProcessHandle survivor : Processes.kill(handle)) {
                        failures.add("process " + survivor.pid() + " in " + ns + " survived SIGKILL");
                    }
                });
            }
        }
        failures.addAll(netns.deleteAll());
        if (!failures.isEmpty()) {
            throw new LabException("lab " + prefix + " not fully cleaned up: " + String.join("; ", failures));
        }
    }

    private void closeFromHook() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("floatip lab cleanup: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Lab " + prefix + " " + nodes + " client " + client;
    }
}
