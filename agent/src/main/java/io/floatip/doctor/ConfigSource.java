package io.floatip.doctor;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;

/** Loads the config under test, with or without the host checks (script safety, script user). */
@FunctionalInterface
public interface ConfigSource {
    Config load(boolean hostChecks) throws ConfigException;
}
