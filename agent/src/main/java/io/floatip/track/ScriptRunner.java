package io.floatip.track;

import java.util.List;
import java.util.function.Consumer;

/** Starts a script without blocking the caller; reports its outcome on the event loop thread. */
public interface ScriptRunner {
    void start(List<String> argv, long timeoutMillis, Consumer<ScriptOutcome> done);
}
