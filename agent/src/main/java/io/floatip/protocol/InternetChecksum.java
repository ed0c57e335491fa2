package io.floatip.protocol;

/** RFC 1071 one's-complement sum, as used by IPv4 headers, VRRP and ICMPv6. */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds 16-bit big-endian words of {@code data[offset, offset+length)} to {@code sum}; an odd byte is padded. */
    public static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /**
     * Adds a pseudo-header for an upper-layer checksum: the source and destination address, which both IP
     * headers hold side by side from {@code addressesAt} ({@code addressLength} 4 or 16 bytes each), then the
     * protocol (next header) and the upper-layer length. The IPv4 layout (RFC 9568 5.2.8: zero, protocol,
     * 16-bit length) and the IPv6 one (RFC 8200 8.1: 32-bit length, three zero bytes, next header) differ only
     * in zero bytes, so for lengths below 65536 their sums are the same.
     */
    public static long addPseudoHeader(long sum, byte[] packet, int addressesAt, int addressLength, int protocol,
                                       int upperLength) {
        return add(sum, packet, addressesAt, 2 * addressLength) + protocol + (upperLength >>> 16)
                + (upperLength & 0xffff);
    }

    /** Folds the carries and complements: the value to put in a checksum field (0 means "verifies"). */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
