package io.floatip.doctor;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import io.floatip.config.ConfigLoader;
import io.floatip.config.InstanceConfig;
import java.util.List;

/** Configs for the checks, parsed from YAML the way an operator writes them. */
final class Configs {

    private Configs() {
    }

    static Config parse(String yaml) {
        try {
            return ConfigLoader.parseWithoutHostChecks(yaml, "t.yaml");
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** One multicast instance VI_1 on eth0, VRID 51, VRRPv3 at 1 s, VIP 198.51.100.50. */
    static Config pair() {
        return parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: 150
                    virtual_ips: [198.51.100.50/24]
                """);
    }

    static List<InstanceConfig> instances(Config config) {
        return List.copyOf(config.instances().values());
    }
}
