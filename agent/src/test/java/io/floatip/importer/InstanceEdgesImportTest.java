package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static io.floatip.importer.Imports.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floatip.config.Config;
import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's own defaults and limits, as an instance meets them, one small config each. */
class InstanceEdgesImportTest {

    @TempDir
    Path dir;

    /** An instance with the given lines inside, and what came of it. */
    private ImportResult instance(String lines) throws Exception {
        return Imports.text(dir, """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        198.51.100.50/24
                    }
                %s}
                """.formatted(lines.indent(4)));
    }

    private InstanceConfig loaded(String lines) throws Exception {
        return load(instance(lines)).instances().get("VI_1");
    }

    @Test
    void aMasterWithoutPriorityIsTheAddressOwner() throws Exception {
        ImportResult result = instance("state MASTER\n");
        assertEquals(255, load(result).instances().get("VI_1").priority());
        assertEquals(List.of("keepalived.conf:7 note: state MASTER without a priority is keepalived's address owner: "
                + "written as priority 255, which floatip makes master at once"), Imports.warnings(result));
    }

    @Test
    void anOwnerThatSaysSo() throws Exception {
        ImportResult result = instance("state MASTER\npriority 255\n");
        assertEquals(255, load(result).instances().get("VI_1").priority());
        assertEquals(List.of("keepalived.conf:7 note: state MASTER: priority 255 is the address owner, which floatip "
                + "makes master at once"), Imports.warnings(result));
    }

    @Test
    void anUnknownStateIsBackup() throws Exception {
        ImportResult result = instance("state master\n");
        assertEquals(100, load(result).instances().get("VI_1").priority());
        assertEquals("keepalived.conf:7 note: state master: keepalived knows MASTER and BACKUP only, and reads this "
                + "as BACKUP", Imports.warnings(result).get(0));
    }

    @Test
    void theInstanceVersionOverridesTheGlobalOne() throws Exception {
        Config config = load(Imports.text(dir, """
                global_defs {
                    vrrp_version 3
                }
                vrrp_instance V3 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress { 198.51.100.50 }
                }
                vrrp_instance V2 {
                    interface eth0
                    virtual_router_id 2
                    vrrp_version 2
                    virtual_ipaddress { 198.51.100.51 }
                }
                """));
        assertEquals(3, config.instances().get("V3").version());
        assertEquals(2, config.instances().get("V2").version());
    }

    @Test
    void vrrpv3IntervalsGoToTenMillisecondSteps() throws Exception {
        ImportResult result = instance("version 3\nadvert_int 0.123\n");
        assertEquals(12, load(result).instances().get("VI_1").advertIntervalCentis());
        assertEquals(List.of("keepalived.conf:8 note: advert_int 0.123: VRRPv3 sends 10ms steps from 10ms to 40.95s; "
                + "written as 120ms"), Imports.warnings(result));
    }

    @Test
    void anIntervalKeepalivedIgnoresStaysTheDefault() throws Exception {
        ImportResult result = instance("advert_int 300\n");
        assertEquals(100, load(result).instances().get("VI_1").advertIntervalCentis());
        assertEquals(List.of("keepalived.conf:7 not mapped: advert_int 300 (keepalived takes 0.01 to 255 seconds, and "
                + "ignores it too)"), Imports.warnings(result));
    }

    @Test
    void authenticationThatCannotComeOver() throws Exception {
        ImportResult v3 = instance("version 3\nauthentication {\n    auth_type PASS\n    auth_pass abc\n}\n");
        assertNull(load(v3).instances().get("VI_1").authPassword());
        assertEquals(List.of("keepalived.conf:8 not mapped: authentication (VRRPv3 has no authentication; keepalived "
                + "ignores it too)"),
                Imports.warnings(v3));
        ImportResult ah = instance("authentication {\n    auth_type AH\n    auth_pass abc\n}\n");
        assertNull(load(ah).instances().get("VI_1").authPassword());
        assertEquals(List.of("keepalived.conf:7 not mapped: authentication (auth_type AH: IPsec AH is not "
                + "supported, only PASS)"),
                Imports.warnings(ah));
    }

    @Test
    void garpMasterRefreshIsMapped() throws Exception {
        Config config = load(Imports.text(dir, """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    garp_master_refresh 60
                    virtual_ipaddress { 198.51.100.50 }
                }
                """));
        assertEquals(new GarpConfig(5_000, 5, 60_000), config.instances().get("VI_1").garp());
    }

    @Test
    void minimalGratuitousArpsFromGlobalDefs() throws Exception {
        Config config = load(Imports.text(dir, """
                global_defs {
                    vrrp_min_garp
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    garp_master_repeat 2
                    virtual_ipaddress { 198.51.100.50 }
                }
                """));
        assertEquals(new GarpConfig(0, 2), config.instances().get("VI_1").garp());
    }

