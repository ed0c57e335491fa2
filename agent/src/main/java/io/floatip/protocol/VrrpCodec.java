package io.floatip.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes VRRP advertisements carried over Ethernet: VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798) in
 * IPv4, and VRRPv3 in IPv6. Pure: no I/O, no clock, no logging. Decoding checks in wire order and returns the
 * first failed check; it never throws on any frame content.
 */
public final class VrrpCodec {
    public static final int ETHERNET_HEADER = 14;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int IPV4_HEADER = 20;
    /** The fixed IPv6 header; RFC 5798 adverts carry no extension headers, so VRRP follows it directly. */
    public static final int IPV6_HEADER = 40;
    /** VRRP fixed header: version/type, VRID, priority, count, (auth type, adver int | rsvd, max adver int), checksum. */
    public static final int VRRP_HEADER = 8;
    /**
     * DSCP CS6 (48 << 2), which keepalived and RFC 5798 routers use for adverts: the IPv4 TOS byte, and the IPv6
     * Traffic Class.
     */
    public static final int TOS_CS6 = 0xc0;
    public static final Inet4Address MULTICAST_GROUP = ipv4(224, 0, 0, 18);
    /** RFC 5798 5.1.2.2: the IPv6 multicast address for VRRP. */
    public static final Inet6Address MULTICAST_GROUP_V6 = ipv6(0xff02, 0, 0, 0, 0, 0, 0, 0x12);
    /** The maximum v3 Max Adver Int: 12 bits of centiseconds. */
    public static final int MAX_V3_INTERVAL = 0x0fff;
    /** The IPv6 flow label is 20 bits. */
    public static final int MAX_FLOW_LABEL = 0xfffff;

    private static final int IPV6_FRAGMENT_HEADER = 44;

    private VrrpCodec() {
    }

    /** Decodes an Ethernet frame as captured by libpcap; TTL (IPv4) or hop limit (IPv6) must be 255. */
    public static Decoded decodeFrame(byte[] frame, int length) {
        return decodeFrame(frame, length, true);
    }

    /**
     * As {@link #decodeFrame(byte[], int)}, for IPv4 and IPv6 alike: the ethertype picks the family. With
     * {@code requireTtl255} false the TTL or hop limit is left for the caller to check, for unicast peers that
     * keepalived lets an operator give a TTL range.
     *
     * @param length the captured bytes in {@code frame}, at most {@code frame.length}
     */
    public static Decoded decodeFrame(byte[] frame, int length, boolean requireTtl255) {
        Objects.checkFromIndexSize(0, length, frame.length);
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
        int ip = offset + 2;
        if (etherType == ETHERTYPE_IPV4) {
            return decodeIpv4(frame, ip, length - ip, requireTtl255);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return decodeIpv6(frame, ip, length - ip, requireTtl255);
        }
        return Decoded.Dropped.of(DropReason.NOT_IP);
    }

    /** Decodes an IPv4 packet (header included) of {@code length} captured bytes starting at {@code offset}. */
    public static Decoded decodeIpv4(byte[] b, int offset, int length, boolean requireTtl255) {
        Objects.checkFromIndexSize(offset, length, b.length);
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
        return decodeVrrp(b, offset + headerLength, totalLength - headerLength, offset + 12, 4, ttl);
    }

