package io.floatip.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file an instance follows (keepalived's track_file): the whole number written in it, times {@code weight},
 * is added to the priority. With weight 0 any non-zero number puts the instance in FAULT.
 */
public record TrackedFile(Path path, int weight) {

    public static final int DEFAULT_WEIGHT = 1;

    public TrackedFile {
        Objects.requireNonNull(path, "path");
        // The agent's working directory is no place to look for a file: relative paths would be a guess.
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("tracked file must be an absolute path: " + path);
        }
        Weights.require("tracked file " + path, weight);
    }
}
