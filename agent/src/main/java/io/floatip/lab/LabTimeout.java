package io.floatip.lab;

import java.time.Duration;

/**
 * A polled condition did not become true before its deadline. An AssertionError so that a test
 * waiting on the lab fails rather than errors, and the message names what was awaited.
 */
public final class LabTimeout extends AssertionError {

    public LabTimeout(String what, Duration waited) {
        super("timed out after " + waited.toMillis() + " ms waiting for " + what);
    }
}
