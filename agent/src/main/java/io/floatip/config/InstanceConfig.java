package io.floatip.config;

import java.util.List;
import java.util.Objects;

/**
 * One VRRP instance.
 *
 * @param advertIntervalCentis advertisement interval in centiseconds, the unit VRRPv3 puts on the wire;
 *                             for version 2 it is still centiseconds (always a multiple of 100)
 * @param preemptDelayMillis   how long a higher-priority backup waits before taking over
 */
public record InstanceConfig(
        String name,
        String interfaceName,
        int vrid,
        int priority,
        int version,
        int advertIntervalCentis,
        boolean preempt,
        long preemptDelayMillis,
        List<VirtualIp> virtualIps,
        GarpConfig garp) {

    public static final int MIN_VRID = 1;
    public static final int MAX_VRID = 255;
    public static final int MIN_PRIORITY = 1;
    /** The address owner's priority. */
    public static final int MAX_PRIORITY = 255;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int DEFAULT_VERSION = 3;
    public static final int DEFAULT_ADVERT_INTERVAL_CENTIS = 100;
    /** VRRPv3 carries the interval in 12 bits of centiseconds. */
    public static final int MAX_V3_ADVERT_CENTIS = 4095;
    /** VRRPv2 carries it in 8 bits of seconds. */
    public static final int MAX_V2_ADVERT_SECONDS = 255;
    /** The advertisement's address count is one byte. */
    public static final int MAX_VIRTUAL_IPS = 255;
    public static final long MAX_PREEMPT_DELAY_MILLIS = 1_000_000;

    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(garp, "garp");
        virtualIps = List.copyOf(virtualIps);
        requireRange("vrid", vrid, MIN_VRID, MAX_VRID);
        requireRange("priority", priority, MIN_PRIORITY, MAX_PRIORITY);
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3: " + version);
        }
        if (version == 3) {
            requireRange("advertIntervalCentis", advertIntervalCentis, 1, MAX_V3_ADVERT_CENTIS);
        } else if (advertIntervalCentis % 100 != 0) {
            throw new IllegalArgumentException("version 2 needs whole seconds: " + advertIntervalCentis + " centis");
        } else {
            requireRange("advertIntervalCentis / 100", advertIntervalCentis / 100, 1, MAX_V2_ADVERT_SECONDS);
        }
        requireRange("preemptDelayMillis", preemptDelayMillis, 0, MAX_PREEMPT_DELAY_MILLIS);
        requireRange("virtualIps.size", virtualIps.size(), 1, MAX_VIRTUAL_IPS);
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + value);
        }
    }
}
