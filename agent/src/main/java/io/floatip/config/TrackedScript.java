package io.floatip.config;

import java.util.Objects;

/** A check script an instance follows, with the weight that applies here (the instance's override, else the script's). */
public record TrackedScript(String name, int weight) {

    public TrackedScript {
        Objects.requireNonNull(name, "name");
        Weights.require("tracked script " + name, weight);
    }
}
