package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.status.AgentStatus;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human view, whole, at a fixed time in UTC. */
class StatusTableTest {

    private static final long NOW = 1_700_000_000_000L; // 2023-11-14 22:13:20 UTC

    @Test
    void theWholeTable() {
        assertEquals("""
                floatip 0.1.0-test on lb1, pid 4242, up 1h02m (since 2023-11-14 21:11:17)

                INSTANCE  INTERFACE/VRID  STATE   PRIORITY  VIPS                             MASTER         \
                SINCE                            REASON
                VI_1      eth0/51         MASTER  150/150   198.51.100.50/24                 198.51.100.11  \
                2023-11-14 22:10:08 (3m12s ago)  no advert heard for Master_Down_Interval 3609 ms
                VI_2      eth1/52         FAULT   40/100    203.0.113.50/24,203.0.113.51/32  -              \
                2023-11-14 22:12:35 (45s ago)    tracked interface eth1 is down

                FAULTS
                  VI_2: interface eth1 down

                SCRIPT       STATUS  RUNS  FAILURES  SKIPS  LAST RESULT
                chk_haproxy  up      120   9         1      exit 0

                GROUP  STATE  INSTANCES
                EDGE   FAULT  VI_2, VI_3

                DROPS
                  instance VI_1: auth_mismatch 4, ttl_not_255 1
                  interface eth0: bad_checksum 2
                  interface eth1: send errors 5
                """, StatusTable.render(Snapshots.twoInstances(NOW), NOW, ZoneId.of("UTC")));
    }

    @Test
    void quietAgentHasNoEmptySections() {
        AgentStatus quiet = new AgentStatus("lb1", "1", 7, NOW - 5_000, List.of(AgentStatus.InstanceStatus.builder(
                "VI_1", "eth0", 51).version(3).state("BACKUP").priority(100).effectivePriority(100)
                .advertIntervalMillis(1000).virtualIps(List.of("198.51.100.50/32")).sinceMillis(NOW - 5_000)
                .faults("").counters(new AgentStatus.Counters(0, 0, 1, 0, Map.of())).build()),
                List.of(), List.of(), List.of(new AgentStatus.InterfaceStatus("eth0", Map.of("x", 0L), 0)), Map.of());
        assertEquals("""
                floatip 1 on lb1, pid 7, up 5s (since 2023-11-14 22:13:15)

                INSTANCE  INTERFACE/VRID  STATE   PRIORITY  VIPS              MASTER  SINCE                         REASON
                VI_1      eth0/51         BACKUP  100/100   198.51.100.50/32  -       2023-11-14 22:13:15 (5s ago)  -
                """, StatusTable.render(quiet, NOW, ZoneId.of("UTC")));
    }

    @Test
    void aSplitBrainHasItsOwnSection() {
        AgentStatus.ConflictStatus c = new AgentStatus.ConflictStatus("auth_mismatch", "peer 198.51.100.12 "
                + "(02:00:00:00:00:12) advertises VRID 51 with a different password; both of us hold 198.51.100.50",
                "198.51.100.12", "02:00:00:00:00:12", 100, NOW - 2_000);
        AgentStatus s = new AgentStatus("lb1", "1", 7, NOW - 5_000, List.of(AgentStatus.InstanceStatus.builder(
                "VI_1", "eth0", 51).version(2).state("MASTER").priority(150).effectivePriority(150)
                .advertIntervalMillis(1000).virtualIps(List.of("198.51.100.50/32"))
                .heldVips(List.of("198.51.100.50/32")).masterAddress("198.51.100.11").sinceMillis(NOW - 5_000)
                .faults("").counters(new AgentStatus.Counters(0, 0, 1, 0, Map.of(), 0, 0, 0, 1)).conflict(c).build()),
                List.of(), List.of(), List.of(), Map.of());
        String table = StatusTable.render(s, NOW, ZoneId.of("UTC"));
        assertEquals(true, table.contains("""

                SPLIT BRAIN
                  VI_1: peer 198.51.100.12 (02:00:00:00:00:12) advertises VRID 51 with a different password; both \
                of us hold 198.51.100.50 (auth_mismatch, since 2023-11-14 22:13:18)
                """), table);
    }

    @Test
    void excludedAddressesHaveTheirOwnSectionAndJsonField() throws Exception {
        AgentStatus s = new AgentStatus("lb1", "1", 7, NOW - 5_000, List.of(AgentStatus.InstanceStatus.builder(
                "VI_1", "eth0", 51).version(3).state("MASTER").priority(150).effectivePriority(150)
                .advertIntervalMillis(1000).virtualIps(List.of("198.51.100.50/32"))
                .heldVips(List.of("198.51.100.50/32", "198.51.100.60/24", "203.0.113.60/24 dev eth1"))
                .masterAddress("198.51.100.11").sinceMillis(NOW - 5_000).faults("")
                .counters(new AgentStatus.Counters(0, 0, 1, 0, Map.of(), 0, 0, 0, 0))
                .excludedIps(List.of("198.51.100.60/24", "203.0.113.60/24 dev eth1")).build()),
                List.of(), List.of(), List.of(), Map.of());
        String table = StatusTable.render(s, NOW, ZoneId.of("UTC"));
        assertEquals(true, table.contains("""

                EXCLUDED (held with the VIPs while master, not advertised)
                  VI_1: 198.51.100.60/24,203.0.113.60/24 dev eth1 (held)
                """), table);
        String json = ControlJson.MAPPER.writeValueAsString(s);
        var tree = ControlJson.MAPPER.readTree(json);
        assertEquals("[\"198.51.100.60/24\",\"203.0.113.60/24 dev eth1\"]",
                tree.get("instances").get(0).get("excludedIps").toString(), json);
        assertEquals(s, ControlJson.MAPPER.readValue(json, AgentStatus.class));
        // An older agent's snapshot, without the field, reads as none excluded.
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("instances").get(0)).remove("excludedIps");
        AgentStatus old = ControlJson.MAPPER.treeToValue(tree, AgentStatus.class);
        assertEquals(List.of(), old.instances().get(0).excludedIps());
        assertEquals(false, StatusTable.render(old, NOW, ZoneId.of("UTC")).contains("EXCLUDED"));
    }

    @Test
    void ages() {
        assertEquals("0s", StatusTable.age(-3_000)); // a clock step backwards
        assertEquals("59s", StatusTable.age(59_999));
        assertEquals("1m00s", StatusTable.age(60_000));
        assertEquals("3m12s", StatusTable.age(192_000));
        assertEquals("2h03m", StatusTable.age((2 * 3600 + 3 * 60 + 59) * 1000L));
        assertEquals("4d02h", StatusTable.age((4 * 86_400 + 2 * 3600) * 1000L));
    }
}