    @Test
    void aVridOrAnAddressTakenTwiceOnOneInterface() throws Exception {
        ImportResult result = Imports.text(dir, """
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.51 }
                }
                vrrp_instance C {
                    interface eth0
                    virtual_router_id 52
                    virtual_ipaddress {
                        198.51.100.50/24
                        198.51.100.52
                    }
                }
                vrrp_instance D {
                    interface eth1
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                }
                """);
        Config config = load(result);
        assertEquals(List.of("A", "C", "D"), List.copyOf(config.instances().keySet()));
        assertEquals(List.of(vip("198.51.100.52", 32)), config.instances().get("C").virtualIps());
        assertEquals(List.of(
                "keepalived.conf:6 not mapped: vrrp_instance B (virtual_router_id 51 on eth0 is already used by A)",
                "keepalived.conf:15 not mapped: 198.51.100.50/24 (already an address of A)"), Imports.warnings(result));
    }

    @Test
    void whatAnInstanceCannotDoWithout() throws Exception {
        ImportResult result = Imports.text(dir, """
                vrrp_instance NO_IF {
                    virtual_router_id 1
                    virtual_ipaddress { 198.51.100.50 }
                }
                vrrp_instance ALIAS {
                    interface eth0:1
                    virtual_router_id 2
                    virtual_ipaddress { 198.51.100.51 }
                }
                vrrp_instance NO_VRID {
                    interface eth0
                    virtual_ipaddress { 198.51.100.52 }
                }
                vrrp_instance OK {
                    interface eth0
                    virtual_router_id 3
                    virtual_ipaddress { 198.51.100.53 }
                }
                vrrp_instance OK {
                    interface eth0
                    virtual_router_id 4
                    virtual_ipaddress { 198.51.100.54 }
                }
                vrrp_instance
                """);
        assertEquals(List.of("OK"), List.copyOf(load(result).instances().keySet()));
        assertEquals(List.of(
                "keepalived.conf:24 not mapped: vrrp_instance (needs a name and a block)",
                "keepalived.conf:1 not mapped: vrrp_instance NO_IF (no interface)",
                "keepalived.conf:5 not mapped: vrrp_instance ALIAS (interface eth0:1 is not a name floatip accepts)",
                "keepalived.conf:10 not mapped: vrrp_instance NO_VRID (no virtual_router_id from 1 to 255)",
                "keepalived.conf:19 not mapped: vrrp_instance OK (the name is used twice)"), Imports.warnings(result));
    }

    @Test
    void unicastOddities() throws Exception {
        // keepalived's vrrp_srcip_handler: without peers, the multicast adverts' source.
        ImportResult alone = instance("unicast_src_ip 198.51.100.11\n");
        assertEquals("/198.51.100.11", String.valueOf(load(alone).instances().get("VI_1").unicastSource()));
        assertFalse(load(alone).instances().get("VI_1").unicast());
        assertEquals(List.of(), Imports.warnings(alone));
        ImportResult odd = instance("unicast_src_ip 198.51.100.11\nunicast_peer {\n    2001:db8::2\n"
                + "    198.51.100.11\n    198.51.100.12 min_ttl 200 max_ttl 100\n    198.51.100.13 hops 3\n"
                + "    198.51.100.14 min_ttl 254\n    198.51.100.14\n}\n");
        InstanceConfig vi = load(odd).instances().get("VI_1");
        assertEquals(1, vi.unicastPeers().size());
        assertEquals(List.of(
                "keepalived.conf:9 not mapped: 2001:db8::2 (IPv6 in an IPv4 instance; keepalived ignores it too)",
                "keepalived.conf:10 not mapped: 198.51.100.11 (this is the node's own unicast_src_ip)",
                "keepalived.conf:11 not mapped: 198.51.100.12 min_ttl 200 max_ttl 100 (min_ttl is above max_ttl)",
                "keepalived.conf:12 not mapped: 198.51.100.13 hops 3 (floatip takes only min_ttl and max_ttl, each 0 "
                        + "to 255)",
                "keepalived.conf:14 not mapped: 198.51.100.14 (the peer is listed twice)"), Imports.warnings(odd));
    }

    @Test
    void preemptDelayLimitsAndConditionalLines() throws Exception {
        ImportResult result = instance("preempt_delay 2000\n@lb1 priority 200\n$PRIO=10\nnopreempt\n");
        InstanceConfig vi = load(result).instances().get("VI_1");
        assertEquals(0, vi.preemptDelayMillis());
        assertEquals(100, vi.priority());
        assertFalse(vi.preempt());
        assertEquals(List.of(
                "keepalived.conf:8 note: config id lb9, this host's name up to its first dot (keepalived's default "
                        + "without -i): 0 line(s) starting with @ read for it, 1 skipped; import once per node, with "
                        + "--config-id ID for each (one floatip config per node)",
                "keepalived.conf:8 note: @lb1 priority 200: skipped: keepalived reads it only with config id lb1, and "
                        + "this import is for lb9",
                "keepalived.conf:7 not mapped: preempt_delay 2000 (a preempt delay is 0 to 1000 seconds)",
                "keepalived.conf:9 not mapped: $PRIO=10 (parameter definition; the import does not substitute "
                        + "parameters)"), Imports.warnings(result));
    }
}
