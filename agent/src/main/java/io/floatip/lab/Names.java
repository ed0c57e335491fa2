package io.floatip.lab;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Namespace names unique to this run: "fip", our pid, a per-JVM counter, then the caller's tag.
 * A second JVM (or a crashed earlier run) cannot collide with us, and a leftover namespace in
 * {@code ip netns list} says which process made it.
 */
final class Names {

    /** IFNAMSIZ is 16 including the terminating NUL. */
    static final int MAX_INTERFACE_NAME = 15;

    private static final int MAX_TAG = 12;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    /** A fresh prefix such as "fip4242b-failover"; namespaces are this plus "-sw", "-n1", "-c". */
    static String newPrefix(String tag) {
        return "fip" + ProcessHandle.current().pid() + letters(COUNTER.getAndIncrement()) + clean(tag);
    }

    /**
     * A prefix an operator chose (`floatip demo --prefix`): why it will not do, or null. Short enough for every
     * suffix, and in the alphabet of namespace names; uniqueness is `ip netns add`'s, which refuses an existing name.
     */
    static String prefixProblem(String prefix) {
        if (prefix == null || !CHOSEN_PREFIX.matcher(prefix).matches()) {
            return "a name prefix is 1 to 24 of a-z, 0-9 and '-', starting with a letter, not '" + prefix + "'";
        }
        return null;
    }

    private static final Pattern CHOSEN_PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    static boolean isValidNamespace(String name) {
        return NAMESPACE.matcher(name).matches();
    }

    static void requireInterfaceName(String name) {
        if (name.length() > MAX_INTERFACE_NAME || !INTERFACE.matcher(name).matches()) {
            throw new IllegalArgumentException("bad interface name (at most 15 of [A-Za-z0-9._-]): " + name);
        }
    }

    /** 0 -> "a", 25 -> "z", 26 -> "ba": short and never ends in a digit that would run into the pid. */
    static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.insert(0, (char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return sb.toString();
    }

    private static String clean(String tag) {
        String kept = tag == null ? "" : tag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (kept.length() > MAX_TAG) {
            kept = kept.substring(0, MAX_TAG);
        }
        return kept.isEmpty() ? "" : "-" + kept;
    }
}
