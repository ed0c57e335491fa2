package io.floatip.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 198.51.100.50} or {@code 198.51.100.50/24} without ever asking DNS. */
final class VirtualIpParser {

    private static final String OCTET = "(0|[1-9][0-9]{0,2})";
    private static final Pattern IPV4 = Pattern.compile(
            OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "(?:/([0-9]+))?");
    private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/[0-9]+)?");
    private static final int DEFAULT_PREFIX = 32;

    private VirtualIpParser() {
    }

    /** @throws IllegalArgumentException with a message fit to show the user after the field's path */
    static VirtualIp parse(String text) {
        String value = text.strip();
        if (IPV6_LIKE.matcher(value).matches()) {
            throw new IllegalArgumentException("IPv6 virtual addresses are not supported yet, got '" + text + "'");
        }
        Matcher m = IPV4.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an IPv4 address with an optional prefix length, like "
                    + "198.51.100.50 or 198.51.100.50/24, got '" + text + "'");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("each part of an IPv4 address must be 0 to 255, got '" + text + "'");
            }
            bytes[i] = (byte) octet;
        }
        String prefixText = m.group(5);
        int prefix = prefixText == null ? DEFAULT_PREFIX
                : prefixText.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(prefixText);
        if (prefix > 32) {
            throw new IllegalArgumentException("prefix length must be between 0 and 32, got '" + text + "'");
        }
        try {
            return new VirtualIp(InetAddress.getByAddress(bytes), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid address", e);
        }
    }
}
