package io.floatip.config;

import java.util.Objects;

/**
 * An interface an instance follows (keepalived's track_interface).
 *
 * @param weight subtracted (if negative) while the interface is down; 0, the default, means FAULT instead
 */
public record TrackedInterface(String name, int weight) {

    public TrackedInterface {
        Objects.requireNonNull(name, "name");
        InterfaceNames.problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("tracked interface name " + problem);
        });
        Weights.require("tracked interface " + name, weight);
    }

    /** Default weight 0: the instance goes to FAULT while the interface is down. */
    public static TrackedInterface of(String name) {
        return new TrackedInterface(name, 0);
    }
}
