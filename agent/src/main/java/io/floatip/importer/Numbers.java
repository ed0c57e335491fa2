package io.floatip.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/** keepalived's number words: whole numbers, and timers in seconds that may have a fraction (2.5). */
final class Numbers {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,10}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}(\\.[0-9]*)?|\\.[0-9]+");

    private Numbers() {
    }

    /** The whole number in {@code min..max}, or empty (also for null: a missing word). */
    static Optional<Integer> integer(String text, int min, int max) {
        if (text == null || !INTEGER.matcher(text).matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        return value < min || value > max ? Optional.empty() : Optional.of((int) value);
    }

    /** A non-negative timer in seconds, as milliseconds (rounded half up: floatip counts in ms). */
    static Optional<Long> secondsAsMillis(String text) {
        return seconds(text).map(s -> s.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    static Optional<BigDecimal> seconds(String text) {
        if (text == null || !SECONDS.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text.endsWith(".") ? text + "0" : text));
    }
}
