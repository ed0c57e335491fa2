package io.floatip.config;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * A node this instance talks to in unicast mode. Its adverts are accepted only with a TTL in
 * {@code minTtl..maxTtl}: 255..255 by default, as VRRP requires on a link; a wider range lets a peer sit
 * behind routers (as cloud networks often do), at the cost of that protection against remote senders.
 */
public record UnicastPeer(Inet4Address address, int minTtl, int maxTtl) {

    public static final int MAX_TTL = 255;

    public UnicastPeer {
        Objects.requireNonNull(address, "address");
        if (minTtl < 0 || maxTtl > MAX_TTL || minTtl > maxTtl) {
            throw new IllegalArgumentException("TTL range must be within 0.." + MAX_TTL + " with min <= max: "
                    + minTtl + ".." + maxTtl);
        }
    }

    /** A peer on the same link: only TTL 255 is accepted. */
    public static UnicastPeer of(Inet4Address address) {
        return new UnicastPeer(address, MAX_TTL, MAX_TTL);
    }

    public boolean acceptsTtl(int ttl) {
        return ttl >= minTtl && ttl <= maxTtl;
    }

    /** {@code 198.51.100.12}, or {@code 198.51.100.13 (ttl 250..255)} when the range is not the default. */
    @Override
    public String toString() {
        String ip = address.getHostAddress();
        return minTtl == MAX_TTL && maxTtl == MAX_TTL ? ip : ip + " (ttl " + minTtl + ".." + maxTtl + ")";
    }
}
