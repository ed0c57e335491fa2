package io.floatip.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only address blocks a lab may hand to a third-party daemon: TEST-NET-2, TEST-NET-3 (RFC 5737) and
 * 2001:db8::/32 (RFC 3849). TEST-NET-1 is left out on purpose: other tools on this host use it.
 */
final class LabRanges {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // Checked before InetAddress sees the text, so a typo can never turn into a DNS lookup.
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private LabRanges() {
    }

    /** Whether {@code address} (no prefix length) is IPv6; throws unless it is a literal in a lab block. */
    static boolean requireLabAddress(String address) {
        Matcher v4 = IPV4.matcher(address);
        if (v4.matches()) {
            int[] b = new int[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Integer.parseInt(v4.group(i + 1));
                if (b[i] > 255) {
                    throw new IllegalArgumentException("not an IP address literal: " + address);
                }
            }
            boolean ok = b[0] == 198 && b[1] == 51 && b[2] == 100 || b[0] == 203 && b[1] == 0 && b[2] == 113;
            if (!ok) {
                throw new IllegalArgumentException(address + " is outside 198.51.100.0/24 and 203.0.113.0/24");
            }
            return false;
        }
        if (address.contains(":") && IPV6_CHARS.matcher(address).matches()) {
            byte[] b = parseIpv6(address);
            boolean ok = b.length == 16 && (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01
                    && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            if (!ok) {
                throw new IllegalArgumentException(address + " is outside 2001:db8::/32");
            }
            return true;
        }
        throw new IllegalArgumentException("not an IP address literal: " + address);
    }

    private static byte[] parseIpv6(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }
}
