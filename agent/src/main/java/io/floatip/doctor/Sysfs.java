package io.floatip.doctor;

import java.util.Optional;

/** Small readers of /proc/sys and /sys values through {@link HostFacts}. */
final class Sysfs {

    /** IFF_UP: administratively up. */
    static final int IFF_UP = 0x1;
    /** IFF_MULTICAST: the interface takes part in multicast. */
    static final int IFF_MULTICAST = 0x1000;

    private Sysfs() {
    }

    static String netDir(String iface) {
        return "/sys/class/net/" + iface;
    }

    /** {@code net.ipv4.conf.IF.KEY} as sysctl(8) names it: a dot inside IF (a VLAN, eth0.100) becomes '/'. */
    static String confName(String iface, String key) {
        return "net.ipv4.conf." + iface.replace('.', '/') + "." + key;
    }

    /** The value of {@code net.ipv4.conf.IF.KEY} (IF may be "all"). */
    static Optional<Integer> conf(HostFacts host, String iface, String key) {
        return integer(host.read("/proc/sys/net/ipv4/conf/" + iface + "/" + key));
    }

    /** The interface's flags (a hex number in sysfs). */
    static Optional<Integer> flags(HostFacts host, String iface) {
        return host.read(netDir(iface) + "/flags").flatMap(text -> {
            try {
                return Optional.of(Integer.decode(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static Optional<Integer> integer(Optional<String> text) {
        return text.flatMap(t -> {
            try {
                return Optional.of(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
