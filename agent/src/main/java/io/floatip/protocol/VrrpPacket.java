package io.floatip.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as an immutable value: the VRRP fields plus the IP fields the protocol checks. An
 * advert is of one address family: its source, destination and addresses are all IPv4 ({@code Inet4Address})
 * or all IPv6 ({@code Inet6Address}), and an IPv6 advert is VRRPv3 (RFC 3768 defines VRRPv2 for IPv4 only).
 *
 * @param version            2 (RFC 3768) or 3 (RFC 9568)
 * @param vrid               Virtual Rtr ID, 1..255
 * @param priority           0 (master stopping) .. 255 (address owner)
 * @param advertInterval     in centiseconds; v2 carries whole seconds on the wire, kept here as 100 * seconds
 * @param addresses          the IPvX addresses the sender protects, in wire order
 * @param authType           v2 only; {@link AuthType#NONE} for v3
 * @param authData           v2 only: the 8 authentication bytes (zeros for none); empty for v3
 * @param source             IP source: the sender's primary IPv4 address, or for IPv6 its link-local address
 * @param destination        IP destination (224.0.0.18 or ff02::12, or a unicast peer)
 * @param ttl                IPv4 TTL or IPv6 Hop Limit as received (255 when sent by us)
 */
public record VrrpPacket(int version, int vrid, int priority, int advertInterval, List<InetAddress> addresses,
                         AuthType authType, byte[] authData, InetAddress source, InetAddress destination, int ttl) {

    public static final int PROTOCOL = 112;
    /** RFC 9568 5.1.1.3 / 5.1.2.3, RFC 3768 5.2.3: TTL (IPv4) and Hop Limit (IPv6) must be 255. */
    public static final int TTL = 255;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_DATA_LENGTH = 8;

    /** @throws IllegalArgumentException if the addresses mix families, or for VRRPv2 over IPv6 */
    public VrrpPacket {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
        Objects.requireNonNull(authType);
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        boolean v6 = source instanceof Inet6Address;
        if (destination instanceof Inet6Address != v6) {
            throw new IllegalArgumentException("source " + source.getHostAddress() + " and destination "
                    + destination.getHostAddress() + " are of different address families");
        }
        for (InetAddress a : addresses) {
            if (a instanceof Inet6Address != v6) {
                throw new IllegalArgumentException("address " + a.getHostAddress() + " is not of the source's ("
                        + source.getHostAddress() + ") address family; an advert is IPv4 or IPv6");
            }
        }
        if (v6 && version == 2) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only (RFC 3768): an IPv6 advert is version 3");
        }
    }

    /** Whether this advert is carried in IPv6 (all its addresses are then IPv6). */
    public boolean ipv6() {
        return source instanceof Inet6Address;
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** Compares auth data without copying, for the receive path. */
    public boolean authDataEquals(byte[] other) {
        return Arrays.equals(authData, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && version == p.version && vrid == p.vrid && priority == p.priority
                && advertInterval == p.advertInterval && addresses.equals(p.addresses) && authType == p.authType
                && Arrays.equals(authData, p.authData) && source.equals(p.source)
                && destination.equals(p.destination) && ttl == p.ttl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, vrid, priority, advertInterval, addresses, source);
    }

    @Override
    public String toString() {
        return "VRRPv" + version + " vrid " + vrid + " prio " + priority + " intvl " + advertInterval + "cs from "
                + source.getHostAddress() + " addrs " + addresses.stream().map(InetAddress::getHostAddress).toList();
    }
}
