package io.floatip.lab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One machine of the lab: a namespace whose {@code eth0} is plugged into the switch. Every command
 * goes through the lab's {@link Netns}, so it can only ever run inside this lab's namespaces.
 */
public class Host {

    public static final String IFACE = "eth0";

    private final Netns netns;
    private final Processes processes;
    private final String name;
    private final String ns;
    private final String mac;
    private final String ipv4;
    private final String switchNs;
    private final String switchPort;

    Host(Netns netns, Processes processes, String name, String ns, String mac, String ipv4,
         String switchNs, String switchPort) {
        this.netns = netns;
        this.processes = processes;
        this.name = name;
        this.ns = ns;
        this.mac = mac;
        this.ipv4 = ipv4;
        this.switchNs = switchNs;
        this.switchPort = switchPort;
    }

    /** Short role name within the lab: "n1", "n2", ... or "client". */
    public String name() {
        return name;
    }

    public String ns() {
        return ns;
    }

    public String iface() {
        return IFACE;
    }

    /** The MAC the lab gave eth0. */
    public String mac() {
        return mac;
    }

    public String ipv4() {
        return ipv4;
    }

    /** This host's cable end in the switch namespace (the veth peer of its eth0). */
    public String switchPort() {
        return switchPort;
    }

    /** Runs a command inside this namespace and waits for it (10 s at most). */
    public ProcessResult exec(String... argv) {
        return exec(Cmd.DEFAULT_TIMEOUT, List.of(argv));
    }

    public ProcessResult exec(Duration timeout, List<String> argv) {
        return netns.exec(ns, timeout, argv);
    }

    /** {@code ip -n NS args...} for this host's namespace. */
    public ProcessResult ip(String... args) {
        return netns.ip(ns, args);
    }

    /**
     * Starts a long-running command inside this namespace, stdout and stderr appended to {@code log}.
     * The returned Process's pid is the command's own: {@code ip netns exec} execs it in place.
     * The lab stops it on close.
     */
    public Process start(List<String> argv, Path log) {
        ProcessBuilder builder = new ProcessBuilder(netns.execArgv(ns, argv))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return launch(builder, argv);
    }

    /** As {@link #start(List, Path)}, handing each output line (stdout and stderr) to {@code lines}. */
    public Process start(List<String> argv, Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(netns.execArgv(ns, argv)).redirectErrorStream(true);
        Process process = launch(builder, argv);
        Thread reader = new Thread(() -> forward(process, lines), "lab-" + name + "-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** Sends a signal ("TERM", "HUP", "USR1", ...) by pid to a process this lab started. */
    public void signal(Process process, String signal) {
        if (!processes.isTracked(process)) {
            throw new LabException("refusing to signal pid " + process.pid() + ": this lab did not start it");
        }
        Processes.signal(process.pid(), signal);
    }

    /** Whether eth0 carries exactly this address (IPv4 or IPv6, prefix length ignored). */
    public boolean hasAddress(String ip) {
        ProcessResult result = netns.ip(ns, "-o", "addr", "show", "dev", IFACE).orThrow();
        return IpOutput.addresses(result.output()).stream().anyMatch(a -> IpOutput.sameAddress(a, ip));
    }

    /** The MAC this host's neighbour table holds for {@code ip}, or null if it has none. */
    public String neighbourMac(String ip) {
        ProcessResult result = netns.ip(ns, "neigh", "show", ip, "dev", IFACE).orThrow();
        return IpOutput.wordAfter(result.output(), "lladdr");
    }

    /** The MAC eth0 has now, read back from the kernel. */
    public String currentMac() {
        ProcessResult result = netns.ip(ns, "-o", "link", "show", "dev", IFACE).orThrow();
        return IpOutput.wordAfter(result.output(), "link/ether");
    }

    /** One echo request; true if a reply came back within {@code timeout}. */
    public boolean ping(String ip, Duration timeout) {
        String seconds = String.format(Locale.ROOT, "%.3f", Math.max(timeout.toMillis(), 1) / 1000.0);
        // -W bounds the wait for the reply; the process deadline only guards against a hung ping.
        List<String> argv = List.of("ping", "-n", "-q", "-c", "1", "-W", seconds, ip);
        return exec(timeout.plusSeconds(2), argv).ok();
    }

    /** Cuts this host's cable at the switch: its eth0 loses carrier. */
    public void linkDown() {
        netns.ip(switchNs, "link", "set", "dev", switchPort, "down").orThrow();
    }

    /** Plugs the cable back in. */
    public void linkUp() {
        netns.ip(switchNs, "link", "set", "dev", switchPort, "up").orThrow();
    }

    @Override
    public String toString() {
        return name + "(" + ns + " " + ipv4 + " " + mac + ")";
    }

    private Process launch(ProcessBuilder builder, List<String> argv) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv) + " in " + ns, e);
        }
        processes.track(process);
        return process;
    }

    static void forward(Process process, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // The pipe closes when the process is killed; nothing more to forward.
        }
    }
}
