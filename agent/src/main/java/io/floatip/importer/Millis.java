package io.floatip.importer;

import io.floatip.config.Durations;

/** Milliseconds as floatip's duration text ({@code 10ms}, {@code 1.5s}, {@code 300s}). */
final class Millis {

    private Millis() {
    }

    static String text(long millis) {
        return Durations.format(millis);
    }

    static YamlNode.Scalar node(long millis) {
        return YamlNode.typed(text(millis));
    }
}
