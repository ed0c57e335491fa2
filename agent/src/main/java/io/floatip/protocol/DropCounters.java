package io.floatip.protocol;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** One counter per drop reason; written by receive threads, read by status and logs. Never allocates on count. */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();
    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Returns the new count, so callers can rate-limit logging (log on 1, 10, 100...). */
    public long count(DropReason reason) {
        return counts.incrementAndGet(reason.ordinal());
    }

    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** The non-zero counters, in enum order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            long v = counts.get(r.ordinal());
            if (v != 0) {
                map.put(r, v);
            }
        }
        return map;
    }
}
