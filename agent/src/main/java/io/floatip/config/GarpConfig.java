package io.floatip.config;

/**
 * Gratuitous ARP sent on becoming master: one burst at once, and a second burst after {@code delayMillis}.
 *
 * @param delayMillis 0 means no second burst
 * @param repeat      GARPs per burst
 */
public record GarpConfig(long delayMillis, int repeat) {

    public static final long DEFAULT_DELAY_MILLIS = 5_000;
    public static final int DEFAULT_REPEAT = 5;
    public static final int MAX_REPEAT = 255;
    public static final GarpConfig DEFAULT = new GarpConfig(DEFAULT_DELAY_MILLIS, DEFAULT_REPEAT);

    public GarpConfig {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("garp delay must not be negative: " + delayMillis);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("garp repeat must be 1.." + MAX_REPEAT + ": " + repeat);
        }
    }
}
