package io.floatip.doctor;

import java.util.List;
import java.util.Optional;

/**
 * arp_ignore and arp_announce for an interface that carries a VIP next to the node's own address. The kernel
 * uses the larger of conf.all and conf.IF for both, so that is the value judged.
 */
final class ArpCheck implements Check {

    private final String iface;

    ArpCheck(String iface) {
        this.iface = iface;
    }

    @Override
    public List<Result> run(HostFacts host) {
        return List.of(ignore(host), announce(host));
    }

    private Result ignore(HostFacts host) {
        String check = Sysfs.confName(iface, "arp_ignore");
        Optional<Integer> value = effective(host, "arp_ignore");
        if (value.isEmpty()) {
            return unreadable(check);
        }
        String is = "arp_ignore " + value.get() + " " + sources(host, "arp_ignore");
        String fix = "sysctl -w " + check + "=1 and keep net.ipv4.conf.all.arp_ignore at 1 or less (in /etc/sysctl.d/)";
        return switch (value.get()) {
            case 0 -> Result.ok(check, is + ": the VIP is answered for on any interface; with one interface on this "
                    + "segment that is fine, with several set 1 so only " + iface + ", which holds the VIP, answers");
            case 1 -> Result.ok(check, is + ": only the interface that holds an address answers for it, the "
                    + "recommended value for a VIP on " + iface);
            case 2 -> Result.warn(check, is + ": ARP is answered only for askers inside the VIP's own prefix, so a /32 "
                    + "VIP, or a router or client outside its subnet, gets no answer", fix);
            case 3 -> Result.ok(check, is + ": host-scope addresses are not answered for; the VIPs are global");
            case 8 -> Result.fail(check, is + ": no ARP request is answered, so clients learn the VIP only from "
                    + "gratuitous ARPs and lose it when their entry expires", fix);
            default -> Result.warn(check, is + ": a value the kernel reserves", fix);
        };
    }

    private Result announce(HostFacts host) {
        String check = Sysfs.confName(iface, "arp_announce");
        Optional<Integer> value = effective(host, "arp_announce");
        if (value.isEmpty()) {
            return unreadable(check);
        }
        String is = "arp_announce " + value.get() + " " + sources(host, "arp_announce");
        return switch (value.get()) {
            case 0 -> Result.ok(check, is + ": ARP requests may carry any local address, the VIP included while "
                    + "this node holds it; fine with one interface, set 2 (with arp_ignore 1) when several share the "
                    + "segment, so a request always names " + iface + "'s own address");
            case 1 -> Result.ok(check, is + ": ARP requests carry an address in the target's subnet when there is one");
            case 2 -> Result.ok(check, is + ": ARP requests always carry " + iface + "'s own best address, the "
                    + "recommended value with several interfaces on the segment");
            default -> Result.warn(check, is + ": not a value the kernel knows (0, 1 or 2)",
                    "sysctl -w " + check + "=2");
        };
    }

    private Optional<Integer> effective(HostFacts host, String key) {
        Optional<Integer> all = Sysfs.conf(host, "all", key);
        Optional<Integer> own = Sysfs.conf(host, iface, key);
        if (all.isEmpty() || own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(all.get(), own.get()));
    }

    private String sources(HostFacts host, String key) {
        return "(the larger of all=" + Sysfs.conf(host, "all", key).orElseThrow() + " and " + iface + "="
                + Sysfs.conf(host, iface, key).orElseThrow() + ")";
    }

    private Result unreadable(String check) {
        return Result.warn(check, "cannot read it from /proc/sys/net/ipv4/conf", "run floatip doctor on Linux with /proc mounted");
    }
}
