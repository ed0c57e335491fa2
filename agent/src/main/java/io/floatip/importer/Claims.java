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

    Optional<String> vridOwner(String iface, int vrid) {
        return Optional.ofNullable(vrids.get(iface + " " + vrid));
    }

    Optional<String> addressOwner(String iface, String address) {
        return Optional.ofNullable(addresses.get(iface + " " + address));
    }

    /** Called once an instance is kept. */
    void vrid(String iface, int vrid, String instance) {
        vrids.put(iface + " " + vrid, instance);
    }

    void address(String iface, String address, String instance) {
        addresses.put(iface + " " + address, instance);
    }
}
