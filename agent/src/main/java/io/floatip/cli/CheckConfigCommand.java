package io.floatip.cli;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Validates a config: exit 0 and a summary, or exit 1 and one line per error. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a config file: exit 0 and what it will do (each instance's preemption, tracking "
                + "with the priority each weight gives, notify commands, sync groups, scripts), or exit 1 and one "
                + "line per error with file:line:column.")
final class CheckConfigCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).",
            defaultValue = Main.DEFAULT_CONFIG)
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            Config c = ConfigLoader.load(config);
            ConfigSummary.lines(config, c).forEach(spec.commandLine().getOut()::println);
            return 0;
        } catch (ConfigException e) {
            e.errors().forEach(spec.commandLine().getErr()::println);
            return 1;
        }
    }
}
