package io.floatip.config;

import java.net.InetAddress;
import java.util.Objects;

/** An address the master holds, with the prefix length it is added with. */
public record VirtualIp(InetAddress address, int prefixLength) {

    public VirtualIp {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + prefixLength);
        }
    }

    /** Written as in the config, e.g. {@code 198.51.100.50/24} or {@code 2001:db8::50/64} (RFC 5952). */
    @Override
    public String toString() {
        return Ipv6Text.format(address) + "/" + prefixLength;
    }
}
