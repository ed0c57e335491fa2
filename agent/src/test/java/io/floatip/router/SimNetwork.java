package io.floatip.router;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A virtual-time segment for routers under test: adverts a router sends reach every other connected router
 * after {@code latency}; time only moves when {@link #runUntil} moves it. No threads, no sleeps.
 *
 * <p>With {@code jitter} the routers' timers fire late, each time by a seeded random 0..jitter, as an event
 * loop that wakes late does: a router must keep its cadence and its decisions when its timers are late.
 * A run that keeps handling events without time moving on (a timer that is due but never cleared) fails
 * at once instead of hanging.
 */
final class SimNetwork {
    static final long MS = 1_000_000L;
    /** More events than this at one instant is a router that never clears its due timer. */
    private static final int MAX_EVENTS_AT_ONE_INSTANT = 10_000;

    final List<SimRouter> routers = new ArrayList<>();
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final long latency;
    private final long jitter;
    private final java.util.Random random;
    private long now;
    private long sequence;

    SimNetwork(long latency) {
        this(latency, 0, 0);
    }

    /** Timers fire up to {@code jitter} late, drawn from {@code seed} (a failure names a reproducible run). */
    SimNetwork(long latency, long jitter, long seed) {
        this.latency = latency;
        this.jitter = jitter;
        this.random = new java.util.Random(seed);
    }

    SimRouter add(String name, String address, int priority, int intervalCentis, boolean preempt) {
        return add(name, address, priority, intervalCentis, preempt, 0, 3);
    }

    SimRouter add(String name, String address, int priority, int intervalCentis, boolean preempt,
                  long preemptDelay, int version) {
        return add(name, 51, address, priority, intervalCentis, preempt, preemptDelay, version);
    }

    SimRouter add(String name, int vrid, String address, int priority, int intervalCentis, boolean preempt,
                  long preemptDelay, int version) {
        SimRouter r = new SimRouter(this, new RouterConfig(name, vrid, version, priority, intervalCentis, preempt,
                preemptDelay, addr(address)));
        routers.add(r);
        return r;
    }

    long now() {
        return now;
    }

    void send(SimRouter from, int priority) {
        if (!from.connected) {
            return;
        }
        for (SimRouter to : routers) {
            if (to != from && to.connected && to.config.vrid() == from.config.vrid()) {
                inFlight.add(new Delivery(now + latency, sequence++, to, from.config.primaryAddress(), priority,
                        from.config.advertIntervalCentis()));
            }
        }
    }

    /** An advert from a sender that is not one of the simulated routers (a peer, an attacker). */
    void inject(SimRouter to, String source, int priority, int intervalCentis) {
        inFlight.add(new Delivery(now, sequence++, to, addr(source), priority, intervalCentis));
    }

    /** Runs every timer and delivery due up to and including {@code until}, in time order. */
    void runUntil(long until) {
        int eventsNow = 0;
        while (true) {
            long next = Long.MAX_VALUE;
            for (SimRouter r : routers) {
                next = Math.min(next, r.fireAt(this));
            }
            Delivery d = inFlight.peek();
            boolean deliver = d != null && d.at <= next;
            long at = deliver ? d.at : next;
            if (at > until) {
                now = until;
                return;
            }
            eventsNow = at > now ? 0 : eventsNow + 1;
            if (eventsNow > MAX_EVENTS_AT_ONE_INSTANT) {
                throw new AssertionError("time does not move on at " + now / MS + " ms: a due timer is never "
                        + "cleared, or adverts bounce without end");
            }
            now = Math.max(now, at);
            if (deliver) {
                inFlight.poll();
                if (d.to.connected) {
                    d.to.router.advertReceived(now, d.source, d.priority, d.interval);
                }
            } else {
                for (SimRouter r : routers) {
                    if (r.fireAt(this) <= now) {
                        r.router.fireTimers(now, 0);
                    }
                }
            }
        }
    }

    /** How late the next timer of a router fires: 0 without jitter. */
    long lateness() {
        return jitter == 0 ? 0 : (long) (random.nextDouble() * jitter);
    }

    void runFor(long duration) {
        runUntil(now + duration);
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private record Delivery(long at, long seq, SimRouter to, InetAddress source, int priority, int interval) {
    }
}
