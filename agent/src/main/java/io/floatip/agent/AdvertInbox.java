package io.floatip.agent;

import java.net.InetAddress;

/**
 * The adverts an instance has accepted on its capture thread and its event loop has not yet handled, in
 * slots made once: handing an advert over allocates nothing (a task per advert would, and at 10 ms adverts
 * that garbage alone fills a small young generation every few seconds). When the loop is so far behind that
 * every slot is taken, the oldest advert gives way to the newest: the latest word of a peer is the one that
 * counts. Any thread may offer; the loop alone takes.
 */
final class AdvertInbox {
    /** Eight intervals' worth from one peer, or one each from eight routers claiming the VRID. */
    static final int CAPACITY = 8;

    /** One advert, as the router needs it. */
    static final class Heard {
        InetAddress source;
        int priority;
        int advertInterval;
        long receivedAt;
    }

    /** What {@link #offer} did. */
    static final int QUEUED = 0;
    /** Queued into an empty inbox: the loop must be told there is work. */
    static final int FIRST = 1;
    /** Queued in place of the oldest advert, which is lost. */
    static final int REPLACED = 2;

    private final Heard[] slots = new Heard[CAPACITY];
    private int head;
    private int size;

    AdvertInbox() {
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = new Heard();
        }
    }

    /** Stores an advert: {@link #QUEUED}, {@link #FIRST} or {@link #REPLACED}. */
    synchronized int offer(InetAddress source, int priority, int advertInterval, long receivedAt) {
        int outcome = size == 0 ? FIRST : QUEUED;
        Heard h;
        if (size == CAPACITY) {
            h = slots[head];
            head = (head + 1) % CAPACITY;
            outcome = REPLACED;
        } else {
            h = slots[(head + size) % CAPACITY];
            size++;
        }
        h.source = source;
        h.priority = priority;
        h.advertInterval = advertInterval;
        h.receivedAt = receivedAt;
        return outcome;
    }

    /** Copies the oldest advert into {@code into}; false if there is none. */
    synchronized boolean take(Heard into) {
        if (size == 0) {
            return false;
        }
        Heard h = slots[head];
        into.source = h.source;
        into.priority = h.priority;
        into.advertInterval = h.advertInterval;
        into.receivedAt = h.receivedAt;
        h.source = null;
        head = (head + 1) % CAPACITY;
        size--;
        return true;
    }
}
