package io.floatip.protocol;

/** RFC 1071 one's-complement sum, as used by IPv4 headers and by VRRP. */
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
