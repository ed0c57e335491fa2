package io.floatip.config;

import io.floatip.base.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPv6 text (RFC 4291 2.2) with an optional {@code /prefix}, read by hand like {@link Ipv4Text}: nothing here
 * calls InetAddress.getByName, so no value, however mistyped, can turn into a DNS lookup (getByName would also
 * take "[::1]" and "fe80::1%eth0", which a config should not). Writes addresses back as RFC 5952 says.
 */
public final class Ipv6Text {

    /** The address, and the prefix length as written after the '/', or null when there is none. */
    record Parsed(Inet6Address address, String prefix) {
    }

    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    // No leading zeros, as in Ipv4Text.
    private static final Pattern IPV4_TAIL = Pattern.compile(
            "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Ipv6Text() {
    }

    /**
     * @param expected what the value must be, e.g. "an IPv6 address like 2001:db8::50"
     * @throws IllegalArgumentException with a message fit to show the user after the field's path
     */
    static Parsed parse(String text, String expected) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        String prefix = slash < 0 ? null : value.substring(slash + 1);
        int zone = address.indexOf('%');
        if (zone >= 0) {
            throw new IllegalArgumentException("must not name a zone ('" + address.substring(zone)
                    + "'): the address lives on the instance's interface, got '" + text + "'");
        }
        byte[] bytes = bytes(address);
        if (bytes == null || prefix != null && !DIGITS.matcher(prefix).matches()) {
            throw new IllegalArgumentException("must be " + expected + ", got '" + text + "'");
        }
        return new Parsed(of(bytes), prefix);
    }

    /** The 16 bytes of an IPv6 literal without prefix or zone, or null if it is not one. */
    static byte[] bytes(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null; // "::" twice (or ":::") would be ambiguous
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            put(bytes, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            put(bytes, 8 - tail.size() + i, tail.get(i));
        }
        return bytes;
    }

    /**
     * The 16-bit groups of one side of "::" (empty side: none), or null if any is malformed. The last group of
     * the address may be a dotted IPv4 address, which counts as two groups (RFC 4291 2.2 form 3).
     */
    private static List<Integer> groups(String side, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (side.isEmpty()) {
            return groups;
        }
        String[] parts = side.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (HEX_GROUP.matcher(part).matches()) {
                groups.add(Integer.parseInt(part, 16));
                continue;
            }
            var v4 = IPV4_TAIL.matcher(part);
            if (!(mayEndInIpv4 && i == parts.length - 1 && v4.matches())) {
                return null;
            }
            int[] octets = new int[4];
            for (int o = 0; o < 4; o++) {
                octets[o] = Integer.parseInt(v4.group(o + 1));
                if (octets[o] > 255) {
                    return null;
                }
            }
            groups.add(octets[0] << 8 | octets[1]);
            groups.add(octets[2] << 8 | octets[3]);
        }
        return groups;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** Always an Inet6Address: InetAddress.getByAddress would make ::ffff:a.b.c.d an Inet4Address. */
    static Inet6Address of(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
        }
    }

    /**
     * IPv6 as RFC 5952 writes it (lower case, no leading zeros, the longest run of two or more zero groups as
     * "::", the first on a tie), IPv4 dotted: "2001:db8:1::50" where getHostAddress says "2001:db8:1:0:0:0:0:50".
     */
    public static String format(InetAddress address) {
        return AddressText.format(address);
    }
}
