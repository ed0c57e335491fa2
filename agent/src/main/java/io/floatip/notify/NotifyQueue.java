package io.floatip.notify;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one instance's (or group's) notifications in the order they happened, one at a time, each
 * bounded by a timeout, on a thread of its own. Unlike keepalived's, a later notification never overtakes an
 * earlier one, and a hung script delays only the notifications queued behind it, never the state machine:
 * {@link #submit} does not block.
 */
public final class NotifyQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    /** Runs one notification to its end (or its timeout). */
    public interface Delivery {
        void deliver(List<String> argv);
    }

    private final LinkedBlockingQueue<List<String>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Delivery delivery;
    private volatile boolean closing;

    public NotifyQueue(String name, Delivery delivery) {
        this.delivery = delivery;
        this.thread = new Thread(this::run, "notify-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Any thread; never blocks. */
    public void submit(List<String> argv) {
        queue.add(List.copyOf(argv));
    }

    public int pending() {
        return queue.size();
    }

    private void run() {
        while (true) {
            List<String> next;
            try {
                next = closing ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                return; // closing and drained
            }
            if (next.isEmpty()) {
                continue; // the wake-up marker of drain()
            }
            try {
                delivery.deliver(next);
            } catch (RuntimeException e) {
                log.warn("notify {} failed: {}", next, e.toString());
            }
        }
    }

    /**
     * Lets the queued notifications (the stop ones, at shutdown) run for up to {@code millis}, then gives up
     * on the rest.
     */
    public void drain(long millis) throws InterruptedException {
        closing = true;
        queue.add(List.of()); // wakes a take() that is waiting on an empty queue
        thread.join(millis);
        thread.interrupt();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
