/**
 * Loads and validates the agent's YAML configuration.
 *
 * <p>{@link io.floatip.config.ConfigLoader} turns a file into an immutable {@link io.floatip.config.Config},
 * or fails with a {@link io.floatip.config.ConfigException} that lists every problem found, one line each,
 * as {@code FILE:LINE:COLUMN: field.path: message}.
 */
package io.floatip.config;
