package io.floatip.cli;

import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.config.GlobalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where a running agent listens: `--socket`, else the config's global.control_socket, else the default. */
final class ControlSocketOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = Main.DEFAULT_CONFIG,
            description = "Config file naming the control socket (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The control socket (default: the config's global.control_socket, else "
                    + "/run/floatip/control.sock).")
    Path socket;

    Path path(CommandLine.Model.CommandSpec spec) {
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
