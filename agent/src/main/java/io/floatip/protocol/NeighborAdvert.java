package io.floatip.protocol;

/**
 * Reads a received ICMPv6 Neighbor Advertisement in place, without allocating: whether it is one a node would
 * take (RFC 4861 7.1.2), and the link-layer address it gives for its target, so that the split-brain watch
 * can tell which MAC claims one of our IPv6 VIPs. Never throws: a frame that is not valid gets its reason.
 */
public final class NeighborAdvert {
    private static final int IP = Ethernet.HEADER_LENGTH;
    private static final int ICMP = IP + Ip.IPV6_HEADER;
    /** Type, code, checksum, flags and reserved, target: what precedes the options. */
    static final int FIXED = 24;
    /** Offset of the MAC in an 8-byte Target Link-Layer Address option on Ethernet (RFC 4861 4.6.1). */
    private static final int OPTION_MAC = 2;

    private NeighborAdvert() {
    }

    /** Null when {@code f[0, length)} is a valid untagged NA; else why not, in RFC 4861 7.1.2's order. */
    public static NaDrop check(byte[] f, int length) {
        int n = Math.min(length, f.length);
        if (n < ICMP + FIXED) {
            return NaDrop.NA_TRUNCATED;
        }
        if (BigEndian.u16(f, Ethernet.ETHERTYPE_AT) != Ethernet.ETHERTYPE_IPV6 || (f[IP] & 0xf0) != 0x60) {
            return NaDrop.NA_NOT_IPV6;
        }
        int payload = BigEndian.u16(f, IP + 4);
        if (payload < FIXED || ICMP + payload > n) {
            return NaDrop.NA_TRUNCATED;
        }
        if ((f[IP + 6] & 0xff) != NdpCodec.ICMPV6) {
            return NaDrop.NA_EXTENSION_HEADER;
        }
        if ((f[ICMP] & 0xff) != NdpCodec.TYPE_NEIGHBOR_ADVERTISEMENT) {
            return NaDrop.NA_NOT_ADVERT;
        }
        if ((f[IP + 7] & 0xff) != NdpCodec.HOP_LIMIT) {
            return NaDrop.NA_HOP_LIMIT_NOT_255;
        }
        if (f[ICMP + 1] != 0) {
            return NaDrop.NA_BAD_CODE;
        }
        long sum = InternetChecksum.add(0, f, ICMP, payload);
        if (InternetChecksum.finish(InternetChecksum.addPseudoHeader(sum, f, IP + 8, 16, NdpCodec.ICMPV6, payload))
                != 0) {
            return NaDrop.NA_BAD_CHECKSUM;
        }
        if ((f[ICMP + 8] & 0xff) == 0xff) {
            return NaDrop.NA_MULTICAST_TARGET;
        }
        if ((f[IP + 24] & 0xff) == 0xff && (f[ICMP + 4] & NdpCodec.FLAG_SOLICITED) != 0) {
            return NaDrop.NA_SOLICITED_TO_MULTICAST;
        }
        return optionAt(f, ICMP + payload, -1) == -2 ? NaDrop.NA_BAD_OPTION : null;
    }

    /**
     * The offset of the MAC in the NA's first Target Link-Layer Address option, or -1 when it has none (RFC
     * 4861 7.2.4 lets a solicited NA to a unicast address leave it out). Only for a frame {@link #check} took.
     */
    public static int targetLinkLayer(byte[] f, int length) {
        int end = ICMP + BigEndian.u16(f, IP + 4);
        int at = end <= Math.min(length, f.length) ? optionAt(f, end, NdpCodec.OPTION_TARGET_LINK_LAYER_ADDRESS)
                : -2;
        return at == -1 || at == -2 ? -1 : at + OPTION_MAC;
    }

    /**
     * Walks the options up to {@code end}: the offset of the first of {@code type} that holds a MAC, -1 when
     * there is none, -2 when an option has length 0 or runs past {@code end} (RFC 4861 7.1.2: discard).
     */
    private static int optionAt(byte[] f, int end, int type) {
        int found = -1;
        for (int at = ICMP + FIXED; at < end; ) {
            // Every option is a whole number of 8-byte units, one at least.
            if (end - at < 8 || f[at + 1] == 0) {
                return -2;
            }
            int next = at + 8 * (f[at + 1] & 0xff);
            if (next > end) {
                return -2;
            }
            if (found == -1 && (f[at] & 0xff) == type) {
                found = at;
            }
            at = next;
        }
        return found;
    }
}
