package io.floatip.config;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each instance takes on its interface: a VRID and addresses. Two instances on one interface that
 * share either would fight over the same virtual router or the same address. A VRID belongs to one address
 * family: an IPv4 and an IPv6 instance may both be VRID 51 on one interface (RFC 9568 allows it, and keepalived
 * too). Instances are read in file order, so the later one is the one reported, naming the earlier.
 */
final class Claims {

    private record Owner(String instance, Mark mark) {
    }

    private record VridKey(String iface, boolean ipv6, int vrid) {
    }

    /** {@code owner} is set only when the interface is unknown, which confines the check to one instance. */
    private record AddressKey(String iface, String owner, InetAddress address) {
    }

    private final Map<VridKey, Owner> vrids = new HashMap<>();
    private final Map<AddressKey, Owner> addresses = new HashMap<>();
    private final Problems problems;

    Claims(Problems problems) {
        this.problems = problems;
    }

    /** @param ipv6 the instance's address family: true for IPv6 */
    void vrid(String iface, boolean ipv6, int vrid, String instance, Field at) {
        Owner first = vrids.putIfAbsent(new VridKey(iface, ipv6, vrid), new Owner(instance, at.mark()));
        if (first != null) {
            at.error("vrid " + vrid + " on " + iface + " is already used by instance " + first.instance()
                    + " (line " + first.mark().line() + "); instances " + first.instance() + " and " + instance
                    + " need different vrids");
        }
    }

    /** The prefix length does not matter: the same address twice is a clash whatever its mask. */
    void address(Optional<String> iface, VirtualIp ip, String instance, String path, Mark at) {
        AddressKey key = new AddressKey(iface.orElse(null), iface.isPresent() ? null : instance, ip.address());
        Owner first = addresses.putIfAbsent(key, new Owner(instance, at));
        if (first == null) {
            return;
        }
        String address = Ipv6Text.format(ip.address());
        if (first.instance().equals(instance)) {
            problems.at(at, path, address + " is listed twice (first at line " + first.mark().line()
                    + ", column " + first.mark().column() + "); remove one");
        } else {
            problems.at(at, path, address + " on " + iface.get() + " is already used by instance " + first.instance()
                    + " (line " + first.mark().line() + "); an address can belong to only one instance per interface");
        }
    }
}
