package io.floatip.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One counter per drop reason, wire and policy alike; written by receive threads, read by status and logs.
 * Never allocates on count.
 */
public final class DropCounters {
    private static final WireDrop[] WIRE = WireDrop.values();
    private static final PolicyDrop[] POLICY = PolicyDrop.values();
    private static final NaDrop[] NA = NaDrop.values();
    private final AtomicLongArray counts = new AtomicLongArray(WIRE.length + POLICY.length + NA.length);

    /** Wire reasons first, then policy ones, then NDP ones: the order status and metrics list them in. */
    private static int index(DropReason reason) {
        if (reason instanceof WireDrop w) {
            return w.ordinal();
        }
        return reason instanceof PolicyDrop p ? WIRE.length + p.ordinal() : WIRE.length + POLICY.length
                + ((NaDrop) reason).ordinal();
    }

    /** Returns the new count, so callers can rate-limit logging (log on 1, 10, 100...). */
    public long count(DropReason reason) {
        return counts.incrementAndGet(index(reason));
    }

    public long get(DropReason reason) {
        return counts.get(index(reason));
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** The non-zero counters, wire reasons, policy reasons, then NDP reasons, each in enum order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> map = new LinkedHashMap<>();
        for (WireDrop r : WIRE) {
            put(map, r);
        }
        for (PolicyDrop r : POLICY) {
            put(map, r);
        }
        for (NaDrop r : NA) {
            put(map, r);
        }
        return map;
    }

    private void put(Map<DropReason, Long> map, DropReason r) {
        long v = counts.get(index(r));
        if (v != 0) {
            map.put(r, v);
        }
    }
}
