package io.floatip.control;

import static io.floatip.control.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.protocol.DropReason;
import io.floatip.status.AgentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered text passes the strict parser and says what the snapshot says. */
class MetricsTest {

    private static final long NOW = 1_700_000_000_250L;
    private static final Map<String, Exposition.Family> M = Exposition.parse(Metrics.render(Snapshots.twoInstances(NOW)));

    @Test
    void everyFamilyHasHelpAndAType() {
        for (Exposition.Family f : M.values()) {
            assertTrue(f.name().startsWith("floatip_"), f.name());
            assertTrue(f.help() != null && !f.help().isBlank(), () -> f.name() + " has no HELP");
        }
        for (String name : List.of("floatip_info", "floatip_start_time_seconds", "floatip_instance_state",
                "floatip_instance_priority", "floatip_instance_effective_priority",
                "floatip_instance_last_transition_timestamp_seconds", "floatip_script_up", "floatip_group_state")) {
            assertEquals("gauge", M.get(name).type(), name);
        }
        for (String name : List.of("floatip_instance_transitions_total", "floatip_adverts_sent_total",
                "floatip_adverts_received_total", "floatip_address_mismatches_total", "floatip_advert_drops_total",
                "floatip_interface_drops_total", "floatip_interface_send_errors_total", "floatip_script_runs_total",
                "floatip_script_failures_total", "floatip_script_skips_total")) {
            assertEquals("counter", M.get(name).type(), name);
        }
    }

    @Test
    void agent() {
        assertEquals(1, value(M, "floatip_info", "version", "0.1.0-test", "router_id", "lb1"));
        assertEquals((NOW - 3_723_000) / 1000.0, value(M, "floatip_start_time_seconds"));
    }

    @Test
    void stateIsOneForTheCurrentStateOnly() {
        for (String state : Metrics.STATES) {
            assertEquals(state.equals("MASTER") ? 1 : 0, value(M, "floatip_instance_state",
                    "vrrp_instance", "VI_1", "interface", "eth0", "vrid", "51", "state", state), state);
            assertEquals(state.equals("FAULT") ? 1 : 0, value(M, "floatip_instance_state",
                    "vrrp_instance", "VI_2", "interface", "eth1", "vrid", "52", "state", state), state);
        }
        assertEquals(8, M.get("floatip_instance_state").series().size());
    }

    @Test
    void perInstanceValues() {
        assertEquals(150, value(M, "floatip_instance_priority", "vrrp_instance", "VI_1"));
        assertEquals(100, value(M, "floatip_instance_priority", "vrrp_instance", "VI_2"));
        assertEquals(40, value(M, "floatip_instance_effective_priority", "vrrp_instance", "VI_2"));
        assertEquals((NOW - 192_000) / 1000.0,
                value(M, "floatip_instance_last_transition_timestamp_seconds", "vrrp_instance", "VI_1"));
        assertEquals(3, value(M, "floatip_instance_transitions_total", "vrrp_instance", "VI_1"));
        assertEquals(1234, value(M, "floatip_adverts_sent_total", "vrrp_instance", "VI_1"));
        assertEquals(56, value(M, "floatip_adverts_received_total", "vrrp_instance", "VI_1"));
        assertEquals(17, value(M, "floatip_adverts_received_total", "vrrp_instance", "VI_2"));
        assertEquals(7, value(M, "floatip_address_mismatches_total", "vrrp_instance", "VI_1"));
    }

