package io.floatip.router;

/** Told, on the thread that drives the router, that its {@link Router#nextDeadline()} may have moved. */
@FunctionalInterface
public interface DeadlineListener {
    void deadlineChanged(Router router);
}
