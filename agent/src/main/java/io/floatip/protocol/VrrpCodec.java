package io.floatip.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes VRRP advertisements carried over Ethernet: VRRPv2 (RFC 3768) and VRRPv3 (RFC 9568) in
 * IPv4, and VRRPv3 in IPv6. Pure: no I/O, no clock, no logging. Decoding checks in wire order and returns the
 * first failed check; it never throws on any frame content.
 */
public final class VrrpCodec {
    /** VRRP fixed header: version/type, VRID, priority, count, (auth type, adver int | rsvd, max adver int), checksum. */
    public static final int VRRP_HEADER = 8;
    /**
     * DSCP CS6 (48 << 2), which keepalived and RFC 9568 routers use for adverts: the IPv4 TOS byte, and the IPv6
     * Traffic Class.
     */
    public static final int TOS_CS6 = 0xc0;
    /** RFC 9568 5.1.1.2: the IPv4 multicast address for VRRP. */
    public static final Inet4Address MULTICAST_GROUP = Ip.ipv4(224, 0, 0, 18);
    /** RFC 9568 5.1.2.2: the IPv6 multicast address for VRRP. */
    public static final Inet6Address MULTICAST_GROUP_V6 = Ip.ipv6(0xff02, 0, 0, 0, 0, 0, 0, 0x12);
    /** The maximum v3 Max Adver Int: 12 bits of centiseconds. */
    public static final int MAX_V3_INTERVAL = 0x0fff;
    /** The IPv6 flow label is 20 bits. */
    public static final int MAX_FLOW_LABEL = 0xfffff;

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
        if (length < Ethernet.HEADER_LENGTH) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        int offset = Ethernet.ETHERTYPE_AT;
        int etherType = BigEndian.u16(frame, offset);
        // An instance runs on an untagged interface (eth0, or a VLAN's own eth0.10, whose frames arrive untagged).
        // A tagged frame there belongs to another VLAN trunked to the node: never its advert. The kernel moves the
        // tag out of the frame before the capture filter sees it, and libpcap puts it back, so it is seen here.
        if (etherType == Ethernet.ETHERTYPE_VLAN || etherType == Ethernet.ETHERTYPE_QINQ) {
            return Decoded.Dropped.of(WireDrop.VLAN_TAGGED);
        }
        int ip = offset + 2;
        if (etherType == Ethernet.ETHERTYPE_IPV4) {
            return decodeIpv4(frame, ip, length - ip, requireTtl255);
        }
        if (etherType == Ethernet.ETHERTYPE_IPV6) {
            return decodeIpv6(frame, ip, length - ip, requireTtl255);
        }
        return Decoded.Dropped.of(WireDrop.NOT_IP);
    }

    /** Decodes an IPv4 packet (header included) of {@code length} captured bytes starting at {@code offset}. */
    public static Decoded decodeIpv4(byte[] b, int offset, int length, boolean requireTtl255) {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < Ip.IPV4_HEADER) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        if ((b[offset] & 0xf0) != 0x40) {
            return Decoded.Dropped.of(WireDrop.NOT_IPV4);
        }
        int headerLength = (b[offset] & 0x0f) * 4;
        int totalLength = BigEndian.u16(b, offset + 2);
        if (headerLength < Ip.IPV4_HEADER || totalLength < headerLength) {
            return Decoded.Dropped.of(WireDrop.BAD_IP_HEADER);
        }
        // Ethernet pads short frames, so the capture may be longer than the packet but never shorter.
        if (totalLength > length) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        if (InternetChecksum.of(b, offset, headerLength) != 0) {
            return Decoded.Dropped.of(WireDrop.BAD_IP_CHECKSUM);
        }
        int fragment = BigEndian.u16(b, offset + 6);
        if ((fragment & 0x3fff) != 0) { // MF set or a non-zero offset
            return Decoded.Dropped.of(WireDrop.FRAGMENT);
        }
        if ((b[offset + 9] & 0xff) != VrrpPacket.PROTOCOL) {
            return Decoded.Dropped.of(WireDrop.NOT_VRRP);
        }
        int ttl = b[offset + 8] & 0xff;
        if (requireTtl255 && ttl != VrrpPacket.TTL) {
            return Decoded.Dropped.of(WireDrop.TTL_NOT_255);
        }
        return decodeVrrp(b, offset + headerLength, totalLength - headerLength, offset + 12, 4, ttl);
    }

    /**
     * Decodes an IPv6 packet (fixed header included) of {@code length} captured bytes starting at
     * {@code offset}. VRRP must follow the fixed header directly (next header 112): RFC 9568 adverts carry no
     * extension headers, and one here is dropped rather than walked. A hop limit other than 255 is
     * {@link DropReason#TTL_NOT_255}, as for IPv4.
     */
    public static Decoded decodeIpv6(byte[] b, int offset, int length, boolean requireHopLimit255) {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < Ip.IPV6_HEADER) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        if ((b[offset] & 0xf0) != 0x60) {
            return Decoded.Dropped.of(WireDrop.NOT_IPV6);
        }
        int payloadLength = BigEndian.u16(b, offset + 4);
        // As for IPv4, trailing bytes past the payload (padding) are allowed; missing ones are not.
        if (payloadLength > length - Ip.IPV6_HEADER) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        int nextHeader = b[offset + 6] & 0xff;
        if (nextHeader != VrrpPacket.PROTOCOL) {
            return Decoded.Dropped.of(nextHeader == Ip.IPV6_FRAGMENT_HEADER ? WireDrop.FRAGMENT
                    : Ip.isExtensionHeader(nextHeader) ? WireDrop.IPV6_EXTENSION_HEADER : WireDrop.NOT_VRRP);
        }
        int hopLimit = b[offset + 7] & 0xff;
        if (requireHopLimit255 && hopLimit != VrrpPacket.TTL) {
            return Decoded.Dropped.of(WireDrop.TTL_NOT_255);
        }
        return decodeVrrp(b, offset + Ip.IPV6_HEADER, payloadLength, offset + 8, 16, hopLimit);
    }

    /**
     * The VRRP message at {@code at}, {@code length} bytes; the IP source and destination sit side by side at
     * {@code addressesAt}, {@code addressLength} (4 or 16) bytes each. Addresses become objects only once every
     * check has passed, so a flood of bad frames allocates nothing.
     */
    private static Decoded decodeVrrp(byte[] b, int at, int length, int addressesAt, int addressLength, int ttl) {
        if (length < VRRP_HEADER) {
            return Decoded.Dropped.of(WireDrop.TRUNCATED);
        }
        int version = (b[at] & 0xf0) >>> 4;
        boolean v6 = addressLength == 16;
        if (version != 3 && (version != 2 || v6)) {
            return Decoded.Dropped.of(WireDrop.BAD_VERSION);
        }
        if ((b[at] & 0x0f) != VrrpPacket.TYPE_ADVERTISEMENT) {
            return Decoded.Dropped.of(WireDrop.BAD_TYPE);
        }
        int vrid = b[at + 1] & 0xff;
        int priority = b[at + 2] & 0xff;
        // RFC 9568 5.2.5 says at least 1, but an instance with no VIP sends 0 and keepalived takes it
        // (vrrp.c, vrrp_check_packet: a count unlike ours is counted, never dropped).
        int count = b[at + 3] & 0xff;
        int expected = VRRP_HEADER + addressLength * count + (version == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        if (length != expected) {
            return Decoded.Dropped.of(WireDrop.LENGTH_MISMATCH);
        }
        long sum = InternetChecksum.add(0, b, at, length);
        if (version == 3) {
            sum = InternetChecksum.addPseudoHeader(sum, b, addressesAt, addressLength, VrrpPacket.PROTOCOL, length);
        }
        if (InternetChecksum.finish(sum) != 0) {
            return Decoded.Dropped.of(WireDrop.BAD_CHECKSUM);
        }
        int interval;
        AuthType authType;
        byte[] authData;
        if (version == 3) {
            interval = BigEndian.u16(b, at + 4) & MAX_V3_INTERVAL;
            authType = AuthType.NONE;
            authData = new byte[0];
        } else {
            authType = AuthType.fromWire(b[at + 4] & 0xff);
            if (authType == null) {
                return Decoded.Dropped.of(WireDrop.BAD_AUTH_TYPE);
            }
            interval = 100 * (b[at + 5] & 0xff);
            int authAt = at + VRRP_HEADER + 4 * count;
            authData = Arrays.copyOfRange(b, authAt, authAt + VrrpPacket.AUTH_DATA_LENGTH);
        }
        if (interval == 0) {
            return Decoded.Dropped.of(WireDrop.ZERO_INTERVAL);
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(Ip.address(b, at + VRRP_HEADER + addressLength * i, addressLength));
        }
        InetAddress source = Ip.address(b, addressesAt, addressLength);
        InetAddress destination = Ip.address(b, addressesAt + addressLength, addressLength);
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
        byte[] f = new byte[Ethernet.HEADER_LENGTH + Ip.IPV4_HEADER + vrrpLength];
        Ethernet.header(f, sourceMac, destinationMac, Ethernet.ETHERTYPE_IPV4);
        int ip = Ethernet.HEADER_LENGTH;
        f[ip] = 0x45;
        f[ip + 1] = (byte) TOS_CS6;
        BigEndian.put16(f, ip + 2, Ip.IPV4_HEADER + vrrpLength);
        BigEndian.put16(f, ip + 4, ipId);
        f[ip + 8] = (byte) p.ttl();
        f[ip + 9] = (byte) VrrpPacket.PROTOCOL;
        System.arraycopy(p.source().getAddress(), 0, f, ip + 12, 4);
        System.arraycopy(p.destination().getAddress(), 0, f, ip + 16, 4);
        BigEndian.put16(f, ip + 10, InternetChecksum.of(f, ip, Ip.IPV4_HEADER));
        encodeVrrp(p, f, ip + Ip.IPV4_HEADER, vrrpLength, ip + 12, 4);
        return f;
    }

    /**
     * Gives a frame built by {@link #encodeFrame} a new IPv4 identification, and so a new header checksum, in
     * place: a master resends the same advert with only these two fields changed. An IPv6 frame has neither
     * and is left as it is.
     */
    public static void setIdentification(byte[] frame, int ipId) {
        if (BigEndian.u16(frame, Ethernet.ETHERTYPE_AT) != Ethernet.ETHERTYPE_IPV4) {
            return;
        }
        int ip = Ethernet.HEADER_LENGTH;
        BigEndian.put16(frame, ip + 4, ipId);
        BigEndian.put16(frame, ip + 10, 0);
        BigEndian.put16(frame, ip + 10, InternetChecksum.of(frame, ip, Ip.IPV4_HEADER));
    }

    /**
     * Builds the Ethernet frame for an IPv6 advert: version 6, Traffic Class CS6, the given flow label, next
     * header 112 straight after the fixed header, hop limit from the packet (255), source and destination from
     * the packet (RFC 9568 5.1.2: the interface's link-local address, and ff02::12 whose MAC is
     * {@code Ethernet.multicastMac(MULTICAST_GROUP_V6)}). floatip sends flow label 0; keepalived's adverts carry
     * the one the kernel picks for its socket, so a test rebuilding its bytes passes that.
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
        byte[] f = new byte[Ethernet.HEADER_LENGTH + Ip.IPV6_HEADER + vrrpLength];
        Ethernet.header(f, sourceMac, destinationMac, Ethernet.ETHERTYPE_IPV6);
        int ip = Ethernet.HEADER_LENGTH;
        BigEndian.put32(f, ip, 6 << 28 | TOS_CS6 << 20 | flowLabel);
        BigEndian.put16(f, ip + 4, vrrpLength);
        f[ip + 6] = (byte) VrrpPacket.PROTOCOL;
        f[ip + 7] = (byte) p.ttl();
        System.arraycopy(p.source().getAddress(), 0, f, ip + 8, 16);
        System.arraycopy(p.destination().getAddress(), 0, f, ip + 24, 16);
        encodeVrrp(p, f, ip + Ip.IPV6_HEADER, vrrpLength, ip + 8, 16);
        return f;
    }

    private static int vrrpLength(VrrpPacket p) {
        int addressLength = p.ipv6() ? 16 : 4;
        return VRRP_HEADER + addressLength * p.addresses().size()
                + (p.version() == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
    }

    private static void encodeVrrp(VrrpPacket p, byte[] f, int at, int vrrpLength, int addressesAt,
                                   int addressLength) {
        f[at] = (byte) ((p.version() << 4) | VrrpPacket.TYPE_ADVERTISEMENT);
        f[at + 1] = (byte) p.vrid();
        f[at + 2] = (byte) p.priority();
        f[at + 3] = (byte) p.addresses().size();
        if (p.version() == 3) {
            BigEndian.put16(f, at + 4, p.advertInterval() & MAX_V3_INTERVAL);
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
            // RFC 9568 5.2.8: v3's checksum covers the IPv4 or IPv6 pseudo-header; v2's covers VRRP only.
            sum = InternetChecksum.addPseudoHeader(sum, f, addressesAt, addressLength, VrrpPacket.PROTOCOL,
                    vrrpLength);
        }
        BigEndian.put16(f, at + 6, InternetChecksum.finish(sum));
    }
}
