package io.floatip.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;

/** The Ethernet II header every frame here starts with (IEEE 802.3), and multicast MACs. */
public final class Ethernet {
    /** Destination MAC, source MAC, ethertype. */
    public static final int HEADER_LENGTH = 14;
    /** Where the ethertype sits (or the 802.1Q tag's TPID). */
    public static final int ETHERTYPE_AT = 12;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    /** IEEE 802.1Q: a 4-byte tag before the real ethertype. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** 802.1ad, the outer tag of QinQ. */
    public static final int ETHERTYPE_QINQ = 0x88a8;

    private Ethernet() {
    }

    /** Writes the header at the start of {@code f}. */
    static void header(byte[] f, byte[] sourceMac, byte[] destinationMac, int etherType) {
        System.arraycopy(destinationMac, 0, f, 0, 6);
        System.arraycopy(sourceMac, 0, f, 6, 6);
        BigEndian.put16(f, ETHERTYPE_AT, etherType);
    }

    /**
     * The Ethernet multicast MAC for a group: IPv4 (RFC 1112 6.4) 01:00:5e and the low 23 bits, so 224.0.0.18
     * is 01:00:5e:00:00:12; IPv6 (RFC 2464 7) 33:33 and the last four bytes, so ff02::12 is 33:33:00:00:00:12.
     */
    public static byte[] multicastMac(InetAddress group) {
        byte[] a = group.getAddress();
        if (group instanceof Inet6Address) {
            return new byte[]{0x33, 0x33, a[12], a[13], a[14], a[15]};
        }
        return new byte[]{0x01, 0x00, 0x5e, (byte) (a[1] & 0x7f), a[2], a[3]};
    }
}
