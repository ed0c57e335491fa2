package io.floatip.config;

import java.util.List;

/**
 * The config could not be used. Every problem found is one line in {@link #errors()}, so the user can fix
 * them all in one go; the message is those lines, meant to be printed as is, without a stack trace.
 */
public final class ConfigException extends Exception {

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** One line per problem, in file order. */
    public List<String> errors() {
        return errors;
    }
}
