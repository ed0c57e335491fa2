package io.floatip.config;

import java.util.Optional;

/** Reads an instance's optional {@code garp} section. */
final class GarpReader {

    private GarpReader() {
    }

    static Optional<GarpConfig> read(Section instance) {
        return instance.field("garp").map(GarpReader::read).orElse(Optional.of(GarpConfig.DEFAULT));
    }

    private static Optional<GarpConfig> read(Field field) {
        return field.section().flatMap(garp -> {
            Optional<Long> delay = garp.optional("delay", GarpConfig.DEFAULT_DELAY_MILLIS, Field::millis);
            Optional<Integer> repeat = garp.optional("repeat", GarpConfig.DEFAULT_REPEAT,
                    f -> f.intBetween(1, GarpConfig.MAX_REPEAT));
            Optional<Long> refresh = garp.optional("refresh", 0L, f -> f.millis().filter(ms -> {
                if (ms != 0 && ms < GarpConfig.MIN_REFRESH_MILLIS) {
                    f.error("must be 0s (no refresh) or at least 1s, got '" + ((Node.Scalar) f.node()).text() + "'");
                    return false;
                }
                return true;
            }));
            Optional<Long> interval = garp.optional("interval", 0L,
                    f -> f.millisBetween(0, GarpConfig.MAX_INTERVAL_MILLIS));
            garp.finish();
            if (delay.isEmpty() || repeat.isEmpty() || refresh.isEmpty() || interval.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new GarpConfig(delay.get(), repeat.get(), refresh.get(), interval.get()));
        });
    }
}
