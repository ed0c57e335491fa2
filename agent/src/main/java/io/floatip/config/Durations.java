package io.floatip.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as a number and a unit: {@code 10ms}, {@code 1s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}. A bare number means seconds, as keepalived users are used to.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(-?)([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(ms|s|m|h)?");
    private static final Map<String, Long> UNIT_MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);
    private static final String EXAMPLES = "like 10ms, 1s, 1.5s or 2m (a bare number means seconds)";

    private Durations() {
    }

    /**
     * Returns the duration in milliseconds.
     *
     * @throws IllegalArgumentException with a message fit to show the user, after the field's name
     */
    public static long parse(String text) {
        String trimmed = text.strip();
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration " + EXAMPLES + ", got '" + text + "'");
        }
        if (!m.group(1).isEmpty()) {
            throw new IllegalArgumentException("must not be negative, got '" + text + "'");
        }
        long unit = UNIT_MILLIS.get(m.group(3) == null ? "s" : m.group(3));
        BigDecimal millis = new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(unit));
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number of milliseconds, got '" + text + "'");
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("is too large, got '" + text + "'");
        }
        return millis.longValueExact();
    }

    /** Writes millis back in the shortest common form, for messages: {@code 10ms}, {@code 1.5s}, {@code 40.95s}. */
    public static String format(long millis) {
        if (millis != 0 && millis % 1_000 != 0 && millis < 1_000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
