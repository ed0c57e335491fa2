package io.floatip.control;

import static io.floatip.control.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.status.AgentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The last transition's reason code, beside its line: in the metrics and in the status JSON. */
class TransitionReasonMetricTest {

    private static AgentStatus withCode(String code) {
        AgentStatus s = Snapshots.twoInstances(1_700_000_000_250L);
        AgentStatus.InstanceStatus i = s.instances().get(0);
        return new AgentStatus(s.routerId(), s.version(), s.pid(), s.startedAtMillis(), List.of(
                i.toBuilder().reasonCode(code).build(),
                s.instances().get(1)), s.scripts(), s.groups(), s.interfaces(), s.refusals());
    }

    @Test
    void theCodeIsALabelOfItsOwnFamily() {
        Map<String, Exposition.Family> m = Exposition.parse(Metrics.render(withCode("no_advert")));
        assertEquals("gauge", m.get("floatip_instance_last_transition_reason").type());
        assertEquals(1, value(m, "floatip_instance_last_transition_reason", "vrrp_instance", "VI_1", "reason", "no_advert"));
        assertEquals(1, m.get("floatip_instance_last_transition_reason").series().size(),
                "an instance without a code (an older snapshot) has no series");
    }

    @Test
    void theStatusJsonCarriesTheCodeBesideTheLine() throws Exception {
        String json = ControlJson.write(withCode("master_silent"));
        assertTrue(json.contains("\"reasonCode\" : \"master_silent\""), json);
        AgentStatus back = ControlJson.MAPPER.readValue(json, AgentStatus.class);
        assertEquals("master_silent", back.instances().get(0).reasonCode());
        assertEquals(null, back.instances().get(1).reasonCode());
    }
}