    @Test
    void eachConfiguredVipSaysWhetherThisNodeHoldsIt() {
        assertEquals(1, value(M, "floatip_vip_held", "vrrp_instance", "VI_1", "interface", "eth0", "vrid", "51",
                "vip", "198.51.100.50/24", "vip_interface", "eth0"));
        // VI_2 is in FAULT but still holds one of its two addresses (a release that failed): the gauge says so.
        assertEquals(0, value(M, "floatip_vip_held", "vrrp_instance", "VI_2", "interface", "eth1", "vrid", "52",
                "vip", "203.0.113.50/24", "vip_interface", "eth1"));
        assertEquals(1, value(M, "floatip_vip_held", "vrrp_instance", "VI_2", "interface", "eth1", "vrid", "52",
                "vip", "203.0.113.51/32", "vip_interface", "eth1"));
        assertEquals(3, M.get("floatip_vip_held").series().size());
        assertEquals("gauge", M.get("floatip_vip_held").type());
    }

    @Test
    void aVipOnAnotherInterfaceHasTheAddressAsVipAndItsInterfaceAsVipInterface() {
        AgentStatus two = Snapshots.twoInstances(NOW);
        AgentStatus.InstanceStatus i = two.instances().get(0);
        AgentStatus.InstanceStatus moved = i.toBuilder()
                .virtualIps(List.of("198.51.100.50/24", "203.0.113.60/24 dev eth2"))
                .heldVips(List.of("203.0.113.60/24 dev eth2")).build();
        Map<String, Exposition.Family> m = Exposition.parse(Metrics.render(new AgentStatus(two.routerId(),
                two.version(), two.pid(), two.startedAtMillis(), List.of(moved), two.scripts(), two.groups(),
                two.interfaces(), two.refusals())));
        assertEquals(1, value(m, "floatip_vip_held", "vrrp_instance", "VI_1", "interface", "eth0", "vrid", "51",
                "vip", "203.0.113.60/24", "vip_interface", "eth2"));
        assertEquals(0, value(m, "floatip_vip_held", "vrrp_instance", "VI_1", "interface", "eth0", "vrid", "51",
                "vip", "198.51.100.50/24", "vip_interface", "eth0"));
        assertEquals(2, m.get("floatip_vip_held").series().size());
    }

    @Test
    void noLabelIsOneThatPrometheusAttachesItself() {
        // A scraped "instance" or "job" label is renamed exported_instance/exported_job by Prometheus.
        for (Exposition.Family f : M.values()) {
            for (Map<String, String> labels : f.series().keySet()) {
                assertTrue(!labels.containsKey("instance") && !labels.containsKey("job"), f.name() + " " + labels);
            }
        }
    }

    @Test
    void dropsAreCountedByReasonAndEveryReasonStartsAtZero() {
        assertEquals(4, value(M, "floatip_advert_drops_total", "vrrp_instance", "VI_1", "reason", "auth_mismatch"));
        assertEquals(1, value(M, "floatip_advert_drops_total", "vrrp_instance", "VI_1", "reason", "ttl_not_255"));
        assertEquals(0, value(M, "floatip_advert_drops_total", "vrrp_instance", "VI_1", "reason", "unknown_peer"));
        assertEquals(0, value(M, "floatip_advert_drops_total", "vrrp_instance", "VI_2", "reason", "auth_mismatch"));
        assertEquals(2 * Metrics.INSTANCE_DROPS.size(), M.get("floatip_advert_drops_total").series().size());
        assertEquals(2, value(M, "floatip_interface_drops_total", "interface", "eth0", "reason", "bad_checksum"));
        assertEquals(0, value(M, "floatip_interface_drops_total", "interface", "eth1", "reason", "bad_checksum"));
        assertEquals(0, value(M, "floatip_interface_drops_total", "interface", "eth0", "reason", "unknown_vrid"));
        assertEquals(2 * Metrics.INTERFACE_DROPS.size(), M.get("floatip_interface_drops_total").series().size());
        assertEquals(5, value(M, "floatip_interface_send_errors_total", "interface", "eth1"));
    }

