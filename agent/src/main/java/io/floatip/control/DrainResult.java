package io.floatip.control;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code drain} and {@code undrain}.
 *
 * @param applied  false when nothing changed (an unknown instance named): then {@code messages} says why
 * @param drained  the instances drained now, after the request
 * @param messages one line per instance changed, and any warning (the state could not be saved)
 */
public record DrainResult(boolean applied, List<String> drained, List<String> messages) {

    public DrainResult {
        drained = List.copyOf(Objects.requireNonNull(drained, "drained"));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}
