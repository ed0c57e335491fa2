package io.floatip.protocol;

/** RFC 5798 7.3: the virtual router MAC address, and the name floatip gives the macvlan that carries it. */
public final class VirtualMac {
    private VirtualMac() {
    }

    /** RFC 5798 7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    public static byte[] of(int vrid, boolean ipv6) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1..255: " + vrid);
        }
        return new byte[]{0x00, 0x00, 0x5e, 0x00, (byte) (ipv6 ? 0x02 : 0x01), (byte) vrid};
    }

    /**
     * keepalived's default name, vrrp.{VRID}, for IPv4; vrrp6.{VRID} for IPv6, since RFC 5798 lets an IPv4
     * and an IPv6 router share a VRID and each needs its own MAC.
     */
    public static String interfaceName(int vrid, boolean ipv6) {
        return (ipv6 ? "vrrp6." : "vrrp.") + vrid;
    }
}
