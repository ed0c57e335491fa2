package io.floatip.doctor;

import io.floatip.config.InstanceConfig;
import java.util.List;
import java.util.Optional;

/**
 * The interface an instance runs on exists, is up, has carrier and an IPv4 address to send adverts from. Read
 * from /sys/class/net, which {@code ip netns exec} remounts, so it is this network namespace's view.
 */
final class InterfaceCheck implements Check {

    private final String iface;
    private final List<InstanceConfig> instances;

    InterfaceCheck(String iface, List<InstanceConfig> instances) {
        this.iface = iface;
        this.instances = List.copyOf(instances);
    }

    /** Whether the interface is there at all: the per-interface checks after this one need it. */
    static boolean exists(HostFacts host, String iface) {
        return host.read(Sysfs.netDir(iface) + "/operstate").isPresent();
    }

    @Override
    public List<Result> run(HostFacts host) {
        String check = "interface " + iface;
        String names = String.join(", ", instances.stream().map(InstanceConfig::name).toList());
        Optional<String> operstate = host.read(Sysfs.netDir(iface) + "/operstate");
        if (operstate.isEmpty()) {
            return List.of(Result.fail(check, "does not exist (instances " + names + ")",
                    "name an interface that `ip link` lists in instances.*.interface, or create it before floatip starts"));
        }
        int flags = Sysfs.flags(host, iface).orElse(0);
        if ((flags & Sysfs.IFF_UP) == 0) {
            return List.of(Result.fail(check, "is administratively down (operstate " + operstate.get() + ")",
                    "ip link set dev " + iface + " up, and bring it up at boot"));
        }
        // carrier reads 1 or 0 on an up interface; an error (absent here) only on a down one.
        if (!host.read(Sysfs.netDir(iface) + "/carrier").orElse("0").equals("1")) {
            return List.of(Result.fail(check, "is up but has no carrier (operstate " + operstate.get()
                    + "): the agent would put " + names + " in FAULT", "check the cable, the switch port or the "
                    + "other end of the link (ip link show " + iface + ")"));
        }
        List<String> addresses = host.ipv4Addresses(iface);
        boolean needsAddress = instances.stream().anyMatch(i -> i.unicastSource() == null);
        if (addresses.isEmpty() && needsAddress) {
            return List.of(Result.fail(check, "is up with carrier but has no IPv4 address: adverts are sent from "
                    + "the interface's first primary address", "add this node's own address to " + iface
                    + " (not the VIP, which floatip adds and removes)"));
        }
        return List.of(Result.ok(check, "up, carrier, operstate " + operstate.get()
                + (addresses.isEmpty() ? "" : ", IPv4 " + String.join(" ", addresses))
                + " (instances " + names + ")"));
    }
}
