package io.floatip.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A listener that queues what it hears, for tests to wait on with a deadline. */
class LinkEvents implements LinkListener {
    private final LinkedBlockingQueue<LinkState> queue = new LinkedBlockingQueue<>();

    @Override
    public void linkChanged(LinkState state) {
        queue.add(state);
    }

    /** The first queued or arriving state that matches; fails after {@code timeout}, listing what came. */
    LinkState await(Predicate<LinkState> wanted, Duration timeout, String description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<LinkState> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            LinkState state = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (state == null) {
                throw new AssertionError("no " + description + " within " + timeout + "; saw " + seen);
            }
            if (wanted.test(state)) {
                return state;
            }
            seen.add(state);
        }
    }
}
