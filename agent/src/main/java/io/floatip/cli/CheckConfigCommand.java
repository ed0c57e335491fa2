package io.floatip.cli;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.config.InstanceConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Validates a config: exit 0 and a summary, or exit 1 and one line per error. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a config file; prints one line per error with file:line:column.")
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
            spec.commandLine().getOut().println(config + ": OK, " + c.instances().size() + " instance(s)");
            for (InstanceConfig i : c.instances().values()) {
                spec.commandLine().getOut().printf("  %s: %s vrid %d, VRRPv%d, priority %d, advert %d0 ms, VIPs %s, %s%s%n",
                        i.name(), i.interfaceName(), i.vrid(), i.version(), i.priority(), i.advertIntervalCentis(),
                        i.virtualIps(), i.unicast() ? "unicast to " + i.unicastPeers() : "multicast",
                        i.authPassword() != null ? ", PASS authentication" : "");
            }
            return 0;
        } catch (ConfigException e) {
            e.errors().forEach(spec.commandLine().getErr()::println);
            return 1;
        }
    }
}
