package io.floatip.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The agent's refusal counters: one per {@link Refusal}, process-wide (one agent per process), written by any
 * thread without allocating. Tests read a counter before and after, never assume it starts at 0.
 */
public final class Refusals {
    private static final Refusal[] ALL = Refusal.values();
    private static final AtomicLongArray COUNTS = new AtomicLongArray(ALL.length);

    private Refusals() {
    }

    /** Returns the new count, so a caller can log the 1st, 10th, 100th... only. */
    public static long count(Refusal what) {
        return COUNTS.incrementAndGet(what.ordinal());
    }

    public static long get(Refusal what) {
        return COUNTS.get(what.ordinal());
    }

    /** Whether {@code n} is 1, 10, 100, 1000...: the counts worth a log line. */
    public static boolean worthLogging(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    /** The non-zero counters by key, in enum order. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Refusal r : ALL) {
            long v = COUNTS.get(r.ordinal());
            if (v != 0) {
                m.put(r.key(), v);
            }
        }
        return m;
    }
}
