package io.floatip.doctor;

import io.floatip.os.Privileges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CAP_NET_ADMIN (addresses over netlink) and CAP_NET_RAW (raw frames) in this process's effective set, read
 * from CapEff in /proc/self/status: what a process started the same way as the agent would have.
 */
final class CapabilitiesCheck implements Check {

    static final int CAP_NET_ADMIN = Privileges.CAP_NET_ADMIN;
    static final int CAP_NET_RAW = Privileges.CAP_NET_RAW;
    private static final String CHECK = "capabilities";

    @Override
    public List<Result> run(HostFacts host) {
        Optional<Long> effective = host.read("/proc/self/status").flatMap(CapabilitiesCheck::capEff);
        if (effective.isEmpty()) {
            return List.of(Result.warn(CHECK, "cannot read CapEff from /proc/self/status",
                    "run floatip doctor on Linux with /proc mounted"));
        }
        List<String> missing = new ArrayList<>();
        if ((effective.get() & (1L << CAP_NET_ADMIN)) == 0) {
            missing.add("CAP_NET_ADMIN");
        }
        if ((effective.get() & (1L << CAP_NET_RAW)) == 0) {
            missing.add("CAP_NET_RAW");
        }
        if (missing.isEmpty()) {
            return List.of(Result.ok(CHECK, "CAP_NET_ADMIN and CAP_NET_RAW are effective"));
        }
        return List.of(Result.fail(CHECK, "missing " + String.join(" and ", missing)
                        + " (CAP_NET_ADMIN adds and removes the VIP, CAP_NET_RAW sends adverts and ARP)",
                "run as root, or as the packaged floatip.service does: AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW"));
    }

    /** The CapEff line's hex mask, if there is one. */
    static Optional<Long> capEff(String status) {
        return Privileges.effectiveCapabilities(status);
    }
}
