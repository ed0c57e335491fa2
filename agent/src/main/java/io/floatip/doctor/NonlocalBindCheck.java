package io.floatip.doctor;

import java.util.List;
import java.util.Optional;

/**
 * A proxy in front of the VIP (HAProxy, nginx) binds the VIP itself; on the backup, where the VIP is absent,
 * that bind fails and the proxy does not start, unless the kernel allows binding addresses it does not have.
 */
final class NonlocalBindCheck implements Check {

    static final String NAME = "net.ipv4.ip_nonlocal_bind";

    @Override
    public List<Result> run(HostFacts host) {
        Optional<Integer> value = Sysfs.integer(host.read("/proc/sys/net/ipv4/ip_nonlocal_bind"));
        if (value.isEmpty()) {
            return List.of(Result.warn(NAME, "cannot read /proc/sys/net/ipv4/ip_nonlocal_bind",
                    "run floatip doctor on Linux with /proc mounted"));
        }
        if (value.get() == 0) {
            return List.of(Result.warn(NAME, "0: a proxy that binds the VIP fails to start on the backup, where the "
                            + "VIP is absent (not needed if it binds 0.0.0.0)",
                    "sysctl -w " + NAME + "=1, and keep it in /etc/sysctl.d/"));
        }
        return List.of(Result.ok(NAME, value.get() + ": services may bind the VIP before this node holds it"));
    }
}
