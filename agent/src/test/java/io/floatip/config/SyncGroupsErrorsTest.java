package io.floatip.config;

import static io.floatip.config.Yaml.assertSchemaError;
import static io.floatip.config.Yaml.schemaErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** sync_groups: names must lead to instances, each instance in one group at most (no host checks). */
class SyncGroupsErrorsTest {

    /** Three instances on lines 1..4, then {@code groups} under sync_groups from line 6. */
    private static String groups(String groups) {
        return """
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                  VI_2: {interface: eth1, vrid: 52, virtual_ips: [203.0.113.50]}
                  VI_3: {interface: eth1, vrid: 53, virtual_ips: [203.0.113.51]}
                sync_groups:
                """ + groups.indent(2);
    }

    @Test
    void unknownInstanceListsTheDefinedOnes() {
        assertSchemaError("bad.yaml:7:23: sync_groups.EDGE.instances[1]: unknown instance 'VI_9'; instances defined: "
                + "VI_1, VI_2, VI_3", groups("""
                EDGE:
                  instances: [VI_1, VI_9]
                """));
    }

    @Test
    void instanceInTwoGroupsNamesTheFirst() {
        assertSchemaError("bad.yaml:11:9: sync_groups.CORE.instances[1]: VI_2 is already in sync group EDGE (line 7); "
                + "an instance can be in only one sync group", groups("""
                EDGE:
                  instances: [VI_1, VI_2]
                CORE:
                  instances:
                    - VI_3
                    - VI_2
                """));
    }

    @Test
    void groupOfOne() {
        assertSchemaError("bad.yaml:7:16: sync_groups.EDGE.instances: must list at least 2 instances, got 1 (a group "
                + "keeps instances in step with each other)", groups("""
                EDGE:
                  instances: [VI_1]
                """));
    }

    @Test
    void sameInstanceTwiceInAGroup() {
        assertSchemaError("bad.yaml:7:23: sync_groups.EDGE.instances[1]: VI_1 is listed twice (first at line 7, "
                + "column 17); remove one", groups("""
                EDGE:
                  instances: [VI_1, VI_1]
                """));
    }

    @Test
    void instancesMissing() {
        assertSchemaError("bad.yaml:6:9: sync_groups.EDGE.instances: missing; this key is required",
                groups("EDGE: {notify: {any: /etc/floatip/notify.sh}}"));
    }

    @Test
    void anInstanceWithMistakesIsStillKnownByName() {
        assertEquals(List.of("bad.yaml:2:33: instances.VI_1.vrid: must be between 1 and 255, got 300"), schemaErrors("""
                instances:
                  VI_1: {interface: eth0, vrid: 300, virtual_ips: [198.51.100.50]}
                  VI_2: {interface: eth1, vrid: 52, virtual_ips: [203.0.113.50]}
                sync_groups:
                  EDGE: {instances: [VI_1, VI_2]}
                """));
    }

    @Test
    void notifyOfAGroupIsCheckedLikeAnInstances() {
        assertSchemaError("bad.yaml:9:7: sync_groups.EDGE.notify.mastr: unknown key; did you mean 'master'?", groups("""
                EDGE:
                  instances: [VI_1, VI_2]
                  notify:
                    mastr: /etc/floatip/notify.sh
                """));
    }

    @Test
    void keepalivedSpellings() {
        assertEquals(List.of("bad.yaml:5:1: vrrp_sync_group: unknown key; did you mean 'sync_groups'?"), schemaErrors("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                  VI_2: {interface: eth1, vrid: 52, virtual_ips: [203.0.113.50]}
                  VI_3: {interface: eth1, vrid: 53, virtual_ips: [203.0.113.51]}
                vrrp_sync_group:
                  EDGE: {group: [VI_1, VI_2]}
                """));
        assertEquals(List.of("bad.yaml:6:9: sync_groups.EDGE.instances: missing; this key is required",
                "bad.yaml:6:10: sync_groups.EDGE.group: unknown key; did you mean 'instances'?",
                "bad.yaml:6:31: sync_groups.EDGE.notify_master: unknown key; write it as notify: {master: ...}"),
                schemaErrors(groups("EDGE: {group: [VI_1, VI_2], notify_master: /etc/floatip/notify.sh}")));
    }
}
