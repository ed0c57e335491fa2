package io.floatip.protocol;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as an immutable value: the VRRP fields plus the IP fields the protocol checks.
 *
 * @param version            2 (RFC 3768) or 3 (RFC 5798)
 * @param vrid               Virtual Rtr ID, 1..255
 * @param priority           0 (master stopping) .. 255 (address owner)
 * @param advertInterval     in centiseconds; v2 carries whole seconds on the wire, kept here as 100 * seconds
 * @param addresses          the IPvX addresses the sender protects
 * @param authType           v2 only; {@link AuthType#NONE} for v3
 * @param authData           v2 only: the 8 authentication bytes (zeros for none); empty for v3
 * @param source             IP source, the sender's primary address
 * @param destination        IP destination (224.0.0.18, or a unicast peer)
 * @param ttl                IP TTL as received (255 when sent by us)
 */
public record VrrpPacket(int version, int vrid, int priority, int advertInterval, List<Inet4Address> addresses,
                         AuthType authType, byte[] authData, Inet4Address source, Inet4Address destination, int ttl) {

    public static final int PROTOCOL = 112;
    /** RFC 5798 5.1.1.3 / RFC 3768 5.2.3: TTL must be 255. */
    public static final int TTL = 255;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_DATA_LENGTH = 8;

    public VrrpPacket {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
        Objects.requireNonNull(authType);
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
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
                + source.getHostAddress() + " addrs " + addresses.stream().map(Inet4Address::getHostAddress).toList();
    }
}
