package io.floatip.doctor;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs every check in a fixed order: the process (libpcap, capabilities), the config and its scripts, each
 * configured interface, the host-wide sysctls and clock, then the listening, which takes the longest, last.
 */
public final class Doctor {

    private final HostFacts host;
    private final ConfigSource config;
    private final String configName;
    private final Duration listen;

    /**
     * @param configName the config file as the user named it, for messages
     * @param listen     how long to listen for other VRRP speakers; zero to skip that
     */
    public Doctor(HostFacts host, ConfigSource config, String configName, Duration listen) {
        this.host = host;
        this.config = config;
        this.configName = configName;
        this.listen = listen;
    }

    /** Hands each result to {@code out} as soon as it is known, and returns them all. */
    public List<Result> run(Consumer<Result> out) {
        List<Result> results = new ArrayList<>();
        Consumer<List<Result>> emit = batch -> batch.forEach(r -> {
            results.add(r);
            out.accept(r);
        });
        emit.accept(new PcapLibraryCheck().run(host));
        emit.accept(new CapabilitiesCheck().run(host));
        ConfigCheck.Outcome loaded = ConfigCheck.run(config, configName);
        emit.accept(loaded.results());
        Map<String, List<InstanceConfig>> present = new LinkedHashMap<>();
        loaded.config().ifPresent(c -> byInterface(c).forEach((iface, instances) -> {
            for (Check check : perInterface(iface, instances)) {
                emit.accept(check.run(host));
            }
            if (InterfaceCheck.exists(host, iface)) {
                present.put(iface, instances);
            }
        }));
        emit.accept(new NonlocalBindCheck().run(host));
        emit.accept(new ClockSourceCheck().run(host));
        if (!present.isEmpty()) {
            emit.accept(new SpeakersCheck(present, listen).run(host));
        }
        return results;
    }

    /**
     * What `floatip run --dry-run` checks before it says what it would do: libpcap, the capabilities and each
     * interface of a loaded config. Only reads: no group is joined, nothing listened to or sent.
     */
    public static List<Result> preflight(HostFacts host, Config config) {
        List<Result> results = new ArrayList<>();
        results.addAll(new PcapLibraryCheck().run(host));
        results.addAll(new CapabilitiesCheck().run(host));
        byInterface(config).forEach((iface, instances) -> results.addAll(new InterfaceCheck(iface, instances).run(host)));
        return results;
    }

    /** 0 when nothing failed (warnings allowed), else 1. */
    public static int exitCode(List<Result> results) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL) ? 1 : 0;
    }

    private List<Check> perInterface(String iface, List<InstanceConfig> instances) {
        List<Check> checks = new ArrayList<>();
        checks.add(new InterfaceCheck(iface, instances));
        // A missing interface has one line saying so; more lines about its sysctls would only be noise.
        if (!InterfaceCheck.exists(host, iface)) {
            return checks;
        }
        if (instances.stream().anyMatch(i -> !i.unicast())) {
            checks.add(new MulticastCheck(iface));
        }
        checks.add(new ArpCheck(iface));
        checks.add(new RpFilterCheck(iface));
        return checks;
    }

    private static Map<String, List<InstanceConfig>> byInterface(Config config) {
        Map<String, List<InstanceConfig>> map = new LinkedHashMap<>();
        for (InstanceConfig instance : config.instances().values()) {
            map.computeIfAbsent(instance.interfaceName(), k -> new ArrayList<>()).add(instance);
        }
        return map;
    }
}
