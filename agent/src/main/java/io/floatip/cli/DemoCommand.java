package io.floatip.cli;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.LabTimeout;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.net.LibpcapCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The built-in default job: a failover pair in network namespaces of its own. Builds the lab, runs two agents,
 * cuts and restores the master's link and stops it, while a client keeps reaching the VIP; then removes
 * everything it made (also on Ctrl-C, through the lab's shutdown hook).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show a failover pair at work in network namespaces of its own (needs root).")
final class DemoCommand implements Callable<Integer> {
    static final String VIP = "198.51.100.50";

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "100",
            description = "Advert interval in milliseconds, a multiple of 10 (default: ${DEFAULT-VALUE}).")
    int intervalMs;

    @Option(names = "--pause", paramLabel = "MS", defaultValue = "1500",
            description = "Pause between the demo's acts, so they can be followed (default: ${DEFAULT-VALUE}).")
    long pauseMs;

    @Option(names = "--prefix", paramLabel = "NAME",
            description = "Name the demo's network namespaces NAME-sw, NAME-n1, NAME-n2 and NAME-c, to look inside "
                    + "while it runs (ip netns exec NAME-n1 ip addr); 1 to 24 of a-z, 0-9 and '-'. An existing "
                    + "namespace of those names is never adopted (default: fip, the pid, a letter and -demo).")
    String prefix;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final long start = System.nanoTime();
    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (prefix != null && Lab.prefixProblem(prefix) != null) {
            spec.commandLine().getErr().println("floatip demo: --prefix: " + Lab.prefixProblem(prefix));
            return 2;
        }
        if (!Lab.isRoot()) {
            spec.commandLine().getErr().println("floatip demo: needs root to make network namespaces "
                    + "(try: sudo floatip demo)");
            return 1;
        }
        String pcap = LibpcapCheck.problem();
        if (pcap != null) {
            spec.commandLine().getErr().println("floatip demo: " + pcap);
            return 1;
        }
        if (intervalMs < 10 || intervalMs % 10 != 0) {
            spec.commandLine().getErr().println("floatip demo: --interval must be a multiple of 10 ms");
            return 1;
        }
        Path dir = Files.createTempDirectory("floatip-demo");
        try (Lab lab = prefix != null ? Lab.createNamed(prefix, 2) : Lab.create("demo", 2)) {
            return play(lab, dir);
        } catch (LabTimeout e) {
            say("demo failed: " + e.getMessage());
            return 1;
        } catch (io.floatip.lab.LabException e) {
            say("demo failed: " + e.getMessage()); // e.g. a namespace of the --prefix's names exists already
            return 1;
        } finally {
            deleteTree(dir);
            say("removed the namespaces and stopped the agents");
        }
    }

    private int play(Lab lab, Path dir) throws Exception {
        Node a = lab.node(1);
        Node b = lab.node(2);
        Host client = lab.client();
        say("lab ready: switch " + lab.switchNs() + "; " + a.name() + " " + a.ipv4() + " (" + a.mac() + "), "
                + b.name() + " " + b.ipv4() + " (" + b.mac() + "), client " + client.ipv4());
        int cs = intervalMs / 10;
        Path configA = PairConfig.write(dir, a.name(), 3, 150, cs, true, VIP + "/24", "");
        Path configB = PairConfig.write(dir, b.name(), 3, 100, cs, true, VIP + "/24", "");
        say("starting floatip on " + a.name() + " (priority 150) and " + b.name() + " (priority 100), VRRPv3, "
                + "VIP " + VIP + ", adverts every " + intervalMs + " ms");
        Process agentA = a.start(AgentCommand.run(configA), line -> say("  [" + a.name() + "] " + line));
        b.start(AgentCommand.run(configB), line -> say("  [" + b.name() + "] " + line));

        Lab.await(Duration.ofSeconds(15), () -> a.hasAddress(VIP) && !b.hasAddress(VIP),
                a.name() + " to hold " + VIP);
        say(a.name() + " is MASTER and holds " + VIP);
        reach(client, a);

        Thread.sleep(pauseMs); // pacing for a human reader, not a wait for a condition
        say("cutting " + a.name() + "'s link at the switch");
        long cut = System.nanoTime();
        a.linkDown();
        Lab.await(Duration.ofSeconds(10), () -> b.hasAddress(VIP), b.name() + " to take " + VIP);
        say(b.name() + " took over " + VIP + " after " + (System.nanoTime() - cut) / 1_000_000 + " ms");
        reach(client, b);

        Thread.sleep(pauseMs); // pacing for a human reader, not a wait for a condition
        say("restoring " + a.name() + "'s link; with preempt on, the higher priority takes the VIP back");
        long restored = System.nanoTime();
        a.linkUp();
        Lab.await(Duration.ofSeconds(10), () -> a.hasAddress(VIP) && !b.hasAddress(VIP),
                a.name() + " to take " + VIP + " back");
        say(a.name() + " holds " + VIP + " again after " + (System.nanoTime() - restored) / 1_000_000 + " ms");
        reach(client, a);

        Thread.sleep(pauseMs); // pacing for a human reader, not a wait for a condition
        say("stopping floatip on " + a.name() + " (SIGTERM: it sends priority 0 and releases the VIP)");
        long stopped = System.nanoTime();
        a.signal(agentA, "TERM");
        Lab.await(Duration.ofSeconds(10), () -> b.hasAddress(VIP), b.name() + " to take " + VIP);
        say(b.name() + " took over " + VIP + " after " + (System.nanoTime() - stopped) / 1_000_000 + " ms");
        reach(client, b);
        say("done: the VIP followed the healthy node every time");
        return 0;
    }

    /** The client pings the VIP and shows whose MAC answered. */
    private void reach(Host client, Host expected) {
        Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP, Duration.ofMillis(500)), "client to reach " + VIP);
        String mac = client.neighbourMac(VIP);
        say("client pinged " + VIP + ": answered from " + mac
                + (expected.mac().equalsIgnoreCase(String.valueOf(mac)) ? " (" + expected.name() + ")" : ""));
    }

    private synchronized void say(String line) {
        out.printf("[%7.3fs] %s%n", (System.nanoTime() - start) / 1e9, line);
        out.flush();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
