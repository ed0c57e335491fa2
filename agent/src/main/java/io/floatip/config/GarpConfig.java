package io.floatip.config;

/**
 * Gratuitous ARP (unsolicited NA for IPv6) sent on becoming master: one burst at once, a second burst after
 * {@code delayMillis}, and (keepalived's garp_master_refresh) one burst every {@code refreshMillis} while master.
 *
 * @param delayMillis   0 means no second burst
 * @param repeat        GARPs per burst
 * @param refreshMillis 0 means no refresh
 * @param intervalMillis the least time between two of this instance's gratuitous ARPs/NAs (keepalived's
 *                      vrrp_garp_interval / vrrp_gna_interval); 0 sends a burst back to back
 */
public record GarpConfig(long delayMillis, int repeat, long refreshMillis, long intervalMillis) {

    public static final long DEFAULT_DELAY_MILLIS = 5_000;
    public static final int DEFAULT_REPEAT = 5;
    public static final int MAX_REPEAT = 255;
    /** A refresh more often than this would be a flood, not a reminder. */
    public static final long MIN_REFRESH_MILLIS = 1_000;
    /** A burst of 255 ARPs for each of 255 VIPs at this spacing still ends within a day; more is a typo. */
    public static final long MAX_INTERVAL_MILLIS = 1_000;
    public static final GarpConfig DEFAULT = new GarpConfig(DEFAULT_DELAY_MILLIS, DEFAULT_REPEAT, 0, 0);

    /** Back to back. */
    public GarpConfig(long delayMillis, int repeat, long refreshMillis) {
        this(delayMillis, repeat, refreshMillis, 0);
    }

    /** No refresh. */
    public GarpConfig(long delayMillis, int repeat) {
        this(delayMillis, repeat, 0);
    }

    public GarpConfig {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("garp delay must not be negative: " + delayMillis);
        }
        if (refreshMillis != 0 && refreshMillis < MIN_REFRESH_MILLIS) {
            throw new IllegalArgumentException("garp refresh must be 0 or at least 1s: " + refreshMillis);
        }
        if (intervalMillis < 0 || intervalMillis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("garp interval must be 0..1s: " + intervalMillis);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("garp repeat must be 1.." + MAX_REPEAT + ": " + repeat);
        }
    }
}
