package io.floatip.control;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code reload}.
 *
 * @param applied  whether the new config is now running; false leaves the old one running
 * @param messages what changed when applied; one line per config error when not
 */
public record ReloadResult(boolean applied, List<String> messages) {

    public ReloadResult {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}
