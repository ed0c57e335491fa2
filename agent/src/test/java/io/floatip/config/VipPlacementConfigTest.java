package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: VIPs on another interface (keepalived's dev), instances with no VIP (no_virtual_ipaddress),
 * excluded_ips (virtual_ipaddress_excluded) and accept: what loads, and each mistake as one line at its place.
 */
class VipPlacementConfigTest {

    private static InstanceConfig load(String text) throws ConfigException {
        return ConfigLoader.parse(text, "vip.yaml").instances().values().iterator().next();
    }

    @Test
    void aVipOnAnotherInterfaceKeepsItsInterface() throws Exception {
        InstanceConfig ic = load("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips:
                      - 198.51.100.50/24
                      - {address: 203.0.113.50/24, interface: eth1}
                """);
        assertNull(ic.virtualIps().get(0).interfaceName());
        assertEquals("eth1", ic.virtualIps().get(1).interfaceName());
        assertEquals("203.0.113.50/24 dev eth1", ic.virtualIps().get(1).toString());
        assertEquals("eth0", ic.virtualIps().get(0).interfaceOr(ic.interfaceName()));
    }

    @Test
    void naming_the_instances_own_interface_is_the_same_as_not_naming_it() throws Exception {
        InstanceConfig ic = load("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [{address: 198.51.100.50/24, interface: eth0}]
                """);
        assertEquals(VirtualIpParser.parse("198.51.100.50/24"), ic.virtualIps().get(0));
    }

    @Test
    void theSameAddressMayBeOnTwoInterfacesButNotTwiceOnOne() {
        List<String> errors = errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips:
                      - 198.51.100.50/24
                      - {address: 198.51.100.50/24, interface: eth1}
                      - {address: 198.51.100.50/32, interface: eth1}
                """);
        assertEquals(List.of("bad.yaml:8:9: instances.VI_1.virtual_ips[2]: 198.51.100.50 is listed twice (first at "
                + "line 7, column 9); remove one"), errors);
    }

    @Test
    void aPlacedVipNeedsBothKeysAndNoOther() {
        List<String> errors = errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips:
                      - {address: 203.0.113.50/24}
                      - {address: 203.0.113.51/24, interface: eth1, label: x}
                      - {address: 203.0.113.999, interface: eth1}
                      - {address: 203.0.113.52, interface: "eth 1"}
                """);
        assertEquals(List.of(
                "bad.yaml:6:9: instances.VI_1.virtual_ips[0].interface: missing; this key is required",
                "bad.yaml:7:53: instances.VI_1.virtual_ips[1].label: unknown key; known keys here: address, interface",
                "bad.yaml:8:19: instances.VI_1.virtual_ips[2].address: each part of an IPv4 address must be 0 to 255, "
                        + "got '203.0.113.999'",
                "bad.yaml:9:44: instances.VI_1.virtual_ips[3].interface: must not contain whitespace, got 'eth 1'"),
                errors);
    }

    @Test
    void anInstanceWithoutVipsLoadsWithAnEmptyListOrNone() throws Exception {
        for (String vips : new String[]{"    virtual_ips: []\n", ""}) {
            InstanceConfig ic = load("""
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                    """ + vips);
            assertEquals(List.of(), ic.virtualIps());
            assertFalse(ic.ipv6());
        }
    }

    @Test
    void twoInstancesWithoutVipsStillNeedTheirOwnVrids() {
        assertError("bad.yaml:7:11: instances.VI_2.vrid: vrid 51 on eth0 is already used by instance VI_1 (line 4); "
                + "instances VI_1 and VI_2 need different vrids", """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                  VI_2:
                    interface: eth0
                    vrid: 51
                """);
    }

    @Test
    void excludedAddressesMayMixFamiliesAndGoOnTheirInterface() throws Exception {
        InstanceConfig ic = load("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    excluded_ips: [198.51.100.60/24, "2001:db8::60/64", {address: 203.0.113.60/24, interface: eth1}]
                """);
        assertEquals("[198.51.100.60/24, 2001:db8::60/64, 203.0.113.60/24 dev eth1]", ic.excludedIps().toString());
        assertEquals(4, ic.heldIps().size());
        assertFalse(ic.ipv6());
    }

    @Test
    void anExcludedAddressThatIsAlsoAVipIsAClash() {
        assertError("bad.yaml:6:20: instances.VI_1.excluded_ips[0]: 198.51.100.50 is listed twice (first at line 5, "
                + "column 19); remove one", """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    excluded_ips: [198.51.100.50/32]
                """);
    }

    @Test
    void excludedIpsMustBeAList() {
        List<String> errors = errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    excluded_ips: 198.51.100.60
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).startsWith("bad.yaml:5:19: instances.VI_1.excluded_ips: "), errors.get(0));
    }

    @Test
    void acceptIsTrueByDefaultAndFalseRefusesTheVipsWhileMasterUnlessOwner() throws Exception {
        assertEquals(true, load("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                """).accept());
        InstanceConfig off = load("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50], excluded_ips: [203.0.113.9/24],
                         accept: false}
                """);
        assertEquals(false, off.accept());
        assertEquals(List.of("198.51.100.50/32", "203.0.113.9/24"),
                off.refusedWhileMaster().stream().map(VirtualIp::toString).toList());
        // The address owner (RFC 9568 6.4.3: "if it is not the IPvX address owner") accepts what it owns.
        assertEquals(List.of(), load("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, priority: 255, virtual_ips: [198.51.100.50], accept: false}
                """).refusedWhileMaster());
        assertEquals(List.of(), load("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50], accept: true}
                """).refusedWhileMaster());
        assertError("bad.yaml:2:75: instances.VI_1.accept: must be true or false, got 'maybe'", """
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50], accept: maybe}
                """);
    }
}
