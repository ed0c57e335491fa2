package io.floatip.base;

/**
 * Time and timers as the event loop offers them, behind an interface so logic that schedules work (check
 * scripts, file tracking) runs in virtual time in tests. Implementations are single-threaded: call only from
 * the loop (or the test) thread.
 */
public interface Scheduler {
    /** Monotonic nanoseconds. */
    long now();

    /** Runs {@code task} on the loop thread at or after {@code at}. */
    void schedule(long at, Runnable task);
}
