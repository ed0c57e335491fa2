package io.floatip.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tracking makes of an instance: its effective priority and whether it is in FAULT, and why. Pure: the
 * caller reports each tracked thing's state; this adds up keepalived's weights.
 *
 * <p>Weights (keepalived's): a tracked script or interface with weight W > 0 adds W while it is up; with
 * W < 0 adds W (lowers) while it is down; with W = 0 it puts the instance in FAULT while it is down. A tracked
 * file adds value * W; with W = 0 a non-zero value is FAULT. The sum is clamped to 1..254; the owner's 255 never
 * changes (RFC 9568 6.1).
 */
public final class Health {
    /** The most one tracked file can move a priority either way: the whole 1..254 range. */
    static final long MAX_SHARE = 254;

    private int basePriority;
    private final Map<Key, Tracked> tracked = new LinkedHashMap<>();

    /**
     * What is tracked: its kind ("script", "interface" or "file") and name; "script chk" in fault reasons.
     * Kept apart so that status shows both without parsing the line back.
     */
    public record Key(String kind, String name) {
        public static Key script(String name) {
            return new Key("script", name);
        }

        public static Key iface(String name) {
            return new Key("interface", name);
        }

        public static Key file(String path) {
            return new Key("file", path);
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    public Health(int basePriority) {
        this.basePriority = basePriority;
    }

    /** A reload changed the configured priority. */
    public void basePriority(int priority) {
        this.basePriority = priority;
    }

    /** A script or interface: up or down, with its weight. {@code key} names it in fault reasons. */
    public void set(Key key, int weight, boolean up) {
        tracked.put(key, new Tracked(weight, up ? 0 : 1, true));
    }

    /** A tracked file's value. */
    public void setValue(Key key, int weight, long value) {
        tracked.put(key, new Tracked(weight, value, false));
    }

    public void remove(Key key) {
        tracked.remove(key);
    }

    public int effectivePriority() {
        if (basePriority == 255) {
            return 255;
        }
        long p = basePriority;
        for (Tracked t : tracked.values()) {
            p += t.contribution();
        }
        return (int) Math.max(1, Math.min(254, p));
    }

    /** Why the instance must be in FAULT; empty when it need not be. */
    public List<String> faults() {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Key, Tracked> e : tracked.entrySet()) {
            Tracked t = e.getValue();
            if (t.weight == 0 && t.value != 0) {
                reasons.add(t.upDown ? e.getKey() + " is down" : e.getKey() + " is " + t.value);
            }
        }
        return reasons;
    }

    /** Each tracked thing as status shows it: its key (script chk), weight and state ("up", "down", or a value). */
    public record Entry(Key key, int weight, String state) {
    }

    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        tracked.forEach((k, t) -> list.add(new Entry(k, t.weight,
                t.upDown ? (t.value == 0 ? "up" : "down") : Long.toString(t.value))));
        return list;
    }

    /** For up/down things, {@code value} is 0 when up and 1 when down. */
    private record Tracked(int weight, long value, boolean upDown) {
        long contribution() {
            if (!upDown) {
                // As keepalived: each file's share is clamped to what a priority can move, and the product
                // saturates instead of wrapping (2^62 * 2 once gave priority 1).
                long product;
                try {
                    product = Math.multiplyExact(value, (long) weight);
                } catch (ArithmeticException e) {
                    product = (value < 0) == (weight < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
                }
                return Math.max(-MAX_SHARE, Math.min(MAX_SHARE, product));
            }
            boolean up = value == 0;
            if (weight > 0) {
                return up ? weight : 0;
            }
            return up ? 0 : weight;
        }
    }
}
