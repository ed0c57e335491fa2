package io.floatip.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798) advertisements carried in IPv4 over Ethernet.
 * Pure: no I/O, no clock, no logging. Decoding checks in wire order and returns the first failed check.
 */
public final class VrrpCodec {
    public static final int ETHERNET_HEADER = 14;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int IPV4_HEADER = 20;
    /** VRRP fixed header: version/type, VRID, priority, count, (auth type, adver int | rsvd, max adver int), checksum. */
    public static final int VRRP_HEADER = 8;
    /** IP TOS for DSCP CS6 (48 << 2), which keepalived and RFC 5798 routers use for adverts. */
    public static final int TOS_CS6 = 0xc0;
    public static final Inet4Address MULTICAST_GROUP = ipv4(224, 0, 0, 18);
    /** The maximum v3 Max Adver Int: 12 bits of centiseconds. */
    public static final int MAX_V3_INTERVAL = 0x0fff;

    private VrrpCodec() {
    }

    /** Decodes an Ethernet frame as captured by libpcap; TTL must be 255. */
    public static Decoded decodeFrame(byte[] frame, int length) {
        return decodeFrame(frame, length, true);
    }

    /**
     * As {@link #decodeFrame(byte[], int)}; with {@code requireTtl255} false the TTL is left for the caller to
     * check, for unicast peers that keepalived lets an operator give a TTL range.
     */
    public static Decoded decodeFrame(byte[] frame, int length, boolean requireTtl255) {
        if (length < ETHERNET_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        int offset = 12;
        int etherType = u16(frame, offset);
        if (etherType == ETHERTYPE_VLAN) {
            if (length < ETHERNET_HEADER + 4) {
                return Decoded.Dropped.of(DropReason.TRUNCATED);
            }
            offset += 4;
            etherType = u16(frame, offset);
        }
        if (etherType != ETHERTYPE_IPV4) {
            return Decoded.Dropped.of(DropReason.NOT_IPV4);
        }
        return decodeIpv4(frame, offset + 2, length - offset - 2, requireTtl255);
    }

    /** Decodes an IPv4 packet (header included) starting at {@code offset}. */
    public static Decoded decodeIpv4(byte[] b, int offset, int length, boolean requireTtl255) {
        if (length < IPV4_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        if ((b[offset] & 0xf0) != 0x40) {
            return Decoded.Dropped.of(DropReason.NOT_IPV4);
        }
        int headerLength = (b[offset] & 0x0f) * 4;
        int totalLength = u16(b, offset + 2);
        if (headerLength < IPV4_HEADER || totalLength < headerLength) {
            return Decoded.Dropped.of(DropReason.BAD_IP_HEADER);
        }
        // Ethernet pads short frames, so the capture may be longer than the packet but never shorter.
        if (totalLength > length) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        if (InternetChecksum.of(b, offset, headerLength) != 0) {
            return Decoded.Dropped.of(DropReason.BAD_IP_CHECKSUM);
        }
        int fragment = u16(b, offset + 6);
        if ((fragment & 0x3fff) != 0) { // MF set or a non-zero offset
            return Decoded.Dropped.of(DropReason.FRAGMENT);
        }
        if ((b[offset + 9] & 0xff) != VrrpPacket.PROTOCOL) {
            return Decoded.Dropped.of(DropReason.NOT_VRRP);
        }
        int ttl = b[offset + 8] & 0xff;
        if (requireTtl255 && ttl != VrrpPacket.TTL) {
            return Decoded.Dropped.of(DropReason.TTL_NOT_255);
        }
        Inet4Address source = ipv4(b, offset + 12);
        Inet4Address destination = ipv4(b, offset + 16);
        return decodeVrrp(b, offset + headerLength, totalLength - headerLength, source, destination, ttl);
    }

    private static Decoded decodeVrrp(byte[] b, int at, int length, Inet4Address source,
                                      Inet4Address destination, int ttl) {
        if (length < VRRP_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        int version = (b[at] & 0xf0) >>> 4;
        if (version != 2 && version != 3) {
            return Decoded.Dropped.of(DropReason.BAD_VERSION);
        }
        if ((b[at] & 0x0f) != VrrpPacket.TYPE_ADVERTISEMENT) {
            return Decoded.Dropped.of(DropReason.BAD_TYPE);
        }
        int vrid = b[at + 1] & 0xff;
        int priority = b[at + 2] & 0xff;
        int count = b[at + 3] & 0xff;
        if (count == 0) {
            return Decoded.Dropped.of(DropReason.ZERO_COUNT);
        }
        int expected = VRRP_HEADER + 4 * count + (version == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        if (length != expected) {
            return Decoded.Dropped.of(DropReason.LENGTH_MISMATCH);
        }
        long sum = InternetChecksum.add(0, b, at, length);
        if (version == 3) {
            sum = pseudoHeaderSum(sum, source, destination, length);
        }
        if (InternetChecksum.finish(sum) != 0) {
            return Decoded.Dropped.of(DropReason.BAD_CHECKSUM);
        }
        int interval;
        AuthType authType;
        byte[] authData;
        if (version == 3) {
            interval = u16(b, at + 4) & MAX_V3_INTERVAL;
            authType = AuthType.NONE;
            authData = new byte[0];
        } else {
            authType = AuthType.fromWire(b[at + 4] & 0xff);
            if (authType == null) {
                return Decoded.Dropped.of(DropReason.BAD_AUTH_TYPE);
            }
            interval = 100 * (b[at + 5] & 0xff);
            int authAt = at + VRRP_HEADER + 4 * count;
            authData = java.util.Arrays.copyOfRange(b, authAt, authAt + VrrpPacket.AUTH_DATA_LENGTH);
        }
        if (interval == 0) {
            return Decoded.Dropped.of(DropReason.ZERO_INTERVAL);
        }
        List<Inet4Address> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(ipv4(b, at + VRRP_HEADER + 4 * i));
        }
        return new Decoded.Accepted(new VrrpPacket(version, vrid, priority, interval, addresses, authType, authData,
                source, destination, ttl));
    }

    /** Builds the Ethernet frame for an advertisement: TOS CS6, TTL from the packet, DF clear (as keepalived). */
    public static byte[] encodeFrame(VrrpPacket p, byte[] sourceMac, byte[] destinationMac, int ipId) {
        int vrrpLength = VRRP_HEADER + 4 * p.addresses().size() + (p.version() == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        byte[] f = new byte[ETHERNET_HEADER + IPV4_HEADER + vrrpLength];
        System.arraycopy(destinationMac, 0, f, 0, 6);
        System.arraycopy(sourceMac, 0, f, 6, 6);
        put16(f, 12, ETHERTYPE_IPV4);
        int ip = ETHERNET_HEADER;
        f[ip] = 0x45;
        f[ip + 1] = (byte) TOS_CS6;
        put16(f, ip + 2, IPV4_HEADER + vrrpLength);
        put16(f, ip + 4, ipId);
        f[ip + 8] = (byte) p.ttl();
        f[ip + 9] = (byte) VrrpPacket.PROTOCOL;
        System.arraycopy(p.source().getAddress(), 0, f, ip + 12, 4);
        System.arraycopy(p.destination().getAddress(), 0, f, ip + 16, 4);
        put16(f, ip + 10, InternetChecksum.of(f, ip, IPV4_HEADER));
        encodeVrrp(p, f, ip + IPV4_HEADER, vrrpLength);
        return f;
    }

    private static void encodeVrrp(VrrpPacket p, byte[] f, int at, int vrrpLength) {
        f[at] = (byte) ((p.version() << 4) | VrrpPacket.TYPE_ADVERTISEMENT);
        f[at + 1] = (byte) p.vrid();
        f[at + 2] = (byte) p.priority();
        f[at + 3] = (byte) p.addresses().size();
        if (p.version() == 3) {
            put16(f, at + 4, p.advertInterval() & MAX_V3_INTERVAL);
        } else {
            f[at + 4] = (byte) p.authType().wireValue();
            f[at + 5] = (byte) (p.advertInterval() / 100);
        }
        for (int i = 0; i < p.addresses().size(); i++) {
            System.arraycopy(p.addresses().get(i).getAddress(), 0, f, at + VRRP_HEADER + 4 * i, 4);
        }
        if (p.version() == 2) {
            byte[] auth = p.authData();
            System.arraycopy(auth, 0, f, at + VRRP_HEADER + 4 * p.addresses().size(), Math.min(auth.length, 8));
        }
        long sum = InternetChecksum.add(0, f, at, vrrpLength);
        if (p.version() == 3) {
            sum = pseudoHeaderSum(sum, p.source(), p.destination(), vrrpLength);
        }
        put16(f, at + 6, InternetChecksum.finish(sum));
    }

    /** RFC 5798 5.2.8: v3's checksum covers an IPv4 pseudo-header (source, destination, zero, 112, length). */
    private static long pseudoHeaderSum(long sum, Inet4Address source, Inet4Address destination, int length) {
        sum = InternetChecksum.add(sum, source.getAddress(), 0, 4);
        sum = InternetChecksum.add(sum, destination.getAddress(), 0, 4);
        return sum + VrrpPacket.PROTOCOL + length;
    }

    /** RFC 1112 6.4: the Ethernet multicast MAC for an IPv4 group (01:00:5e + low 23 bits). */
    public static byte[] multicastMac(Inet4Address group) {
        byte[] a = group.getAddress();
        return new byte[]{0x01, 0x00, 0x5e, (byte) (a[1] & 0x7f), a[2], a[3]};
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static Inet4Address ipv4(byte[] b, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    public static Inet4Address ipv4(int a, int b, int c, int d) {
        return ipv4(new byte[]{(byte) a, (byte) b, (byte) c, (byte) d}, 0);
    }
}