    /** Where each reason is counted (Instance or Link) decides its family; every reason is in one or both. */
    @Test
    void everyDropReasonHasAFamily() {
        List<DropReason> all = new java.util.ArrayList<>(List.of(io.floatip.protocol.WireDrop.values()));
        all.addAll(List.of(io.floatip.protocol.PolicyDrop.values()));
        for (DropReason r : all) {
            assertTrue(Metrics.INSTANCE_DROPS.contains(r) || Metrics.INTERFACE_DROPS.contains(r), r.key());
        }
        assertTrue(Metrics.INTERFACE_DROPS.contains(io.floatip.protocol.PolicyDrop.UNKNOWN_VRID));
        assertTrue(Metrics.INSTANCE_DROPS.contains(io.floatip.protocol.PolicyDrop.AUTH_MISMATCH));
    }

    @Test
    void aReasonCountedWhereItIsNotExpectedIsStillExported() {
        AgentStatus s = Snapshots.twoInstances(NOW);
        AgentStatus.InterfaceStatus odd = new AgentStatus.InterfaceStatus("eth0", Map.of("auth_mismatch", 3L), 0);
        Map<String, Exposition.Family> m = Exposition.parse(Metrics.render(new AgentStatus(s.routerId(), s.version(),
                s.pid(), s.startedAtMillis(), s.instances(), s.scripts(), s.groups(), List.of(odd), Map.of())));
        assertEquals(3, value(m, "floatip_interface_drops_total", "interface", "eth0", "reason", "auth_mismatch"));
    }

    @Test
    void scriptsAndGroups() {
        assertEquals(1, value(M, "floatip_script_up", "script", "chk_haproxy"));
        assertEquals(120, value(M, "floatip_script_runs_total", "script", "chk_haproxy"));
        assertEquals(9, value(M, "floatip_script_failures_total", "script", "chk_haproxy"));
        assertEquals(1, value(M, "floatip_script_skips_total", "script", "chk_haproxy"));
        assertEquals(1, value(M, "floatip_group_state", "group", "EDGE", "state", "FAULT"));
        assertEquals(0, value(M, "floatip_group_state", "group", "EDGE", "state", "MASTER"));
    }

    @Test
    void awkwardNamesAreEscapedAndReadBack() {
        String name = "VI \"one\" \\ two\nthree";
        AgentStatus s = Snapshots.twoInstances(NOW);
        AgentStatus.InstanceStatus i = s.instances().get(0);
        AgentStatus odd = new AgentStatus("lb\\1", "v\"2", 1, 0, List.of(AgentStatus.InstanceStatus.builder(name,
                i.interfaceName(), i.vrid()).version(i.version()).state(i.state()).priority(i.priority())
                .effectivePriority(i.effectivePriority()).advertIntervalMillis(i.advertIntervalMillis())
                .virtualIps(i.virtualIps()).heldVips(i.heldVips()).unicast(i.unicast()).masterAddress(i.masterAddress())
                .sinceMillis(i.sinceMillis()).reason(i.reason()).faults(i.faults()).tracked(i.tracked())
                .counters(i.counters()).build()), List.of(), List.of(), List.of(), Map.of());
        Map<String, Exposition.Family> m = Exposition.parse(Metrics.render(odd));
        assertEquals(150, value(m, "floatip_instance_priority", "vrrp_instance", name));
        assertEquals(1, value(m, "floatip_info", "version", "v\"2", "router_id", "lb\\1"));
        assertEquals(4, value(m, "floatip_advert_drops_total", "vrrp_instance", name, "reason", "auth_mismatch"));
    }

    @Test
    void anEmptyAgentStillNamesEveryFamily() {
        String text = Metrics.render(new AgentStatus("lb1", "x", 1, 0, List.of(), List.of(), List.of(), List.of(), Map.of()));
        Map<String, Exposition.Family> m = Exposition.parse(text);
        assertEquals(M.keySet(), m.keySet());
        assertTrue(m.get("floatip_instance_state").series().isEmpty());
    }

    @Test
    void secondsAreExact() {
        assertEquals("1700000000.250", Metrics.seconds(1_700_000_000_250L));
        assertEquals("0.000", Metrics.seconds(0));
    }
}
