package io.floatip.config;

import java.util.Optional;
import java.util.function.Supplier;

/** Reads the optional {@code global} section. */
final class GlobalReader {

    private GlobalReader() {
    }

    static Optional<GlobalConfig> read(Section root, Supplier<String> hostname) {
        Optional<Field> field = root.field("global");
        if (field.isEmpty()) {
            return Optional.of(new GlobalConfig(hostname.get(), GlobalConfig.DEFAULT_LOG_LEVEL));
        }
        return field.get().section().flatMap(global -> {
            Optional<String> routerId = global.field("router_id")
                    .map(Field::withDefault)
                    .map(GlobalReader::routerId)
                    .orElseGet(() -> Optional.of(hostname.get()));
            Optional<String> logLevel = global.optional("log_level", GlobalConfig.DEFAULT_LOG_LEVEL,
                    f -> f.oneOf(GlobalConfig.LOG_LEVELS));
            global.finish();
            if (routerId.isEmpty() || logLevel.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new GlobalConfig(routerId.get(), logLevel.get()));
        });
    }

    private static Optional<String> routerId(Field field) {
        return field.text().map(String::strip).filter(id -> {
            if (id.isEmpty()) {
                field.error("must not be blank; remove it to use this machine's hostname");
            }
            return !id.isEmpty();
        });
    }
}
