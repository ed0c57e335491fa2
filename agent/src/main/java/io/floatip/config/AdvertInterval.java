package io.floatip.config;

import java.util.Optional;

/**
 * {@code advert_interval}: what each VRRP version can put on the wire. Version 3 sends centiseconds in
 * 12 bits, version 2 whole seconds in 8 bits.
 */
final class AdvertInterval {

    private static final long V3_STEP_MILLIS = 10;
    private static final long V3_MAX_MILLIS = InstanceConfig.MAX_V3_ADVERT_CENTIS * V3_STEP_MILLIS;
    private static final long V2_MAX_MILLIS = InstanceConfig.MAX_V2_ADVERT_SECONDS * 1_000L;

    private AdvertInterval() {
    }

    /**
     * The interval in centiseconds, or empty after reporting why not.
     *
     * @param version empty when the version itself is wrong: then only the duration's syntax is checked
     */
    static Optional<Integer> centis(Field field, Optional<Integer> version) {
        Optional<Long> millis = field.millis();
        if (millis.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        String written = "'" + ((Node.Scalar) field.node()).text() + "'";
        long ms = millis.get();
        if (version.get() == 2) {
            if (ms % 1_000 != 0 || ms < 1_000 || ms > V2_MAX_MILLIS) {
                String fix = ms < 1_000 || (ms % 1_000 != 0 && ms < V3_MAX_MILLIS)
                        ? "; use version: 3 for sub-second intervals" : "";
                field.error("version 2 sends whole seconds, so this must be 1s to 255s, got " + written + fix);
                return Optional.empty();
            }
        } else {
            if (ms < V3_STEP_MILLIS || ms > V3_MAX_MILLIS) {
                field.error("must be between 10ms and " + Durations.format(V3_MAX_MILLIS) + ", got " + written);
                return Optional.empty();
            }
            if (ms % V3_STEP_MILLIS != 0) {
                field.error("must be a multiple of 10ms (VRRPv3 counts in centiseconds), got " + written);
                return Optional.empty();
            }
        }
        return Optional.of((int) (ms / V3_STEP_MILLIS));
    }
}
