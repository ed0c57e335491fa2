package io.floatip.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * advert_int, in what each VRRP version carries: VRRPv2 whole seconds (keepalived rounds to the nearest, half up,
 * and so does this), VRRPv3 centiseconds up to 40.95 s.
 */
final class AdvertMapper {

    /** keepalived's accepted range, for both versions; outside it, keepalived keeps its default. */
    private static final BigDecimal MIN = new BigDecimal("0.01");
    private static final BigDecimal MAX = BigDecimal.valueOf(255);
    private static final BigDecimal V3_MAX = new BigDecimal("40.95");

    private AdvertMapper() {
    }

    /** The interval in milliseconds, or empty after a warning (then the default, 1s, stays). */
    static Optional<Long> millis(Statement advert, int version, Scope scope) {
        Optional<BigDecimal> seconds = Numbers.seconds(advert.arg(0))
                .filter(n -> n.compareTo(MIN) >= 0 && n.compareTo(MAX) <= 0);
        if (seconds.isEmpty()) {
            scope.notMapped(advert, "keepalived takes 0.01 to 255 seconds, and ignores it too");
            return Optional.empty();
        }
        BigDecimal step = version == 2 ? BigDecimal.ONE : MIN;
        BigDecimal max = version == 2 ? MAX : V3_MAX;
        BigDecimal rounded = seconds.get().divide(step).setScale(0, RoundingMode.HALF_UP).multiply(step)
                .max(step).min(max);
        long millis = rounded.movePointRight(3).longValueExact();
        if (rounded.compareTo(seconds.get()) != 0) {
            scope.note(advert.text() + ": VRRPv" + version + " sends " + (version == 2 ? "whole seconds from 1 to 255"
                    : "10ms steps from 10ms to 40.95s") + "; written as " + Millis.text(millis), advert.place());
        }
        return Optional.of(millis);
    }
}
