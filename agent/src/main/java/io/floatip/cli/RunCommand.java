package io.floatip.cli;

import io.floatip.agent.Agent;
import io.floatip.agent.AgentException;
import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.floatip.systemd.SdNotify;
import sun.misc.Signal;

/** Runs the agent in the foreground until SIGTERM or SIGINT, then hands over (priority 0) and exits 0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent in the foreground; logs one line per state change.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).",
            defaultValue = Main.DEFAULT_CONFIG)
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info or debug "
            + "(default: the config's global.log_level, else info).")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Config c;
        try {
            c = ConfigLoader.load(config);
        } catch (ConfigException e) {
            e.errors().forEach(spec.commandLine().getErr()::println);
            return 1;
        }
        // slf4j-simple reads its level once, when the first logger is made: set it before any.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                logLevel != null ? logLevel : c.global().logLevel());
        Agent agent;
        try {
            agent = Agent.start(c);
        } catch (AgentException e) {
            spec.commandLine().getErr().println("floatip: " + e.getMessage());
            return 1;
        }
        SdNotify systemd = SdNotify.fromEnvironment();
        agent.onTransitions(systemd::status);
        java.time.Duration watchdog = SdNotify.watchdogInterval();
        if (watchdog != null) {
            // From the event loop itself: if the loop is stuck, the pings stop and systemd restarts us.
            agent.everyOnLoop(watchdog.toNanos() / 2, systemd::watchdog);
        }
        systemd.ready();
        systemd.status(agent.summary());
        CountDownLatch stopped = new CountDownLatch(1);
        sun.misc.SignalHandler stop = signal -> {
            systemd.stopping();
            agent.stop();
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        // A reload runs off the signal thread, one at a time; the agent logs what it did or why it refused.
        java.util.concurrent.ExecutorService reloads = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reload");
            t.setDaemon(true);
            return t;
        });
        Signal.handle(new Signal("HUP"), signal -> reloads.execute(() -> {
            try {
                systemd.reloading();
                agent.reloadFromFile();
                systemd.ready();
                systemd.status(agent.summary());
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger("floatip").error("reload failed: {}", e.toString());
            }
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            agent.stop();
        }
        return 0;
    }
}
