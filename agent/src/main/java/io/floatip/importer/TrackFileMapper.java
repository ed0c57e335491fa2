package io.floatip.importer;

import java.util.Optional;

/**
 * Reads a track_file (or vrrp_track_file) block: a named file and its default weight. floatip has no such
 * definitions; each instance that tracks the name gets the path and the weight itself.
 */
final class TrackFileMapper {

    /** keepalived's default: the number in the file counts once. */
    static final int DEFAULT_WEIGHT = 1;

    record TrackFile(String path, int weight, Place place) {
    }

    private TrackFileMapper() {
    }

    /** The definition, or empty after a warning when it has no usable file. */
    static Optional<TrackFile> map(Statement block, Scope scope) {
        String path = null;
        Optional<Integer> weight = Optional.of(DEFAULT_WEIGHT);
        for (Statement s : block.children()) {
            switch (s.keyword()) {
                case "file" -> path = s.arg(0);
                case "weight" -> weight = Weights.parse(s, s.args(), 0, scope);
                case "init_file" -> scope.notMapped(s, "floatip does not create or write the file");
                default -> scope.notMapped(s, Unmapped.why(s.keyword()));
            }
        }
        if (path == null || !path.startsWith("/") || weight.isEmpty()) {
            scope.notMapped(block, path == null ? "no file line"
                    : weight.isEmpty() ? "its weight cannot be carried over" : "floatip needs an absolute path");
            return Optional.empty();
        }
        return Optional.of(new TrackFile(path, weight.get(), block.place()));
    }
}
