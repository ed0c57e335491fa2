package io.floatip.protocol;

/**
 * Reads, without allocating, whether a received frame says that its sender has an address: an Ethernet/IPv4
 * ARP request or reply whose sender protocol address it is (a gratuitous ARP, or the answer to who-has), or
 * an ICMPv6 Neighbor Advertisement (solicited or not) whose target it is. The split-brain watch looks for
 * such frames about our VIPs from a MAC that is not ours.
 */
public final class ClaimFrame {
    /** Offset of the address to compare in an ARP frame (sender protocol address). */
    static final int ARP_SENDER_IP = 28;
    /** Offset of an NA's target: Ethernet, IPv6 header, ICMPv6 type/code/checksum/flags. */
    static final int NA_TARGET = Ethernet.HEADER_LENGTH + Ip.IPV6_HEADER + 8;
    /** Offset of the MAC that claims: the ARP sender hardware address, or the Ethernet source for an NA. */
    public static final int ARP_SENDER_MAC = ArpCodec.SENDER_MAC_OFFSET;
    public static final int ETHERNET_SOURCE = 6;

    private ClaimFrame() {
    }

    /** Whether {@code f[0, length)} is an ARP frame (request or reply) sent by {@code address} (4 bytes). */
    public static boolean arpFrom(byte[] f, int length, byte[] address) {
        if (length < ArpCodec.FRAME_LENGTH || BigEndian.u16(f, Ethernet.ETHERTYPE_AT) != ArpCodec.ETHERTYPE_ARP
                || BigEndian.u16(f, 14) != 1 || BigEndian.u16(f, 16) != Ethernet.ETHERTYPE_IPV4 || f[18] != 6
                || f[19] != 4) {
            return false;
        }
        int op = BigEndian.u16(f, 20);
        return (op == 1 || op == 2) && same(f, ARP_SENDER_IP, address);
    }

    /** Whether {@code f[0, length)} is an untagged ICMPv6 Neighbor Advertisement whose target is {@code address}. */
    public static boolean advertFor(byte[] f, int length, byte[] address) {
        int ip = Ethernet.HEADER_LENGTH;
        return length >= NA_TARGET + 16 && BigEndian.u16(f, Ethernet.ETHERTYPE_AT) == Ethernet.ETHERTYPE_IPV6
                && (f[ip] & 0xf0) == 0x60 && (f[ip + 6] & 0xff) == NdpCodec.ICMPV6
                && (f[ip + 7] & 0xff) == NdpCodec.HOP_LIMIT
                && (f[ip + Ip.IPV6_HEADER] & 0xff) == NdpCodec.TYPE_NEIGHBOR_ADVERTISEMENT
                && same(f, NA_TARGET, address);
    }

    /** Whether the frame is ARP (any), for the watch and the unicast peers, never the advert decoder. */
    public static boolean isArp(byte[] f, int length) {
        return length >= Ethernet.HEADER_LENGTH && BigEndian.u16(f, Ethernet.ETHERTYPE_AT) == ArpCodec.ETHERTYPE_ARP;
    }

    /** Whether the frame is untagged ICMPv6 (the filter lets in only NAs for our VIPs). */
    public static boolean isIcmp6(byte[] f, int length) {
        return length > Ethernet.HEADER_LENGTH + 6 && BigEndian.u16(f, Ethernet.ETHERTYPE_AT) == Ethernet.ETHERTYPE_IPV6
                && (f[Ethernet.HEADER_LENGTH + 6] & 0xff) == NdpCodec.ICMPV6;
    }

    /**
     * Where the MAC that claims an NA's target is: its Target Link-Layer Address option's (what neighbours
     * cache) unless that is {@code mac} or {@code vmac}, else its Ethernet source unless that is; -1 when both
     * are ours. Only for an NA that {@link NeighborAdvert#check} took.
     */
    public static int advertClaimant(byte[] f, int length, byte[] mac, byte[] vmac) {
        int option = NeighborAdvert.targetLinkLayer(f, length);
        int claim = option == -1 ? -1 : foreign(f, option, mac, vmac);
        return claim != -1 ? claim : foreign(f, ETHERNET_SOURCE, mac, vmac);
    }

    /** Where the MAC that claims an ARP frame's sender address is, or -1 when it is {@code mac} or {@code vmac}. */
    public static int arpClaimant(byte[] f, byte[] mac, byte[] vmac) {
        return foreign(f, ARP_SENDER_MAC, mac, vmac);
    }

    private static int foreign(byte[] f, int at, byte[] mac, byte[] vmac) {
        return same(f, at, mac) || same(f, at, vmac) ? -1 : at;
    }

    /** RFC 9568 7.3's virtual router MAC of {@code vrid}: 00-00-5E-00-01-{VRID}, for IPv6 00-00-5E-00-02-{VRID}. */
    public static byte[] virtualMac(int vrid, boolean ipv6) {
        return new byte[]{0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid};
    }

    /** Whether the 6 bytes at {@code offset} are {@code mac}. */
    public static boolean macIs(byte[] f, int offset, byte[] mac) {
        return same(f, offset, mac);
    }

    private static boolean same(byte[] f, int offset, byte[] value) {
        for (int i = 0; i < value.length; i++) {
            if (f[offset + i] != value[i]) {
                return false;
            }
        }
        return true;
    }

    /** The BPF expression for ARP frames sent by an IPv4 address (hex of its 4 bytes). */
    public static String arpFilter(byte[] address) {
        return "(arp and arp[14:4] = 0x" + hex(address, 0, 4) + ")";
    }

    /** The BPF expression for NAs whose target is an IPv6 address (no extension headers, as RFC 4861 sends). */
    public static String advertFilter(byte[] address) {
        StringBuilder sb = new StringBuilder("(icmp6 and ip6[40] = 136");
        for (int i = 0; i < 16; i += 4) {
            sb.append(" and ip6[").append(48 + i).append(":4] = 0x").append(hex(address, i, 4));
        }
        return sb.append(')').toString();
    }

    private static String hex(byte[] b, int from, int n) {
        return java.util.HexFormat.of().formatHex(b, from, from + n);
    }
}
