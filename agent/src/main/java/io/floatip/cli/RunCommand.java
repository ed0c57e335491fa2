package io.floatip.cli;

import io.floatip.agent.Agent;
import io.floatip.agent.AgentException;
import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.agent.LastResort;
import io.floatip.control.AgentLock;
import io.floatip.control.ControlHandler;
import io.floatip.control.ControlServer;
import io.floatip.control.MetricsServer;
import io.floatip.control.ReloadResult;
import io.floatip.os.Capabilities;
import io.floatip.signal.Signals;
import io.floatip.signal.ThreadDump;
import io.floatip.status.AgentStatus;
import io.floatip.systemd.JournalPriorities;
import io.floatip.systemd.JournalStream;
import io.floatip.systemd.SdNotify;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the agent in the foreground with its service edges: signals (TERM/INT stop, HUP reloads; see
 * io.floatip.signal for the two ways they arrive), the control socket, Prometheus metrics when configured,
 * and sd_notify. On stop it hands over (priority 0) and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent in the foreground; logs one line per state change.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).",
            defaultValue = Main.DEFAULT_CONFIG)
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info or debug "
            + "(default: the config's global.log_level, else info).")
    String logLevel;

    @Option(names = "--control-socket", paramLabel = "PATH", description = "Control socket, instead of the "
            + "config's global.control_socket (for several agents on one host, as in tests).")
    Path controlSocket;

    @Option(names = "--dry-run", description = "Load the config, check libpcap, the capabilities, each interface "
            + "and the control socket, print what the agent would do, and exit: 0 if it could start, 1 if not. "
            + "Changes nothing and sends nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** picocli makes one (and sets the fields above and spec); Main's plain path uses the other. */
    RunCommand() {
    }

    RunCommand(RunArgs args) {
        this.config = args.config();
        this.logLevel = args.logLevel();
        this.controlSocket = args.controlSocket();
    }

    private Agent agent;
    /** Held for the process's life. */
    private AgentLock lock;
    private SdNotify systemd;
    /** Reloads run one at a time, off the signal and socket threads. */
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reload");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Integer call() {
        if (dryRun) {
            // Only the report: libpcap's loading and the checks' own log lines would interleave with it.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
            return DryRun.run(config, controlSocket, logLevel,
                    new io.floatip.doctor.LocalHostFacts(), spec.commandLine().getOut(), err());
        }
        PrintStream rawOut = System.out;
        // The log: one stamped line per event; in the journal, each at its level's priority.
        System.setOut(StampedLines.around(JournalStream.stdout()
                ? new PrintStream(JournalPriorities.byLevel(rawOut, UtcStamp.LENGTH + 1), true) : rawOut));
        spawnScriptsWithVfork();
        Config c;
        try {
            c = ConfigLoader.load(config);
        } catch (ConfigException e) {
            e.errors().forEach(err()::println);
            return 1;
        }
        // slf4j-simple reads its level once, when the first logger is made: set it before any.
        String level = logLevel != null ? logLevel : c.global().logLevel();
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        Path socket = controlSocket != null ? controlSocket : c.global().controlSocket();
        log().info("floatip {} starting (pid {}): {}", io.floatip.base.Version.current(), ProcessHandle.current().pid(),
                settings(c, socket, level));
        List<String> missing = Capabilities.missing();
        if (!missing.isEmpty()) {
            err().println("floatip: " + Capabilities.problem(missing));
            return 1;
        }
        // Before anything touches the host: a second agent must not clean up the first one's VIPs.
        try {
            lock = AgentLock.acquire(socket);
        } catch (AgentLock.HeldException e) {
            err().println("floatip: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            log().warn("no agent lock ({}): nothing stops a second agent for this config from starting", e.getMessage());
        }
        try {
            agent = Agent.start(c);
            LastResort.arm(agent);
        } catch (AgentException e) {
            err().println("floatip: " + e.getMessage());
            return 1;
        }
        systemd = SdNotify.fromEnvironment();
        ControlServer control;
        MetricsServer metrics;
        try {
            control = startControl(socket);
            metrics = c.global().metricsListen() == null ? null
                    : MetricsServer.start(c.global().metricsListen(), this::status);
        } catch (IOException e) {
            agent.stop();
            err().println("floatip: " + e.getMessage());
            return 1;
        }
        agent.onTransitions(systemd::status);
        Duration watchdog = SdNotify.watchdogInterval();
        if (watchdog != null) {
            // From the event loop itself: if the loop is stuck, the pings stop and systemd restarts us.
            agent.everyOnLoop(watchdog.toNanos() / 2, systemd::watchdog);
        }
        systemd.ready();
        systemd.status(agent.summary());

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            agent.handOver(); // the priority 0 adverts first: the backups start their Skew_Time now
            systemd.stopping();
            agent.stop();
            if (control != null) {
                control.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            stopped.countDown();
        };
        Signals.install(stop, () -> reloads.execute(this::reload), () -> threadDump(rawOut));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            agent.stop();
        }
        return 0;
    }

    /** What an operator checks first in a log: which build, which file, where to ask it, how loud it is. */
    static String settings(Config c, Path socket, String level) {
        java.net.InetSocketAddress m = c.global().metricsListen();
        String metrics = "no metrics";
        if (m != null) {
            String host = m.getAddress() != null ? m.getAddress().getHostAddress() : m.getHostString();
            metrics = "metrics http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + m.getPort() + "/metrics";
        }
        return "config " + c.source() + ", " + c.instances().size() + " instance(s), control socket " + socket + ", "
                + metrics + ", log level " + level;
    }

    /**
     * Another agent answering on the socket is fatal (two agents would fight over the VIPs); a socket that
     * cannot be made (no /run/floatip for a non-root agent) only costs `floatip status`: a warning.
     */
    private ControlServer startControl(Path socket) throws IOException {
        ControlHandler handler = new ControlHandler() {
            @Override
            public AgentStatus status() throws Exception {
                return agent.status();
            }

            @Override
            public ReloadResult reload() throws Exception {
                return reloads.submit(RunCommand.this::reload).get();
            }

            @Override
            public io.floatip.control.DrainResult drain(java.util.List<String> instances, boolean on)
                    throws Exception {
                return agent.drain(instances, on);
            }
        };
        try {
            return ControlServer.start(socket, handler);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("another floatip")) {
                throw e;
            }
            log().warn("no control socket ({}): `floatip status` and `floatip reload` will not reach this agent; "
                    + "SIGHUP still reloads", e.getMessage());
            return null;
        }
    }

    private AgentStatus status() {
        try {
            return agent.status();
        } catch (Exception e) {
            throw new IllegalStateException("the event loop did not answer: " + e, e);
        }
    }

    /** SIGHUP and `floatip reload`: systemd hears RELOADING then READY around it. */
    private ReloadResult reload() {
        try {
            systemd.reloading();
            return agent.reloadFromFile();
        } catch (Exception | StackOverflowError e) {
            // A StackOverflowError here is the reload's alone: the running config stays, the agent carries on.
            if (e instanceof StackOverflowError) {
                io.floatip.status.Refusals.count(io.floatip.status.Refusal.ERROR_SURVIVED);
            }
            log().error("reload failed: {}", e.toString());
            return new ReloadResult(false, java.util.List.of("reload failed: " + e));
        } catch (VirtualMachineError e) {
            LastResort.run(e); // out of memory: hand over and exit
            throw e;
        } finally {
            systemd.ready();
            systemd.status(agent.summary());
        }
    }

    /**
     * SIGQUIT in the sigwait mode: the dump unstamped, as the JVM writes its own, and whole between two log
     * lines (println holds the log stream's lock for its line).
     */
    private static void threadDump(PrintStream rawOut) {
        String dump = ThreadDump.of(Thread.getAllStackTraces());
        synchronized (System.out) {
            rawOut.print(dump);
            rawOut.flush();
        }
    }

    /**
     * Check and notify scripts start with vfork and one exec, not through jspawnhelper's extra exec (the
     * JDK's default since 13): 2.4 ms a start instead of 4.4 on this machine, for a check that may run ten
     * times a second. The JDK's own Linux mechanism until 12; only set on JDKs known to have it, and never
     * over an operator's own choice (FLOATIP_JAVA_OPTS).
     */
    static void spawnScriptsWithVfork() {
        String key = "jdk.lang.Process.launchMechanism";
        if (System.getProperty(key) == null && Runtime.version().feature() <= 21) {
            System.setProperty(key, "VFORK");
        }
    }

    /** picocli's error stream when picocli started us, else stderr, as picocli would have it. */
    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
    }

    private static Logger log() {
        return LoggerFactory.getLogger("floatip");
    }
}
