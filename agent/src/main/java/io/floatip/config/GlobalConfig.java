package io.floatip.config;

import java.util.List;
import java.util.Objects;

/** Settings that apply to the whole agent. */
public record GlobalConfig(String routerId, String logLevel) {

    /** Accepted {@code log_level} values, quietest first. */
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug");
    public static final String DEFAULT_LOG_LEVEL = "info";

    public GlobalConfig {
        Objects.requireNonNull(routerId, "routerId");
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("log level must be one of " + LOG_LEVELS + ": " + logLevel);
        }
    }
}
