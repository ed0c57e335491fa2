package io.floatip.config;

/** Parses {@code 198.51.100.50} or {@code 198.51.100.50/24} without ever asking DNS. */
final class VirtualIpParser {

    private static final int DEFAULT_PREFIX = 32;

    private VirtualIpParser() {
    }

    /** @throws IllegalArgumentException with a message fit to show the user after the field's path */
    static VirtualIp parse(String text) {
        Ipv4Text.Parsed parsed = Ipv4Text.parse(text, "virtual addresses",
                "an IPv4 address with an optional prefix length, like 198.51.100.50 or 198.51.100.50/24");
        String prefixText = parsed.prefix();
        // More than two digits is out of range whatever they are, and would not fit an int anyway.
        int prefix = prefixText == null ? DEFAULT_PREFIX
                : prefixText.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(prefixText);
        if (prefix > 32) {
            throw new IllegalArgumentException("prefix length must be between 0 and 32, got '" + text + "'");
        }
        return new VirtualIp(parsed.address(), prefix);
    }
}
