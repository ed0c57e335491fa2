package io.floatip.config;

import java.util.Objects;

/** A process an instance follows, with the weight that applies here (the instance's override, else the process's). */
public record TrackedProcess(String name, int weight) {

    public TrackedProcess {
        Objects.requireNonNull(name, "name");
        Weights.require("tracked process " + name, weight);
    }
}
