package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv6 instances (floatip issue #5): what loads, and each family mistake as one line at its place. */
class Ipv6ConfigTest {

    private static VirtualIp ip(String text) {
        return VirtualIpParser.parse(text);
    }

    @Test
    void anIpv6InstanceLoadsFromAPlainFlowList() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64, fe80::50]
                """, "v6.yaml").instances().get("VI_6");
        assertTrue(instance.ipv6());
        assertEquals(3, instance.version());
        assertEquals(List.of(ip("2001:db8:1::50/64"), ip("fe80::50/128")), instance.virtualIps());
        assertEquals("[2001:db8:1::50/64, fe80::50/128]", instance.virtualIps().toString());
        assertFalse(instance.unicast());
    }

    @Test
    void blockListsAndQuotedValuesWorkToo() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips:
                      - 2001:db8:1::50/64
                      - "2001:db8:1::51"
                      - '1:2:3:4:5:6:7:8'
                """, "v6.yaml").instances().get("VI_6");
        assertEquals(List.of(ip("2001:db8:1::50/64"), ip("2001:db8:1::51/128"), ip("1:2:3:4:5:6:7:8/128")),
                instance.virtualIps());
    }

    @Test
    void anIpv4InstanceIsNotIpv6() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                """, "v4.yaml").instances().get("VI_1");
        assertFalse(instance.ipv6());
    }

    @Test
    void ipv4AndIpv6InstancesMayShareAVridOnOneInterface() throws Exception {
        Config config = ConfigLoader.parse("""
                instances:
                  VI_4:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64]
                """, "both.yaml");
        assertFalse(config.instances().get("VI_4").ipv6());
        assertTrue(config.instances().get("VI_6").ipv6());
    }

    // ---- one line per mistake ----

    @Test
    void twoIpv6InstancesWithOneVridOnOneInterface() {
        assertEquals(List.of("bad.yaml:12:11: instances.VI_7.vrid: vrid 51 on eth0 is already used by instance VI_6 "
                + "(line 8); instances VI_6 and VI_7 need different vrids"), errors("""
                instances:
                  VI_4:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50]
                  VI_7:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::60]
                """));
    }

    @Test
    void ipv4AfterIpv6NamesBoth() {
        assertEquals(List.of("bad.yaml:5:38: instances.VI_6.virtual_ips[1]: 198.51.100.50 is IPv4, but this "
                + "instance's first address 2001:db8:1::50 (line 5, column 19) is IPv6; an instance is one address "
                + "family, so give the IPv4 addresses an instance of their own (it may use the same vrid)"), errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64, 198.51.100.50]
                """));
    }

    @Test
    void theFirstAddressThatParsesSetsTheFamily() {
        assertEquals(List.of(
                "bad.yaml:6:9: instances.VI_6.virtual_ips[0]: must be an IPv6 address with an optional prefix length, "
                        + "like 2001:db8::50 or 2001:db8::50/64, got '2001:db8::g'",
                "bad.yaml:8:9: instances.VI_6.virtual_ips[2]: 198.51.100.50 is IPv4, but this instance's first "
                        + "address 2001:db8::50 (line 7, column 9) is IPv6; an instance is one address family, so "
                        + "give the IPv4 addresses an instance of their own (it may use the same vrid)"), errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips:
                      - 2001:db8::g
                      - 2001:db8::50
                      - 198.51.100.50
                """));
    }

    @Test
    void versionTwoWithIpv6() {
        assertEquals(List.of("bad.yaml:5:14: instances.VI_6.version: VRRPv2 is IPv4 only (RFC 3768); use version: 3 "
                + "for the IPv6 virtual_ips (line 6)"), errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    version: 2
                    virtual_ips: [2001:db8:1::50/64]
                """));
    }

    @Test
    void unicastPeersWithIpv6VirtualIps() {
        assertEquals(List.of("bad.yaml:6:5: instances.VI_6.unicast_peers: unicast mode is IPv4 only for now, and "
                + "this instance's virtual_ips are IPv6 (line 5); remove unicast_peers to advertise to ff02::12"),
                errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64]
                    unicast_peers: [198.51.100.12]
                """));
    }

    @Test
    void ipv6UnicastPeersAreNotSupportedYet() {
        assertEquals(List.of("bad.yaml:6:21: instances.VI_6.unicast_peers[0]: IPv6 unicast addresses are not "
                + "supported yet, got '2001:db8:1::12'"), errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64]
                    unicast_peers: ["2001:db8:1::12"]
                """));
    }

    @Test
    void sameIpv6AddressTwiceIsOneAddressHoweverWritten() {
        assertError("bad.yaml:5:38: instances.VI_6.virtual_ips[1]: 2001:db8:1::50 is listed twice (first at line 5, "
                + "column 19); remove one", """
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/64, 2001:DB8:1:0:0:0:0:50/128]
                """);
    }

    @Test
    void sameIpv6AddressInTwoInstancesOnOneInterface() {
        assertError("bad.yaml:9:19: instances.VI_7.virtual_ips[0]: 2001:db8:1::50 on eth0 is already used by "
                + "instance VI_6 (line 5); an address can belong to only one instance per interface", """
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50]
                  VI_7:
                    interface: eth0
                    vrid: 52
                    virtual_ips: [2001:db8:1::50/64]
                """);
    }

    @Test
    void prefixBeyond128() {
        assertEquals(List.of("bad.yaml:5:19: instances.VI_6.virtual_ips[0]: prefix length must be between 0 and 128, "
                + "got '2001:db8:1::50/129'"), errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [2001:db8:1::50/129]
                """));
    }

    @Test
    void ipv4MappedAddress() {
        assertEquals(List.of("bad.yaml:5:19: instances.VI_6.virtual_ips[0]: is an IPv4-mapped IPv6 address, which no "
                + "interface holds; write the IPv4 address 198.51.100.50 instead, got '::ffff:198.51.100.50'"),
                errors("""
                instances:
                  VI_6:
                    interface: eth0
                    vrid: 51
                    virtual_ips: ["::ffff:198.51.100.50"]
                """));
    }
}
