package io.floatip.cli;

import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.config.GlobalConfig;
import io.floatip.control.ControlClient;
import io.floatip.control.ControlException;
import io.floatip.control.StatusTable;
import io.floatip.status.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks the running agent for its status over the control socket and shows it. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running agent's instances (state, priority, VIPs, master, since when and why), "
                + "check scripts, sync groups and dropped adverts.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = Main.DEFAULT_CONFIG,
            description = "Config file naming the control socket (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The control socket (default: the config's global.control_socket, else "
                    + "/run/floatip/control.sock).")
    Path socket;

    @Option(names = "--json", description = "Print the agent's JSON snapshot as it is.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path path = socketPath(socket, config, spec);
        try {
            String reply = ControlClient.request(path, "status");
            if (json) {
                spec.commandLine().getOut().print(reply);
            } else {
                AgentStatus status = ControlClient.parse(reply, AgentStatus.class);
                spec.commandLine().getOut().print(
                        StatusTable.render(status, System.currentTimeMillis(), ZoneId.systemDefault()));
            }
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ControlException e) {
            spec.commandLine().getErr().println("floatip: " + e.getMessage());
            return 1;
        }
    }

    /**
     * --socket, else the config's control_socket, else the default. The config is read without host checks:
     * this may run as a user who cannot see the scripts, and only one key matters.
     */
    static Path socketPath(Path socket, Path config, CommandLine.Model.CommandSpec spec) {
        if (socket != null) {
            return socket;
        }
        boolean named = spec.commandLine().getParseResult().hasMatchedOption("--config");
        if (!named && Files.notExists(config)) {
            return GlobalConfig.DEFAULT_CONTROL_SOCKET;
        }
        try {
            return ConfigLoader.loadWithoutHostChecks(config).global().controlSocket();
        } catch (ConfigException e) {
            // The running agent may well be fine with the config it loaded before this file was edited.
            List<String> errors = e.errors();
            spec.commandLine().getErr().println("floatip: warning: cannot read global.control_socket from " + config
                    + " (" + errors.get(0) + (errors.size() > 1 ? ", and " + (errors.size() - 1) + " more" : "")
                    + "); trying " + GlobalConfig.DEFAULT_CONTROL_SOCKET);
            return GlobalConfig.DEFAULT_CONTROL_SOCKET;
        }
    }
}
