package io.floatip.control;

import io.floatip.status.AgentStatus;
import io.floatip.status.AgentStatus.Counters;
import io.floatip.status.AgentStatus.GroupStatus;
import io.floatip.status.AgentStatus.InstanceStatus;
import io.floatip.status.AgentStatus.InterfaceStatus;
import io.floatip.status.AgentStatus.ScriptStatus;
import io.floatip.status.AgentStatus.TrackedStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-built snapshot: VI_1 MASTER on eth0, VI_2 in FAULT on eth1, one check script, one sync group.
 * Every number is distinct so a test that reads the wrong field fails.
 */
final class Snapshots {

    private Snapshots() {
    }

    /** Times are relative to {@code now}: started 1h02m03s before, VI_1 since 3m12s, VI_2 since 45s. */
    static AgentStatus twoInstances(long now) {
        InstanceStatus vi1 = new InstanceStatus("VI_1", "eth0", 51, 3, "MASTER", 150, 150, 1000,
                List.of("198.51.100.50/24"), List.of("198.51.100.50/24"), false, "198.51.100.11", now - 192_000,
                "no advert heard for Master_Down_Interval 3609 ms", "",
                List.of(new TrackedStatus("script", "chk_haproxy", -60, "up")),
                new Counters(1234, 56, 3, 7, ordered("auth_mismatch", 4L, "ttl_not_255", 1L)));
        InstanceStatus vi2 = new InstanceStatus("VI_2", "eth1", 52, 2, "FAULT", 100, 40, 1000,
                List.of("203.0.113.50/24", "203.0.113.51/32"), List.of("203.0.113.51/32"), true, null, now - 45_000,
                "tracked interface eth1 is down", "interface eth1 down",
                List.of(new TrackedStatus("interface", "eth1", 0, "down")),
                new Counters(0, 17, 2, 0, Map.of()));
        return new AgentStatus("lb1", "0.1.0-test", 4242, now - 3_723_000, List.of(vi1, vi2),
                List.of(new ScriptStatus("chk_haproxy", true, 120, 9, 1, "exit 0")),
                List.of(new GroupStatus("EDGE", "FAULT", List.of("VI_2", "VI_3"))),
                List.of(new InterfaceStatus("eth0", ordered("bad_checksum", 2L), 0),
                        new InterfaceStatus("eth1", Map.of(), 5)),
                ordered("metrics_timeout", 3L));
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return m;
    }
}
