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

    /**
     * Where to ask, and why there when the config could not say: the note is for the operator only if nothing
     * answers there (printed after the error), since the running agent may well be fine with the config it
     * loaded before this file was edited, and a reload then reports the file's errors itself.
     */
    record Target(Path socket, String note) {
    }

    Target target(CommandLine.Model.CommandSpec spec) {
        if (socket != null) {
            return new Target(socket, null);
        }
        boolean named = spec.commandLine().getParseResult().hasMatchedOption("--config");
        if (!named && Files.notExists(config)) {
            return new Target(GlobalConfig.DEFAULT_CONTROL_SOCKET, null);
        }
        try {
            return new Target(ConfigLoader.loadWithoutHostChecks(config).global().controlSocket(), null);
        } catch (ConfigException e) {
            List<String> errors = e.errors();
            return new Target(GlobalConfig.DEFAULT_CONTROL_SOCKET, "the default socket was tried because "
                    + "global.control_socket could not be read from " + config + " (" + errors.get(0)
                    + (errors.size() > 1 ? ", and " + (errors.size() - 1) + " more" : "")
                    + "); name the socket with --socket PATH");
        }
    }

    /** The failure, and the note when there is one. */
    static void explain(CommandLine.Model.CommandSpec spec, Target target, String failure) {
        spec.commandLine().getErr().println("floatip: " + failure);
        if (target.note() != null) {
            spec.commandLine().getErr().println("floatip: " + target.note());
        }
    }
}
