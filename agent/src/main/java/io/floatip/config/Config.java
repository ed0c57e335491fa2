package io.floatip.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated configuration.
 *
 * @param instances by name, in the order the file lists them
 * @param source    the file it came from (for messages)
 */
public record Config(GlobalConfig global, Map<String, InstanceConfig> instances, Path source) {

    public Config {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(source, "source");
        // Map.copyOf would lose the file order, which logs and status output follow.
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(instances, "instances")));
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a config needs at least one instance");
        }
    }
}
