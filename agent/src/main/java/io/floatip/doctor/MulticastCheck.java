package io.floatip.doctor;

import java.util.List;

/**
 * Multicast adverts need the interface's MULTICAST flag and a group membership, which the agent holds so a
 * NIC that filters multicast by address passes 224.0.0.18 up. Checked by joining and leaving the group.
 */
final class MulticastCheck implements Check {

    private final String iface;

    MulticastCheck(String iface) {
        this.iface = iface;
    }

    @Override
    public List<Result> run(HostFacts host) {
        String check = "multicast " + iface;
        int flags = Sysfs.flags(host, iface).orElse(0);
        if ((flags & Sysfs.IFF_MULTICAST) == 0) {
            return List.of(Result.fail(check, iface + " has multicast turned off (flags "
                            + String.format("0x%x", flags) + ")",
                    "ip link set dev " + iface + " multicast on, or give the instances unicast_peers"));
        }
        return List.of(host.joinMulticast(iface)
                .map(why -> Result.fail(check, "cannot join 224.0.0.18: " + why,
                        "check that " + iface + " has an IPv4 address and multicast on, or give the instances unicast_peers"))
                .orElseGet(() -> Result.ok(check, "joined and left 224.0.0.18")));
    }
}
