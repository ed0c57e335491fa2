package io.floatip.base;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rate limit for the lines a valid but odd advert earns (another interval, another VIP list): anyone on the
 * segment can send those, and one line each let 6,000 frames write 12 MB, after which journald's own limit
 * dropped the state-change lines that matter (RFC 9568 asks for such logging to be rate-limited). A line is
 * keyed by peer address and reason, as the drop counters are: one per key per {@link #PER_KEY_NANOS}. The keys
 * live in a fixed table of {@link #SLOTS} entries, so spoofed sources cannot make it grow: a new key takes
 * its slot over. And since every spoofed source is a new key, all keys together get at most {@link #BURST}
 * lines at once and one per {@link #REFILL_NANOS} after that. What is not logged is counted, and the next
 * line says how many. One thread (the capture thread); allocates nothing.
 */
public final class PeerLogLimit {
    public static final int SLOTS = 64;
    public static final long PER_KEY_NANOS = TimeUnit.MINUTES.toNanos(1);
    public static final int BURST = 10;
    public static final long REFILL_NANOS = TimeUnit.SECONDS.toNanos(6);
    /** How many addresses of a list a line shows; the rest are counted ("and 247 more"). */
    public static final int MAX_ADDRESSES_SHOWN = 8;

    private final InetAddress[] peers = new InetAddress[SLOTS];
    private final int[] reasons = new int[SLOTS];
    private final long[] loggedAt = new long[SLOTS];
    /** GCRA: the time at which the all-keys budget is full again; null state until the first line. */
    private long budgetFullAt;
    private boolean started;
    private long notLogged;

    /**
     * Whether a line for ({@code peer}, {@code reason}) may be written at {@code now}. When it may, the caller
     * writes it with {@link #takeNotLogged()}, the lines held back since the previous one.
     */
    public boolean allow(InetAddress peer, int reason, long now) {
        int slot = (peer.hashCode() * 31 + reason) & (SLOTS - 1);
        boolean known = peer.equals(peers[slot]) && reasons[slot] == reason;
        if (known && now - loggedAt[slot] < PER_KEY_NANOS) {
            notLogged++;
            return false;
        }
        if (!started) {
            started = true;
            budgetFullAt = now;
        }
        long tat = Math.max(budgetFullAt, now);
        if (tat - now > (BURST - 1) * REFILL_NANOS) {
            notLogged++;
            return false;
        }
        budgetFullAt = tat + REFILL_NANOS;
        peers[slot] = peer;
        reasons[slot] = reason;
        loggedAt[slot] = now;
        return true;
    }

    /** The lines held back since the last one allowed, and starts counting again. */
    public long takeNotLogged() {
        long n = notLogged;
        notLogged = 0;
        return n;
    }

    /** At most {@link #MAX_ADDRESSES_SHOWN} addresses, then how many more: a 255-address list stays short. */
    public static String addresses(List<? extends InetAddress> list) {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(list.size(), MAX_ADDRESSES_SHOWN);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(list.get(i).getHostAddress());
        }
        if (list.size() > shown) {
            sb.append(" and ").append(list.size() - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
