package io.floatip.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The kernel's rules for a network interface name, checked up front so a typo fails at load, not at failover. */
final class InterfaceNames {

    /** IFNAMSIZ is 16 bytes including the terminating NUL. */
    static final int MAX_BYTES = 15;

    private InterfaceNames() {
    }

    /** What is wrong with {@code name}, or empty if Linux would accept it. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " characters (a Linux limit), got '" + name
                    + "' (" + bytes + ")");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' is not a valid interface name");
        }
        if (name.indexOf('/') >= 0) {
            return Optional.of("must not contain '/', got '" + name + "'");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("must not contain ':', got '" + name
                    + "' (an alias label like eth0:1 is not an interface; name the interface itself)");
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("must not contain whitespace, got '" + name + "'");
        }
        return Optional.empty();
    }
}
