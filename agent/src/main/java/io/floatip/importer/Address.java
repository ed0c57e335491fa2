package io.floatip.importer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A virtual address as keepalived reads it: IPv4 (written back canonically) or IPv6 (written as given, in
 * lower case), with an optional prefix length.
 *
 * @param address the address without the prefix, the key for "listed twice" and claims
 * @param prefix  null when none was written
 */
record Address(String address, Integer prefix, boolean v6) {

    private static final Pattern V6_CHARS = Pattern.compile("[0-9a-f:][0-9a-f:.]*");

    static Optional<Address> parse(String text) {
        if (!Ipv4.isV6(text)) {
            return Ipv4.parse(text).map(ip -> new Address(ip.address(), ip.prefix(), false));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int slash = lower.indexOf('/');
        String address = slash < 0 ? lower : lower.substring(0, slash);
        Integer prefix = null;
        if (slash >= 0) {
            prefix = Numbers.integer(lower.substring(slash + 1), 0, 128).orElse(null);
            if (prefix == null || lower.substring(slash + 1).startsWith("+")) {
                return Optional.empty();
            }
        }
        if (!V6_CHARS.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            // A literal with a colon is parsed, never looked up.
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.of(new Address(address, prefix, true));
    }

    String text() {
        return prefix == null ? address : address + "/" + prefix;
    }

    String family() {
        return v6 ? "IPv6" : "IPv4";
    }
}
