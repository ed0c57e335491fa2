package io.floatip.importer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The VRIDs and addresses instances already hold per interface: floatip refuses a config where two instances
 * share either, so the later one is left out (or loses the address) with a warning instead.
 */
final class Claims {

    private final Map<String, String> vrids = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();

    /** An IPv4 and an IPv6 instance may share a VRID: they are separate routers (RFC 9568 5.2.3). */
    Optional<String> vridOwner(String iface, boolean v6, int vrid) {
        return Optional.ofNullable(vrids.get(iface + (v6 ? " v6 " : " v4 ") + vrid));
    }

    Optional<String> addressOwner(String iface, String address) {
        return Optional.ofNullable(addresses.get(iface + " " + address));
    }

    /** Called once an instance is kept. */
    void vrid(String iface, boolean v6, int vrid, String instance) {
        vrids.put(iface + (v6 ? " v6 " : " v4 ") + vrid, instance);
    }

    void address(String iface, String address, String instance) {
        addresses.put(iface + " " + address, instance);
    }
}
