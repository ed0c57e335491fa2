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
        InstanceStatus vi1 = InstanceStatus.builder("VI_1", "eth0", 51).version(3).state("MASTER").priority(150)
                .effectivePriority(150).advertIntervalMillis(1000).virtualIps(List.of("198.51.100.50/24"))
                .heldVips(List.of("198.51.100.50/24")).masterAddress("198.51.100.11").sinceMillis(now - 192_000)
                .reason("no advert heard for Master_Down_Interval 3609 ms").faults("")
                .tracked(List.of(new TrackedStatus("script", "chk_haproxy", -60, "up")))
                .counters(new Counters(1234, 56, 3, 7, ordered("auth_mismatch", 4L, "ttl_not_255", 1L))).build();
        InstanceStatus vi2 = InstanceStatus.builder("VI_2", "eth1", 52).version(2).state("FAULT").priority(100)
                .effectivePriority(40).advertIntervalMillis(1000).virtualIps(List.of("203.0.113.50/24", "203.0.113.51/32"))
                .heldVips(List.of("203.0.113.51/32")).unicast(true).sinceMillis(now - 45_000)
                .reason("tracked interface eth1 is down").faults("interface eth1 down")
                .tracked(List.of(new TrackedStatus("interface", "eth1", 0, "down")))
                .counters(new Counters(0, 17, 2, 0, Map.of())).build();
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
