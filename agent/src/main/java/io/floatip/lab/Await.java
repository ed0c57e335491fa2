package io.floatip.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition against a deadline; the lab never sleeps a fixed time to wait for something. */
final class Await {

    /** Short enough that waits end close to the moment the condition turns true. */
    static final Duration POLL = Duration.ofMillis(5);

    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            // Checked after the attempt, so a condition that is slow to evaluate still gets a last try.
            if (System.nanoTime() - deadline >= 0) {
                throw new LabTimeout(what, timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + what, e);
            }
        }
    }
}
