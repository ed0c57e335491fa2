package io.floatip.config;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Reads {@code global.metrics}: present means Prometheus metrics are served, at {@code listen}. */
final class MetricsReader {

    private MetricsReader() {
    }

    /** Empty after an error. */
    static Optional<InetSocketAddress> read(Field field) {
        if (field.node() instanceof Node.Scalar s && !s.isEmpty()) {
            // The likely slip: the address written where its map belongs.
            field.error("must be a map of keys, got the single value '" + s.text() + "'; write it as "
                    + "metrics: {listen: " + s.text() + "}");
            return Optional.empty();
        }
        return field.section().flatMap(metrics -> {
            Optional<InetSocketAddress> listen = metrics.required("listen", MetricsReader::listen);
            metrics.finish();
            return listen;
        });
    }

    private static Optional<InetSocketAddress> listen(Field field) {
        return field.parsed(ListenText::parse);
    }
}
