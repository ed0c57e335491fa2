package io.floatip.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A link's adverts on their way from the capture thread to the event loop, a read round at a time: each
 * instance that queued its first advert in its {@link AdvertInbox} is listed here (its drain task), and at the
 * round's end the loop is given one task that drains them all. So the loop wakes once per round of frames, not
 * once per advert: at 50 instances at 10 ms that was about two wake-ups of the loop per burst of adverts.
 * Made once, a fixed ring: handing over allocates nothing. One capture thread lists; the loop drains.
 */
final class AdvertHandover {
    /** An IPv4 and an IPv6 table of 256 VRIDs: an instance is listed at most once until drained. */
    static final int CAPACITY = 512;

    private final Runnable[] ring = new Runnable[CAPACITY];
    private int head;
    private int size;
    /** A drain of this handover is queued on the loop and has not started: the next round needs none. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable drainAll = this::drainAll;
    /** Capture thread: the loop to tell at the round's end (every instance of an agent has the same). */
    private Executor loop;
    /** Capture thread: something was listed in this round. */
    private boolean listed;

    /** Capture thread: {@code drain}, an instance's inbox drain, is to run on {@code loop} after this round. */
    void list(Runnable drain, Executor on) {
        loop = on;
        if (!add(drain)) {
            on.execute(drain); // cannot happen while every instance is listed at most once; if it does, on its own
            return;
        }
        listed = true;
    }

    /** Capture thread, at a round's end: the loop is told once, if anything was listed. */
    void roundEnd() {
        if (listed) {
            listed = false;
            if (queued.compareAndSet(false, true)) {
                loop.execute(drainAll);
            }
        }
    }

    /** Loop thread. Cleared before draining: whatever is listed from here on either is seen or queues another. */
    private void drainAll() {
        queued.set(false);
        Runnable drain = take();
        while (drain != null) {
            drain.run();
            drain = take();
        }
    }

    private synchronized boolean add(Runnable drain) {
        if (size == CAPACITY) {
            return false;
        }
        ring[(head + size) % CAPACITY] = drain;
        size++;
        return true;
    }

    private synchronized Runnable take() {
        if (size == 0) {
            return null;
        }
        Runnable r = ring[head];
        ring[head] = null;
        head = (head + 1) % CAPACITY;
        size--;
        return r;
    }
}
