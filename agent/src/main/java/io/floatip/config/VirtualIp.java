package io.floatip.config;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address the master holds, with the prefix length it is added with.
 *
 * @param interfaceName where the address is added, when not on the instance's own interface (keepalived's
 *                      {@code dev}); null means the instance's interface
 */
public record VirtualIp(InetAddress address, int prefixLength, String interfaceName) {

    public VirtualIp {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + prefixLength);
        }
    }

    /** On the instance's own interface. */
    public VirtualIp(InetAddress address, int prefixLength) {
        this(address, prefixLength, null);
    }

    /** The interface the address goes on: its own, or else {@code instanceInterface}. */
    public String interfaceOr(String instanceInterface) {
        return interfaceName == null ? instanceInterface : interfaceName;
    }

    /**
     * Written as in the config, e.g. {@code 198.51.100.50/24} or {@code 2001:db8::50/64} (RFC 5952), and
     * {@code 203.0.113.50/24 dev eth1} (as {@code ip addr} and keepalived write it) on another interface.
     */
    @Override
    public String toString() {
        String text = Ipv6Text.format(address) + "/" + prefixLength;
        return interfaceName == null ? text : text + " dev " + interfaceName;
    }
}
