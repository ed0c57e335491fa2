package io.floatip.config;

/** The one range every tracking weight shares, kept in one place for the records and the readers. */
final class Weights {

    /** keepalived's range: enough to move a priority anywhere in 1..254, never to 0 or 255. */
    static final int MIN = -253;
    static final int MAX = 253;

    private Weights() {
    }

    static void require(String what, int weight) {
        if (weight < MIN || weight > MAX) {
            throw new IllegalArgumentException(what + " weight must be " + MIN + ".." + MAX + ": " + weight);
        }
    }
}
