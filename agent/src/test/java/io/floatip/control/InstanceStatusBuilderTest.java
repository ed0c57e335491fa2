package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floatip.status.AgentStatus;
import io.floatip.status.AgentStatus.InstanceStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One way to build an instance's status, whose unset parts read as an older agent's snapshot does. */
class InstanceStatusBuilderTest {

    @Test
    void whatIsNotSetIsEmpty() {
        InstanceStatus s = InstanceStatus.builder("VI_1", "eth0", 51).build();
        assertEquals("VI_1", s.name());
        assertEquals("eth0", s.interfaceName());
        assertEquals(51, s.vrid());
        assertEquals(0, s.version());
        assertNull(s.state());
        assertEquals(0, s.priority());
        assertEquals(0, s.effectivePriority());
        assertEquals(0, s.advertIntervalMillis());
        assertEquals(List.of(), s.virtualIps());
        assertEquals(List.of(), s.heldVips());
        assertFalse(s.unicast());
        assertNull(s.masterAddress());
        assertEquals(0, s.sinceMillis());
        assertNull(s.reason());
        assertNull(s.faults());
        assertEquals(List.of(), s.tracked());
        assertNull(s.counters());
        assertFalse(s.drained());
        assertNull(s.reasonCode());
        assertNull(s.claimBackoff());
        assertNull(s.conflict());
        assertNull(s.acceptMode());
        assertNull(s.vmac());
        assertEquals(List.of(), s.excludedIps());
    }

    @Test
    void toBuilderGivesEveryPartBack() {
        InstanceStatus s = InstanceStatus.builder("VI_1", "eth0", 51).version(2).state("MASTER").priority(150)
                .effectivePriority(90).advertIntervalMillis(1000).virtualIps(List.of("198.51.100.50/24"))
                .heldVips(List.of("198.51.100.50/24")).unicast(true).masterAddress("198.51.100.11").sinceMillis(7)
                .reason("preempted").faults("").tracked(List.of(new AgentStatus.TrackedStatus("file", "/f", 5, "3")))
                .counters(new AgentStatus.Counters(1, 2, 3, 4, Map.of("x", 1L), 5, 6, 7, 8)).drained(true)
                .reasonCode("preempt").claimBackoff(new AgentStatus.ClaimBackoffStatus(1, 5_000, 4_000, "EEXIST"))
                .conflict(new AgentStatus.ConflictStatus("silent", "d", null, null, -1, 9))
                .acceptMode(new AgentStatus.AcceptStatus(false, List.of("198.51.100.50/24"), 0, null))
                .vmac("vrrp.51").excludedIps(List.of("203.0.113.60/24 dev eth1")).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals("BACKUP", s.toBuilder().state("BACKUP").build().state());
    }

    @Test
    void anOlderAgentsSnapshotReadsAsOneBuiltWithoutTheNewerParts() throws Exception {
        AgentStatus s = Snapshots.twoInstances(1_700_000_000_000L);
        JsonNode tree = ControlJson.MAPPER.readTree(ControlJson.write(s));
        ObjectNode first = (ObjectNode) tree.get("instances").get(0);
        first.remove(List.of("drained", "reasonCode", "claimBackoff", "conflict", "acceptMode", "vmac", "excludedIps"));
        assertEquals(s, ControlJson.MAPPER.treeToValue(tree, AgentStatus.class));
    }
}
