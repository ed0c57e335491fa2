package io.floatip.net;

import java.util.Map;

/**
 * The IPV4_DEVCONF_ index (linux/ip.h) of each net.ipv4.conf.IF key the agent sets, for setting it over
 * netlink instead of /proc/sys.
 */
final class Ipv4Devconf {
    private static final Map<String, Integer> INDEX = Map.of(
            "rp_filter", 8,
            "arp_filter", 13,
            "arp_announce", 18,
            "arp_ignore", 19,
            "promote_secondaries", 20,
            "accept_local", 23);

    private Ipv4Devconf() {
    }

    /** The index of {@code key}, or 0 when it is not one of these. */
    static int index(String key) {
        return INDEX.getOrDefault(key, 0);
    }
}
