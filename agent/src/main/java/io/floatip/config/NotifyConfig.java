package io.floatip.config;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * Commands run on state changes; each is null when not set.
 *
 * @param any runs on every change, with {@code INSTANCE|GROUP}, the name, the new state and the priority
 *            appended as arguments (keepalived's plain {@code notify})
 */
public record NotifyConfig(Command master, Command backup, Command fault, Command stop, Command any) {

    public static final NotifyConfig NONE = new NotifyConfig(null, null, null, null, null);

    public boolean isEmpty() {
        return Stream.of(master, backup, fault, stop, any).allMatch(Objects::isNull);
    }
}