    /**
     * Decodes an IPv6 packet (fixed header included) of {@code length} captured bytes starting at
     * {@code offset}. VRRP must follow the fixed header directly (next header 112): RFC 5798 adverts carry no
     * extension headers, and one here is dropped rather than walked. A hop limit other than 255 is
     * {@link DropReason#TTL_NOT_255}, as for IPv4.
     */
    public static Decoded decodeIpv6(byte[] b, int offset, int length, boolean requireHopLimit255) {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < IPV6_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        if ((b[offset] & 0xf0) != 0x60) {
            return Decoded.Dropped.of(DropReason.NOT_IPV6);
        }
        int payloadLength = u16(b, offset + 4);
        // As for IPv4, trailing bytes past the payload (padding) are allowed; missing ones are not.
        if (payloadLength > length - IPV6_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        int nextHeader = b[offset + 6] & 0xff;
        if (nextHeader != VrrpPacket.PROTOCOL) {
            return Decoded.Dropped.of(nextHeader == IPV6_FRAGMENT_HEADER ? DropReason.FRAGMENT
                    : isExtensionHeader(nextHeader) ? DropReason.IPV6_EXTENSION_HEADER : DropReason.NOT_VRRP);
        }
        int hopLimit = b[offset + 7] & 0xff;
        if (requireHopLimit255 && hopLimit != VrrpPacket.TTL) {
            return Decoded.Dropped.of(DropReason.TTL_NOT_255);
        }
        return decodeVrrp(b, offset + IPV6_HEADER, payloadLength, offset + 8, 16, hopLimit);
    }

    /**
     * The IANA "IPv6 Extension Header Types" (RFC 7045): hop-by-hop, routing, fragment, ESP, AH, destination
     * options, mobility, HIP, shim6 and the two experimental values.
     */
    static boolean isExtensionHeader(int nextHeader) {
        return switch (nextHeader) {
            case 0, 43, 44, 50, 51, 60, 135, 139, 140, 253, 254 -> true;
            default -> false;
        };
    }

    /**
     * The VRRP message at {@code at}, {@code length} bytes; the IP source and destination sit side by side at
     * {@code addressesAt}, {@code addressLength} (4 or 16) bytes each. Addresses become objects only once every
     * check has passed, so a flood of bad frames allocates nothing.
     */
    private static Decoded decodeVrrp(byte[] b, int at, int length, int addressesAt, int addressLength, int ttl) {
        if (length < VRRP_HEADER) {
            return Decoded.Dropped.of(DropReason.TRUNCATED);
        }
        int version = (b[at] & 0xf0) >>> 4;
        boolean v6 = addressLength == 16;
        if (version != 3 && (version != 2 || v6)) {
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
        int expected = VRRP_HEADER + addressLength * count + (version == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        if (length != expected) {
            return Decoded.Dropped.of(DropReason.LENGTH_MISMATCH);
        }
        long sum = InternetChecksum.add(0, b, at, length);
        if (version == 3) {
            sum = InternetChecksum.addPseudoHeader(sum, b, addressesAt, addressLength, VrrpPacket.PROTOCOL, length);
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
            authData = Arrays.copyOfRange(b, authAt, authAt + VrrpPacket.AUTH_DATA_LENGTH);
        }
        if (interval == 0) {
            return Decoded.Dropped.of(DropReason.ZERO_INTERVAL);
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(address(b, at + VRRP_HEADER + addressLength * i, addressLength));
        }
        InetAddress source = address(b, addressesAt, addressLength);
        InetAddress destination = address(b, addressesAt + addressLength, addressLength);
        return new Decoded.Accepted(new VrrpPacket(version, vrid, priority, interval, addresses, authType, authData,
                source, destination, ttl));
    }

    /**
     * Builds the Ethernet frame for an advert of either family. IPv4: TOS CS6, TTL from the packet, DF clear (as
     * keepalived), identification {@code ipId}. IPv6: as {@link #encodeIpv6Frame} with flow label 0;
     * {@code ipId} is not used (IPv6 has no identification outside a Fragment header).
     */
    public static byte[] encodeFrame(VrrpPacket p, byte[] sourceMac, byte[] destinationMac, int ipId) {
        if (p.ipv6()) {
            return encodeIpv6Frame(p, sourceMac, destinationMac, 0);
        }
        int vrrpLength = vrrpLength(p);
        byte[] f = new byte[ETHERNET_HEADER + IPV4_HEADER + vrrpLength];
        ethernet(f, sourceMac, destinationMac, ETHERTYPE_IPV4);
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
        encodeVrrp(p, f, ip + IPV4_HEADER, vrrpLength, ip + 12, 4);
        return f;
    }

    /**
     * Gives a frame built by {@link #encodeFrame} a new IPv4 identification, and so a new header checksum, in
     * place: a master resends the same advert with only these two fields changed. An IPv6 frame has neither
     * and is left as it is.
     */
    public static void setIdentification(byte[] frame, int ipId) {
        if (u16(frame, 12) != ETHERTYPE_IPV4) {
            return;
        }
        int ip = ETHERNET_HEADER;
        put16(frame, ip + 4, ipId);
        put16(frame, ip + 10, 0);
        put16(frame, ip + 10, InternetChecksum.of(frame, ip, IPV4_HEADER));
    }

    /**
     * Builds the Ethernet frame for an IPv6 advert: version 6, Traffic Class CS6, the given flow label, next
     * header 112 straight after the fixed header, hop limit from the packet (255), source and destination from
     * the packet (RFC 5798 5.1.2: the interface's link-local address, and ff02::12 whose MAC is
     * {@code multicastMac(MULTICAST_GROUP_V6)}). floatip sends flow label 0; keepalived's adverts carry the one
     * the kernel picks for its socket, so a test rebuilding its bytes passes that.
     *
     * @throws IllegalArgumentException for an IPv4 packet or a flow label outside 20 bits
     */
    public static byte[] encodeIpv6Frame(VrrpPacket p, byte[] sourceMac, byte[] destinationMac, int flowLabel) {
        if (!p.ipv6()) {
            throw new IllegalArgumentException("not an IPv6 advert: " + p);
        }
        if (flowLabel < 0 || flowLabel > MAX_FLOW_LABEL) {
            throw new IllegalArgumentException("flow label is 20 bits: " + flowLabel);
        }
        int vrrpLength = vrrpLength(p);
        byte[] f = new byte[ETHERNET_HEADER + IPV6_HEADER + vrrpLength];
        ethernet(f, sourceMac, destinationMac, ETHERTYPE_IPV6);
        int ip = ETHERNET_HEADER;
        put32(f, ip, 6 << 28 | TOS_CS6 << 20 | flowLabel);
        put16(f, ip + 4, vrrpLength);
        f[ip + 6] = (byte) VrrpPacket.PROTOCOL;
        f[ip + 7] = (byte) p.ttl();
        System.arraycopy(p.source().getAddress(), 0, f, ip + 8, 16);
        System.arraycopy(p.destination().getAddress(), 0, f, ip + 24, 16);
        encodeVrrp(p, f, ip + IPV6_HEADER, vrrpLength, ip + 8, 16);
        return f;
    }

    private static int vrrpLength(VrrpPacket p) {
        int addressLength = p.ipv6() ? 16 : 4;
        return VRRP_HEADER + addressLength * p.addresses().size()
                + (p.version() == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
    }

    private static void ethernet(byte[] f, byte[] sourceMac, byte[] destinationMac, int etherType) {
        System.arraycopy(destinationMac, 0, f, 0, 6);
        System.arraycopy(sourceMac, 0, f, 6, 6);
        put16(f, 12, etherType);
    }

    private static void encodeVrrp(VrrpPacket p, byte[] f, int at, int vrrpLength, int addressesAt,
                                   int addressLength) {
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
            System.arraycopy(p.addresses().get(i).getAddress(), 0, f, at + VRRP_HEADER + addressLength * i,
                    addressLength);
        }
        if (p.version() == 2) {
            byte[] auth = p.authData();
            System.arraycopy(auth, 0, f, at + VRRP_HEADER + 4 * p.addresses().size(), Math.min(auth.length, 8));
        }
        long sum = InternetChecksum.add(0, f, at, vrrpLength);
        if (p.version() == 3) {
            // RFC 5798 5.2.8: v3's checksum covers the IPv4 or IPv6 pseudo-header; v2's covers VRRP only.
            sum = InternetChecksum.addPseudoHeader(sum, f, addressesAt, addressLength, VrrpPacket.PROTOCOL,
                    vrrpLength);
        }
        put16(f, at + 6, InternetChecksum.finish(sum));
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

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static void put32(byte[] b, int at, int value) {
        put16(b, at, value >>> 16);
        put16(b, at + 2, value);
    }

    private static InetAddress address(byte[] b, int at, int length) {
        return length == 4 ? ipv4(b, at) : ipv6(b, at);
    }

    static Inet4Address ipv4(byte[] b, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * Sixteen bytes as an Inet6Address, always: InetAddress.getByAddress would turn an IPv4-mapped address
     * (::ffff:a.b.c.d) into an Inet4Address and so break the one-family rule of {@link VrrpPacket}.
     */
    static Inet6Address ipv6(byte[] b, int at) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(b, at, at + 16), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("sixteen bytes are always an IPv6 address", e);
        }
    }

    public static Inet4Address ipv4(int a, int b, int c, int d) {
        return ipv4(new byte[]{(byte) a, (byte) b, (byte) c, (byte) d}, 0);
    }

    /** An IPv6 address from its eight 16-bit groups, e.g. {@code ipv6(0xff02, 0, 0, 0, 0, 0, 0, 0x12)}. */
    public static Inet6Address ipv6(int... groups) {
        if (groups.length != 8) {
            throw new IllegalArgumentException("an IPv6 address has 8 groups, not " + groups.length);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            put16(bytes, 2 * i, groups[i]);
        }
        return ipv6(bytes, 0);
    }
}
