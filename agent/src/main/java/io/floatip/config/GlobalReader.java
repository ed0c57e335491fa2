package io.floatip.config;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the optional {@code global} section. It is read last: whether the config runs any command decides
 * whether a script user must be found.
 */
final class GlobalReader {

    // sun_path holds 108 bytes with the terminating NUL; bind fails on anything longer.
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private GlobalReader() {
    }

    /**
     * @param field    the global key, if the file has it
     * @param commands the reader every other command was read with: whether it met any decides whether a
     *                 script user is needed (notify_fifo_script, read here, counts too)
     * @param host     empty without host checks
     */
    static Optional<GlobalConfig> read(Optional<Field> field, Supplier<String> hostname, CommandReader commands,
            Optional<HostChecks> host, Problems problems) {
        if (field.isEmpty()) {
            return scriptUser(Optional.empty(), Optional.empty(), false, Mark.START, commands.seen(), host, problems)
                    .map(user -> new GlobalConfig(hostname.get(), GlobalConfig.DEFAULT_LOG_LEVEL, user.orElse(null),
                            false, null, GlobalConfig.DEFAULT_CONTROL_SOCKET, null));
        }
        Mark globalMark = field.get().keyMark();
        return field.get().section().flatMap(global -> {
            Optional<String> routerId = global.field("router_id")
                    .map(Field::withDefault)
                    .map(GlobalReader::routerId)
                    .orElseGet(() -> Optional.of(hostname.get()));
            Optional<String> logLevel = global.optional("log_level", GlobalConfig.DEFAULT_LOG_LEVEL,
                    f -> f.oneOf(GlobalConfig.LOG_LEVELS));
            Optional<Field> userField = global.field("script_user").map(Field::withDefault);
            Optional<String> written = userField.flatMap(GlobalReader::userName);
            Optional<Boolean> allowRoot = global.optional("allow_root_scripts", false, Field::bool);
            Optional<Field> fifoField = global.field("notify_fifo").map(Field::withDefault);
            Optional<Path> fifo = fifoField.flatMap(GlobalReader::fifo);
            Optional<Field> readerField = global.field("notify_fifo_script").map(Field::withDefault);
            Optional<Command> reader = readerField.flatMap(commands::read);
            if (readerField.isPresent() && fifoField.isEmpty()) {
                readerField.get().error("needs global.notify_fifo: the reader is started with the FIFO's path as "
                        + "its last argument (keepalived's notify_fifo_script does the same)");
                reader = Optional.empty();
            }
            Optional<Path> socket = global.optional("control_socket", GlobalConfig.DEFAULT_CONTROL_SOCKET,
                    GlobalReader::controlSocket);
            Optional<Field> metricsField = global.field("metrics");
            Optional<InetSocketAddress> metrics = metricsField.flatMap(MetricsReader::read);
            Optional<Integer> realtime = global.optional("realtime_priority", 0,
                    f -> f.intBetween(0, GlobalConfig.MAX_REALTIME_PRIORITY));
            Optional<Path> stateDir = global.optional("state_dir", GlobalConfig.DEFAULT_STATE_DIR,
                    GlobalReader::stateDir);
            Optional<String> splitBrain = global.optional("split_brain", GlobalConfig.SPLIT_BRAIN.get(0),
                    f -> f.oneOf(GlobalConfig.SPLIT_BRAIN));
            global.finish();
            boolean ok = splitBrain.isPresent() && routerId.isPresent() && logLevel.isPresent() && allowRoot.isPresent()
                    && (userField.isEmpty() || written.isPresent()) && (fifoField.isEmpty() || fifo.isPresent())
                    && socket.isPresent() && (metricsField.isEmpty() || metrics.isPresent()) && realtime.isPresent()
                    && stateDir.isPresent() && (readerField.isEmpty() || reader.isPresent());
            if (!ok) {
                return Optional.empty();
            }
            Command fifoReader = reader.orElse(null);
            return scriptUser(written, userField, allowRoot.get(), globalMark, commands.seen(), host, problems)
                    .map(user -> new GlobalConfig(routerId.get(), logLevel.get(), user.orElse(null), allowRoot.get(),
                            fifo.orElse(null), socket.get(), metrics.orElse(null), realtime.get(), stateDir.get(),
                            splitBrain.get().equals("yield"), fifoReader));
        });
    }

    /** Empty after an error; else the user, or none when no command runs. */
    private static Optional<Optional<String>> scriptUser(Optional<String> written, Optional<Field> writtenAt,
            boolean allowRoot, Mark globalMark, boolean needsUser, Optional<HostChecks> host, Problems problems) {
        if (!needsUser) {
            return Optional.of(Optional.empty());
        }
        return ScriptUser.resolve(written, writtenAt, allowRoot, globalMark, host, problems).map(Optional::of);
    }

    private static Optional<String> routerId(Field field) {
        return field.text().map(String::strip).filter(id -> {
            if (id.isEmpty()) {
                field.error("must not be blank; remove it to use this machine's hostname");
            }
            return !id.isEmpty();
        });
    }

    private static Optional<String> userName(Field field) {
        return field.text().map(String::strip).filter(name -> {
            if (!UserNames.isPlausible(name)) {
                field.error("must be a user name, got '" + name + "'");
            }
            return UserNames.isPlausible(name);
        });
    }

    private static Optional<Path> fifo(Field field) {
        return field.text().filter(text -> {
            if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
                field.error("must be an absolute path, like /run/floatip/notify.fifo, got '" + text + "'");
                return false;
            }
            return true;
        }).map(Path::of);
    }

    private static Optional<Path> stateDir(Field field) {
        return field.text().filter(text -> {
            if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
                field.error("must be an absolute path to a directory, like " + GlobalConfig.DEFAULT_STATE_DIR
                        + ", got '" + text + "'");
                return false;
            }
            return true;
        }).map(Path::of);
    }

    private static Optional<Path> controlSocket(Field field) {
        return field.text().filter(text -> {
            if (!text.startsWith("/") || text.endsWith("/") || text.indexOf('\0') >= 0) {
                field.error("must be an absolute path to a socket file, like "
                        + GlobalConfig.DEFAULT_CONTROL_SOCKET + ", got '" + text + "'");
                return false;
            }
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SOCKET_PATH_BYTES) {
                field.error("is " + bytes + " bytes long; a UNIX socket path can have at most "
                        + MAX_SOCKET_PATH_BYTES);
                return false;
            }
            return true;
        }).map(Path::of);
    }
}
