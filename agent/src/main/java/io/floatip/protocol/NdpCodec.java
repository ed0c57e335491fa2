package io.floatip.protocol;

import java.net.Inet6Address;

/**
 * Unsolicited Neighbor Advertisement (RFC 4861 4.4 and 7.2.6), IPv6's gratuitous ARP, and the Neighbor
 * Solicitation the split-brain watch probes with (IPv6's ARP request). The advert: after taking over a
 * VIP the new master tells every node on the link that the VIP now lives at its MAC.
 *
 * <p>Built as keepalived 2.2.7 sends it (vectors unsolicited-na*.pcap): to the all-nodes group ff02::1 at
 * 33:33:00:00:00:01, IPv6 source the VIP itself (an address the interface now has, which RFC 4861 7.2.6 asks
 * for), hop limit 255, Traffic Class and flow label 0, ICMPv6 type 136 code 0, Override set and Solicited
 * clear, target the VIP, and one Target Link-Layer Address option carrying the interface's own MAC.
 * keepalived sets the Router flag when the interface forwards IPv6 (net.ipv6.conf.IFACE.forwarding = 1) and
 * clears it otherwise; the caller says which, since a router that advertises itself as a host would be taken
 * off its neighbours' default router lists (RFC 4861 7.2.5).
 */
public final class NdpCodec {
    public static final int ICMPV6 = 58;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int OPTION_SOURCE_LINK_LAYER_ADDRESS = 1;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    /** Flags, the first byte of the 32 bits after the ICMPv6 checksum. */
    public static final int FLAG_ROUTER = 0x80;
    public static final int FLAG_SOLICITED = 0x40;
    public static final int FLAG_OVERRIDE = 0x20;
    public static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
    public static final int HOP_LIMIT = 255;
    /** Link-scope all-nodes multicast address. */
    public static final Inet6Address ALL_NODES = Ip.ipv6(0xff02, 0, 0, 0, 0, 0, 0, 1);
    /** ICMPv6 header (4), flags and reserved (4), target (16), one 8-byte option. */
    public static final int ICMP_LENGTH = 32;
    public static final int FRAME_LENGTH = Ethernet.HEADER_LENGTH + Ip.IPV6_HEADER + ICMP_LENGTH;

    private NdpCodec() {
    }

    /**
     * The frame to send for {@code vip} on an interface whose MAC is {@code mac}.
     *
     * @param router whether to set the Router flag: true when the interface forwards IPv6, as keepalived does
     */
    public static byte[] unsolicitedAdvert(byte[] mac, Inet6Address vip, boolean router) {
        byte[] f = new byte[FRAME_LENGTH];
        System.arraycopy(Ethernet.multicastMac(ALL_NODES), 0, f, 0, 6);
        System.arraycopy(mac, 0, f, 6, 6);
        BigEndian.put16(f, 12, Ethernet.ETHERTYPE_IPV6);
        int ip = Ethernet.HEADER_LENGTH;
        f[ip] = 0x60;                                   // version 6, Traffic Class 0, flow label 0
        BigEndian.put16(f, ip + 4, ICMP_LENGTH);
        f[ip + 6] = (byte) ICMPV6;
        f[ip + 7] = (byte) HOP_LIMIT;                   // RFC 4861 7.1.2: receivers drop anything less
        byte[] target = vip.getAddress();
        System.arraycopy(target, 0, f, ip + 8, 16);     // source: the VIP
        System.arraycopy(ALL_NODES.getAddress(), 0, f, ip + 24, 16);
        int icmp = ip + Ip.IPV6_HEADER;
        f[icmp] = (byte) TYPE_NEIGHBOR_ADVERTISEMENT;
        // f[icmp + 1]: code 0; f[icmp + 2..3]: checksum, below
        f[icmp + 4] = (byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0));
        System.arraycopy(target, 0, f, icmp + 8, 16);
        f[icmp + 24] = (byte) OPTION_TARGET_LINK_LAYER_ADDRESS;
        f[icmp + 25] = 1;                               // option length in units of 8 bytes
        System.arraycopy(mac, 0, f, icmp + 26, 6);
        long sum = InternetChecksum.add(0, f, icmp, ICMP_LENGTH);
        sum = InternetChecksum.addPseudoHeader(sum, f, ip + 8, 16, ICMPV6, ICMP_LENGTH);
        BigEndian.put16(f, icmp + 2, InternetChecksum.finish(sum));
        return f;
    }

    /**
     * A Neighbor Solicitation for {@code target} (RFC 4861 4.3 and 7.2.2), the split-brain watch's probe: who
     * has this address? Sent to the target's solicited-node group ff02::1:ffXX:XXXX from {@code source} (our
     * link-local address, not the unspecified one of DAD, so the holder answers us alone) with a Source
     * Link-Layer Address option, which lets it answer without asking for our MAC first. Only a node that holds
     * the target answers, with a solicited NA.
     */
    public static byte[] solicitation(byte[] mac, Inet6Address source, Inet6Address target) {
        byte[] t = target.getAddress();
        byte[] group = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 0xff, t[13], t[14], t[15]};
        byte[] f = new byte[FRAME_LENGTH];
        f[0] = 0x33;
        f[1] = 0x33;
        System.arraycopy(group, 12, f, 2, 4);
        System.arraycopy(mac, 0, f, 6, 6);
        BigEndian.put16(f, 12, Ethernet.ETHERTYPE_IPV6);
        int ip = Ethernet.HEADER_LENGTH;
        f[ip] = 0x60;
        BigEndian.put16(f, ip + 4, ICMP_LENGTH);
        f[ip + 6] = (byte) ICMPV6;
        f[ip + 7] = (byte) HOP_LIMIT;
        System.arraycopy(source.getAddress(), 0, f, ip + 8, 16);
        System.arraycopy(group, 0, f, ip + 24, 16);
        int icmp = ip + Ip.IPV6_HEADER;
        f[icmp] = (byte) TYPE_NEIGHBOR_SOLICITATION;
        System.arraycopy(t, 0, f, icmp + 8, 16);
        f[icmp + 24] = (byte) OPTION_SOURCE_LINK_LAYER_ADDRESS;
        f[icmp + 25] = 1;
        System.arraycopy(mac, 0, f, icmp + 26, 6);
        long sum = InternetChecksum.add(0, f, icmp, ICMP_LENGTH);
        sum = InternetChecksum.addPseudoHeader(sum, f, ip + 8, 16, ICMPV6, ICMP_LENGTH);
        BigEndian.put16(f, icmp + 2, InternetChecksum.finish(sum));
        return f;
    }
}
