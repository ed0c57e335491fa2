package io.floatip.config;

import java.net.InetAddress;
import java.util.Optional;

/** Values shared by {@code virtual_routes} and {@code virtual_rules}: prefixes, addresses, tables, names. */
final class RoutingText {

    private RoutingText() {
    }

    /**
     * A prefix with its host bits zero, as the kernel wants a route's or rule's: {@code 203.0.113.0/24},
     * {@code 2001:db8:1::/48}, a lone address (/32, /128) or {@code default} (0.0.0.0/0).
     */
    static Optional<VirtualIp> prefix(Field f) {
        return f.text().flatMap(text -> {
            String value = text.strip();
            if (value.equals("default") || value.equals("all")) {
                value = "0.0.0.0/0";
            }
            VirtualIp p;
            try {
                p = value.indexOf(':') >= 0 ? v6(value) : v4(value);
            } catch (IllegalArgumentException e) {
                f.error(e.getMessage());
                return Optional.empty();
            }
            VirtualIp network = network(p);
            if (!network.equals(p)) {
                f.error("has host bits set: '" + text + "' is inside " + network + "; write the network, "
                        + network);
                return Optional.empty();
            }
            return Optional.of(p);
        });
    }

    /** One address without a prefix length. */
    static Optional<InetAddress> address(Field f) {
        return f.text().flatMap(text -> {
            String value = text.strip();
            try {
                VirtualIp p = value.indexOf(':') >= 0 ? v6(value) : v4(value);
                if (value.indexOf('/') >= 0) {
                    f.error("must be a single address without a prefix length, got '" + text + "'");
                    return Optional.empty();
                }
                return Optional.of(p.address());
            } catch (IllegalArgumentException e) {
                f.error(e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A table number, or main (254); local (255) and default (253) are the kernel's own. */
    static Optional<Long> table(Field f) {
        return f.text().flatMap(text -> {
            String value = text.strip();
            if (value.equals("main")) {
                return Optional.of(VirtualRoute.MAIN_TABLE);
            }
            Optional<Long> n = u32(f, value, 1);
            if (n.isPresent() && (n.get() == 253 || n.get() == 255)) {
                f.error("table " + n.get() + " is the kernel's " + (n.get() == 255 ? "local" : "default")
                        + " table; use main (254) or a table of your own, 1..252 or above 255");
                return Optional.empty();
            }
            return n;
        });
    }

    /** A whole number from {@code min} to 2^32-1, decimal or 0x hexadecimal. */
    static Optional<Long> u32(Field f, String value, long min) {
        long n;
        try {
            n = value.startsWith("0x") || value.startsWith("0X") ? Long.parseLong(value.substring(2), 16)
                    : Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < min || n > VirtualRule.MAX_U32) {
            f.error("must be a whole number between " + min + " and " + VirtualRule.MAX_U32 + ", got '" + value
                    + "'");
            return Optional.empty();
        }
        return Optional.of(n);
    }

    static Optional<String> interfaceName(Field f) {
        return f.text().map(String::strip).filter(name -> {
            Optional<String> problem = InterfaceNames.problem(name);
            problem.ifPresent(f::error);
            return problem.isEmpty();
        });
    }

    private static VirtualIp v4(String value) {
        Ipv4Text.Parsed parsed = Ipv4Text.parse(value, "addresses", "an IPv4 or IPv6 address or prefix, like "
                + "203.0.113.0/24 or 2001:db8:1::/48");
        int prefix = prefixLength(parsed.prefix(), 32, value);
        return new VirtualIp(parsed.address(), prefix);
    }

    private static VirtualIp v6(String value) {
        Ipv6Text.Parsed parsed = Ipv6Text.parse(value, "an IPv6 address or prefix like 2001:db8:1::/48");
        return new VirtualIp(parsed.address(), prefixLength(parsed.prefix(), 128, value));
    }

    private static int prefixLength(String text, int max, String value) {
        if (text == null) {
            return max;
        }
        if (text.length() > 3 || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + max + ", got '" + value
                    + "'");
        }
        return Integer.parseInt(text);
    }

    static VirtualIp network(VirtualIp p) {
        byte[] b = p.address().getAddress();
        for (int bit = p.prefixLength(); bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new VirtualIp(InetAddress.getByAddress(b), p.prefixLength());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
