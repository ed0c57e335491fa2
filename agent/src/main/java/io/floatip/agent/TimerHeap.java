package io.floatip.agent;

import io.floatip.router.DeadlineListener;
import io.floatip.router.Router;
import io.floatip.router.Timers;
import java.util.Arrays;

/**
 * The event loop's routers in a binary min-heap by {@link Router#nextDeadline()}, kept current by each
 * router's {@link DeadlineListener}: finding the next deadline is a look at the top, and a wake-up visits
 * only the routers due (O(k log n) for k due of n, instead of asking all n twice per wake-up). Pure: the
 * caller gives the time, so tests drive it in virtual time. Steady state allocates nothing: the arrays grow
 * only when a router is added.
 */
final class TimerHeap {
    /** The furthest ahead a wake-up looks: {@link Timers#advertEarly} of the longest interval it caps at. */
    static final long LOOKAHEAD = Timers.advertEarly(Long.MAX_VALUE);

    private Slot[] heap = new Slot[16];
    private int size;
    /** Routers due at this wake-up, gathered before any fires (firing moves them in the heap). */
    private Router[] due = new Router[16];
    /** The walk's stack of heap indexes. */
    private int[] stack = new int[16];

    /** One router's place in the heap; it is the router's listener, so it finds its own entry. */
    private final class Slot implements DeadlineListener {
        final Router router;
        long key;
        int index = -1;

        Slot(Router router) {
            this.router = router;
        }

        @Override
        public void deadlineChanged(Router r) {
            if (index >= 0) {
                update(this);
            }
        }
    }

    void add(Router router) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            due = new Router[size * 2];
            stack = new int[size * 2];
        }
        Slot slot = new Slot(router);
        slot.key = router.nextDeadline();
        slot.index = size;
        heap[size++] = slot;
        router.deadlineListener(slot);
        up(slot.index);
    }

    void remove(Router router) {
        for (int i = 0; i < size; i++) {
            if (heap[i].router == router) {
                Slot gone = heap[i];
                router.deadlineListener(null);
                gone.index = -1;
                Slot last = heap[--size];
                heap[size] = null;
                if (i < size) {
                    heap[i] = last;
                    last.index = i;
                    down(i);
                    up(last.index);
                }
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** The earliest deadline of any router, or {@link Router#NEVER}. */
    long next() {
        return size == 0 ? Router.NEVER : heap[0].key;
    }

    /**
     * Fires every router whose deadline is at or before {@code now}, and every master's advert due within its
     * {@link Timers#advertEarly} of {@code now}: one wake-up serves the adverts due close together. A BACKUP's
     * Master_Down_Timer is never fired early (the router checks it against {@code now} itself).
     *
     * @return how many routers were visited
     */
    int fire(long now) {
        int n = gather(now + LOOKAHEAD);
        for (int i = 0; i < n; i++) {
            Router r = due[i];
            due[i] = null;
            r.fireTimers(now, LOOKAHEAD);
        }
        return n;
    }

    /** The routers whose key is at or before {@code limit}: a walk down from the top that stops at later keys. */
    private int gather(long limit) {
        int n = 0;
        int top = 0;
        if (size > 0 && heap[0].key <= limit) {
            stack[top++] = 0;
        }
        while (top > 0) {
            int i = stack[--top];
            due[n++] = heap[i].router;
            int c = 2 * i + 1;
            if (c < size && heap[c].key <= limit) {
                stack[top++] = c;
            }
            if (c + 1 < size && heap[c + 1].key <= limit) {
                stack[top++] = c + 1;
            }
        }
        return n;
    }

    private void update(Slot slot) {
        long key = slot.router.nextDeadline();
        if (key == slot.key) {
            return;
        }
        slot.key = key;
        up(slot.index);
        down(slot.index);
    }

    private void up(int i) {
        Slot s = heap[i];
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent].key <= s.key) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].index = i;
            i = parent;
        }
        heap[i] = s;
        s.index = i;
    }

    private void down(int i) {
        Slot s = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && heap[c + 1].key < heap[c].key) {
                c++;
            }
            if (heap[c].key >= s.key) {
                break;
            }
            heap[i] = heap[c];
            heap[i].index = i;
            i = c;
        }
        heap[i] = s;
        s.index = i;
    }
}
