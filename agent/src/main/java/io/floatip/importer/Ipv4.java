package io.floatip.importer;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted-quad IPv4 address with an optional prefix length, written back canonically (no leading zeros,
 * which floatip refuses as ambiguous).
 *
 * @param prefix null when none was written
 */
record Ipv4(String address, Integer prefix) {

    private static final Pattern SYNTAX = Pattern.compile(
            "([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})(?:/([0-9]{1,2}))?");

    static Optional<Ipv4> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        StringBuilder address = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address.append(i > 1 ? "." : "").append(octet);
        }
        Integer prefix = m.group(5) == null ? null : Integer.valueOf(m.group(5));
        if (prefix != null && prefix > 32) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4(address.toString(), prefix));
    }

    /** What keepalived would read as IPv6, which floatip does not do yet. */
    static boolean isV6(String text) {
        return text.indexOf(':') >= 0;
    }

    String text() {
        return prefix == null ? address : address + "/" + prefix;
    }
}
