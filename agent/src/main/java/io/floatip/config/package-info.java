/**
 * Loads and validates the agent's YAML configuration.
 *
 * <p>{@link io.floatip.config.ConfigLoader} turns a file into an immutable {@link io.floatip.config.Config},
 * or fails with a {@link io.floatip.config.ConfigException} that lists every problem found, one line each,
 * as {@code FILE:LINE:COLUMN: field.path: message}.
 *
 * <p>Loading also checks the config against this machine: every check script and notify command must name a
 * program no non-root user could change, and a user to run them as must exist. The loader's
 * {@code ...WithoutHostChecks} methods skip that, for a config meant for another machine.
 */
package io.floatip.config;
