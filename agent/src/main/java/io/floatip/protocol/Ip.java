package io.floatip.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** IPv4 (RFC 791) and IPv6 (RFC 8200) header facts, and addresses made from their bytes. */
public final class Ip {
    /** The IPv4 header without options. */
    public static final int IPV4_HEADER = 20;
    /** The fixed IPv6 header. */
    public static final int IPV6_HEADER = 40;
    /** IPv6 next header value of a Fragment header. */
    static final int IPV6_FRAGMENT_HEADER = 44;

    private Ip() {
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

    /** {@code length} (4 or 16) bytes at {@code at} as an address of that family. */
    static InetAddress address(byte[] b, int at, int length) {
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
            BigEndian.put16(bytes, 2 * i, groups[i]);
        }
        return ipv6(bytes, 0);
    }
}
