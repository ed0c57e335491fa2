package io.floatip.doctor;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ScriptConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the config twice: without host checks, for its own errors ("config"), then with them, so what is left
 * is about this machine: check and notify scripts that are missing, not executable or unsafe, and the script
 * user ("scripts"). The loader's own messages are reused as they are: they already name the fix.
 */
final class ConfigCheck {

    /** @param config the config the other checks look at; empty when it did not load */
    record Outcome(Optional<Config> config, List<Result> results) {
    }

    private ConfigCheck() {
    }

    static Outcome run(ConfigSource source, String file) {
        Config config;
        try {
            config = source.load(false);
        } catch (ConfigException e) {
            String fix = "correct " + file + " (floatip check-config -c " + file + " lists the same errors)";
            return new Outcome(Optional.empty(),
                    e.errors().stream().map(error -> Result.fail("config", error, fix)).toList());
        }
        List<Result> results = new ArrayList<>();
        results.add(Result.ok("config", file + ": " + config.instances().size() + " instance(s) on "
                + String.join(", ", interfaces(config))));
        try {
            Config checked = source.load(true);
            results.add(scriptsOk(checked));
            return new Outcome(Optional.of(checked), results);
        } catch (ConfigException e) {
            for (String error : e.errors()) {
                results.add(Result.fail("scripts", error, "do what the error says: a script must be an executable "
                        + "file that only root can change, and the script user must exist"));
            }
            // The interfaces and VRIDs are still worth checking.
            return new Outcome(Optional.of(config), results);
        }
    }

    private static Result scriptsOk(Config config) {
        Set<String> programs = new LinkedHashSet<>();
        commands(config).forEach(command -> programs.add(command.program()));
        if (programs.isEmpty()) {
            return Result.ok("scripts", "no check or notify scripts configured");
        }
        return Result.ok("scripts", programs.size() + " program(s) executable and safe (" + String.join(", ", programs)
                + "), run as " + config.global().scriptUser() + " by an agent run as root, as the agent's own user "
                + "otherwise (floatip under floatip.service)");
    }

    static List<String> interfaces(Config config) {
        return config.instances().values().stream().map(InstanceConfig::interfaceName).distinct().toList();
    }

    private static Stream<Command> commands(Config config) {
        Stream<Command> scripts = config.scripts().values().stream().map(ScriptConfig::command);
        Stream<Command> instances = config.instances().values().stream()
                .flatMap(i -> notify(i.notifications()));
        Stream<Command> groups = config.syncGroups().values().stream()
                .flatMap(g -> notify(g.notifications()));
        return Stream.of(scripts, instances, groups).flatMap(s -> s);
    }

    private static Stream<Command> notify(NotifyConfig n) {
        return Stream.of(n.master(), n.backup(), n.fault(), n.stop(), n.any()).filter(Objects::nonNull);
    }
}
