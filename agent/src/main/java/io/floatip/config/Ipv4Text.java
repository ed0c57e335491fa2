package io.floatip.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dotted-quad IPv4 text with an optional {@code /prefix}, read by hand: InetAddress.getByName would send
 * anything that is not an address to DNS, which may be slow or down exactly when the agent starts.
 */
final class Ipv4Text {

    /** The address, and the prefix length as written after the '/', or null when there is none. */
    record Parsed(Inet4Address address, String prefix) {
    }

    // No leading zeros: some tools read 010 as octal, so refuse what is ambiguous.
    private static final String OCTET = "(0|[1-9][0-9]{0,2})";
    private static final Pattern IPV4 = Pattern.compile(
            OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "(?:/([0-9]+))?");
    private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/[0-9]+)?");

    private Ipv4Text() {
    }

    /**
     * @param kind     what IPv6 is not supported for, e.g. "virtual addresses"
     * @param expected what the value must be, e.g. "an IPv4 address like 198.51.100.12"
     * @throws IllegalArgumentException with a message fit to show the user after the field's path
     */
    static Parsed parse(String text, String kind, String expected) {
        String value = text.strip();
        if (IPV6_LIKE.matcher(value).matches()) {
            throw new IllegalArgumentException("IPv6 " + kind + " are not supported yet, got '" + text + "'");
        }
        Matcher m = IPV4.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + expected + ", got '" + text + "'");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("each part of an IPv4 address must be 0 to 255, got '" + text + "'");
            }
            bytes[i] = (byte) octet;
        }
        try {
            return new Parsed((Inet4Address) InetAddress.getByAddress(bytes), m.group(5));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid address", e);
        }
    }
}
