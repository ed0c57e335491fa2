package io.floatip.doctor;

import java.util.List;
import java.util.Optional;

/**
 * Reverse-path filtering on the VIP's interface. The kernel applies the larger of conf.all and conf.IF;
 * strict mode (1) drops traffic that arrives on one interface while the route back leaves by another.
 */
final class RpFilterCheck implements Check {

    private final String iface;

    RpFilterCheck(String iface) {
        this.iface = iface;
    }

    @Override
    public List<Result> run(HostFacts host) {
        String check = Sysfs.confName(iface, "rp_filter");
        Optional<Integer> all = Sysfs.conf(host, "all", "rp_filter");
        Optional<Integer> own = Sysfs.conf(host, iface, "rp_filter");
        if (all.isEmpty() || own.isEmpty()) {
            return List.of(Result.warn(check, "cannot read it from /proc/sys/net/ipv4/conf",
                    "run floatip doctor on Linux with /proc mounted"));
        }
        int value = Math.max(all.get(), own.get());
        String is = "rp_filter " + value + " (the larger of all=" + all.get() + " and " + iface + "=" + own.get() + ")";
        return List.of(switch (value) {
            case 0 -> Result.ok(check, is + ": off");
            case 2 -> Result.ok(check, is + ": loose, only packets from unroutable sources are dropped");
            default -> Result.warn(check, is + ": strict; a packet arriving on " + iface + " is dropped when the route "
                            + "back to its source leaves by another interface, so with asymmetric paths (clients or a "
                            + "peer reached through another interface) traffic to the VIP vanishes without a log; "
                            + "fine if every path is symmetric",
                    "if paths are asymmetric: sysctl -w net.ipv4.conf.all.rp_filter=2 " + check + "=2 (loose)");
        });
    }
}
