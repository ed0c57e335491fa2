package io.floatip.lab;

import java.time.Duration;
import java.util.List;

/** The ip commands that build the switch and plug a host into it, all inside the lab's namespaces. */
final class Wiring {

    private static final Duration READY = Duration.ofSeconds(5);

    private Wiring() {
    }

    static void buildSwitch(Netns netns, String sw) {
        // The switch only forwards frames; without IPv6 its ports send no router solicitations or MLD.
        sysctlBestEffort(netns, sw, "net/ipv6/conf/all/disable_ipv6", "1");
        sysctlBestEffort(netns, sw, "net/ipv6/conf/default/disable_ipv6", "1");
        netns.ip(sw, "link", "set", "dev", "lo", "up").orThrow();
        netns.ip(sw, "link", "add", Plan.BRIDGE, "type", "bridge").orThrow();
        // VRRP adverts go to 224.0.0.18 / ff02::12; a snooping bridge could drop them before anyone joins.
        netns.ip(sw, "link", "set", Plan.BRIDGE, "type", "bridge", "mcast_snooping", "0").orThrow();
        netns.ip(sw, "link", "set", "dev", Plan.BRIDGE, "up").orThrow();
    }

    /** Gives the host's namespace its eth0 (peer of a switch port), its MAC and address, and links up. */
    static void plug(Netns netns, Host host, String sw) {
        String ns = host.ns();
        // Addresses added later (VIPs, 2001:db8::) are usable at once instead of "tentative" for a second.
        sysctlBestEffort(netns, ns, "net/ipv6/conf/all/accept_dad", "0");
        sysctlBestEffort(netns, ns, "net/ipv6/conf/default/accept_dad", "0");
        netns.ip(ns, "link", "set", "dev", "lo", "up").orThrow();
        netns.addVeth(sw, host.switchPort(), ns, Host.IFACE);
        netns.ip(ns, "link", "set", "dev", Host.IFACE, "address", host.mac()).orThrow();
        netns.ip(ns, "addr", "add", host.ipv4() + "/" + Plan.PREFIX_LENGTH, "dev", Host.IFACE).orThrow();
        netns.ip(ns, "link", "set", "dev", Host.IFACE, "up").orThrow();
        netns.ip(sw, "link", "set", "dev", host.switchPort(), "master", Plan.BRIDGE).orThrow();
        netns.ip(sw, "link", "set", "dev", host.switchPort(), "up").orThrow();
    }

    /** Waits until the host's eth0 has carrier and its switch port forwards (immediate without STP). */
    static void awaitReady(Netns netns, Host host, String sw) {
        Await.until(READY, () -> {
            String link = netns.ip(host.ns(), "-o", "link", "show", "dev", Host.IFACE).orThrow().output();
            String port = netns.ip(sw, "-d", "-o", "link", "show", "dev", host.switchPort()).orThrow().output();
            return IpOutput.linkFlags(link).contains("LOWER_UP") && port.contains(" state forwarding ");
        }, host.name() + " eth0 carrier and switch port " + host.switchPort() + " forwarding");
    }

    /**
     * Writes /proc/sys inside the namespace; sh rather than sysctl(8), which slim images lack.
     * Best effort: a kernel booted without IPv6 has no such files and the lab works without them.
     */
    private static void sysctlBestEffort(Netns netns, String ns, String key, String value) {
        netns.exec(ns, Cmd.DEFAULT_TIMEOUT,
                List.of("sh", "-c", "echo \"$1\" > \"/proc/sys/$2\"", "sysctl", value, key));
    }
}
