package io.floatip.config;

/**
 * Parses {@code 198.51.100.50}, {@code 198.51.100.50/24}, {@code 2001:db8::50} or {@code 2001:db8::50/64}
 * without ever asking DNS. A value with a colon is IPv6, any other IPv4. Without a prefix length the address
 * stands alone: /32 or /128.
 */
final class VirtualIpParser {

    private static final int DEFAULT_PREFIX = 32;
    private static final int DEFAULT_PREFIX_V6 = 128;
    static final String EXPECTED = "an IPv4 or IPv6 address with an optional prefix length, like 198.51.100.50/24 "
            + "or 2001:db8::50/64";
    private static final String EXPECTED_V6 = "an IPv6 address with an optional prefix length, like 2001:db8::50 "
            + "or 2001:db8::50/64";

    private VirtualIpParser() {
    }

    /** @throws IllegalArgumentException with a message fit to show the user after the field's path */
    static VirtualIp parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        Ipv4Text.Parsed parsed = Ipv4Text.parse(text, "virtual addresses", EXPECTED);
        return new VirtualIp(parsed.address(), prefix(parsed.prefix(), DEFAULT_PREFIX, text));
    }

    private static VirtualIp parseIpv6(String text) {
        Ipv6Text.Parsed parsed = Ipv6Text.parse(text, EXPECTED_V6);
        byte[] b = parsed.address().getAddress();
        String address = Ipv6Text.format(parsed.address());
        if ((b[0] & 0xff) == 0xff) {
            throw new IllegalArgumentException(address + " is a multicast address; a virtual address must be "
                    + "unicast, got '" + text + "'");
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            String v4 = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            throw new IllegalArgumentException("is an IPv4-mapped IPv6 address, which no interface holds; write "
                    + "the IPv4 address " + v4 + " instead, got '" + text + "'");
        }
        if (isZero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            throw new IllegalArgumentException(b[15] == 0
                    ? "is the unspecified address ::, which no router can hold, got '" + text + "'"
                    : "is the loopback address ::1, which never leaves the host, got '" + text + "'");
        }
        return new VirtualIp(parsed.address(), prefix(parsed.prefix(), DEFAULT_PREFIX_V6, text));
    }

    private static int prefix(String prefixText, int max, String text) {
        // More digits than the maximum has is out of range whatever they are, and might not fit an int anyway.
        int prefix = prefixText == null ? max
                : prefixText.length() > Integer.toString(max).length() ? Integer.MAX_VALUE
                : Integer.parseInt(prefixText);
        if (prefix > max) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + max + ", got '" + text + "'");
        }
        return prefix;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
