package io.floatip.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The only way the lab runs {@code ip}. It remembers the namespaces it created and refuses to run
 * anything inside any other, so no lab command can reach the root namespace or a namespace that
 * belongs to someone else on this host.
 */
public final class Netns {

    private final Set<String> created = new LinkedHashSet<>();
    private boolean closed;

    /** Names of every network namespace on the host (not only ours), from {@code ip netns list}. */
    public static List<String> listAll() {
        ProcessResult result = Cmd.run(List.of("ip", "netns", "list"), Cmd.DEFAULT_TIMEOUT).orThrow();
        List<String> names = new ArrayList<>();
        // Lines look like "name" or "name (id: 3)".
        for (String line : result.output().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed.split("\\s+", 2)[0]);
            }
        }
        return names;
    }

    /** Creates a namespace. Fails, rather than adopting it, if one of that name already exists. */
    public synchronized void add(String name) {
        if (closed) {
            throw new LabException("namespaces already deleted; cannot add " + name);
        }
        if (!Names.isValidNamespace(name)) {
            throw new IllegalArgumentException("bad namespace name: " + name);
        }
        Cmd.run(List.of("ip", "netns", "add", name), Cmd.DEFAULT_TIMEOUT).orThrow();
        created.add(name);
    }

    public synchronized boolean owns(String name) {
        return created.contains(name);
    }

    public synchronized List<String> created() {
        return List.copyOf(created);
    }

    /** Throws unless {@code name} is a namespace this object created and has not yet deleted. */
    public synchronized void requireOwned(String name) {
        if (closed || !created.contains(name)) {
            throw new LabException("refusing to run a command in network namespace '" + name + "': "
                    + (closed ? "this lab is closed" : "this lab did not create it"));
        }
    }

    /** {@code ip -n NS args...}, in one of our namespaces only. */
    public ProcessResult ip(String ns, String... args) {
        requireOwned(ns);
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(Arrays.asList(args));
        return Cmd.run(argv, Cmd.DEFAULT_TIMEOUT);
    }

    /** {@code ip netns exec NS argv...}, in one of our namespaces only. */
    public ProcessResult exec(String ns, Duration timeout, List<String> argv) {
        return Cmd.run(execArgv(ns, argv), timeout);
    }

    /** The argv that runs {@code argv} inside {@code ns}; checked here so every caller is guarded. */
    public List<String> execArgv(String ns, List<String> argv) {
        requireOwned(ns);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        return full;
    }

    /**
     * A veth pair made inside {@code fromNs} whose peer is born inside {@code toNs}: neither end ever
     * exists in the root namespace. Both namespaces must be ours.
     */
    public void addVeth(String fromNs, String name, String toNs, String peerName) {
        requireOwned(toNs);
        Names.requireInterfaceName(name);
        Names.requireInterfaceName(peerName);
        ip(fromNs, "link", "add", name, "type", "veth", "peer", "name", peerName, "netns", toNs).orThrow();
    }

    /** Process ids still living in one of our namespaces. */
    public List<Long> pids(String ns) {
        requireOwned(ns);
        ProcessResult result = Cmd.run(List.of("ip", "netns", "pids", ns), Cmd.DEFAULT_TIMEOUT);
        List<Long> pids = new ArrayList<>();
        for (String line : result.output().split("\\s+")) {
            if (line.matches("[0-9]+")) {
                pids.add(Long.parseLong(line));
            }
        }
        return pids;
    }

    /**
     * Deletes every namespace we created (their interfaces go with them) and refuses all further
     * commands. Returns the failures; an empty list means everything is gone.
     */
    public synchronized List<String> deleteAll() {
        closed = true;
        List<String> failures = new ArrayList<>();
        for (String name : List.copyOf(created)) {
            ProcessResult result = Cmd.run(List.of("ip", "netns", "del", name), Cmd.DEFAULT_TIMEOUT);
            // Already gone (someone deleted it by hand) counts as done.
            if (result.ok() || !listAll().contains(name)) {
                created.remove(name);
            } else {
                failures.add(result.describe());
            }
        }
        return failures;
    }
}
