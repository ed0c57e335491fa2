package io.floatip.config;

import static io.floatip.config.Yaml.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code family}: an instance without virtual_ips is IPv4 unless it says ipv6 (keepalived's native_ipv6, or an
 * IPv6 source address read first); with virtual_ips the family is theirs.
 */
class FamilyConfigTest {

    @Test
    void anInstanceWithoutVipsIsIpv6WhenItSaysSo() throws Exception {
        Config c = ConfigLoader.parse("""
                instances:
                  N6: {interface: eth0, vrid: 51, family: ipv6}
                  N4: {interface: eth0, vrid: 51}
                  E6: {interface: eth0, vrid: 52, family: ipv6, virtual_ips: []}
                """, "f.yaml");
        assertTrue(c.instances().get("N6").ipv6());
        assertTrue(c.instances().get("E6").ipv6());
        assertFalse(c.instances().get("N4").ipv6(), "IPv4 without VIPs or family");
        assertEquals(List.of(), c.instances().get("N6").virtualIps());
        assertEquals(3, c.instances().get("N6").version());
    }

    @Test
    void aFamilyThatMatchesTheVipsIsAllowedAndOneThatDoesNotIsAnError() throws Exception {
        assertTrue(ConfigLoader.parse("""
                instances:
                  V6: {interface: eth0, vrid: 51, family: ipv6, virtual_ips: [2001:db8::50/64]}
                """, "f.yaml").instances().get("V6").ipv6());
        assertEquals(List.of(Yaml.SOURCE + ":2:43: instances.V4.family: the virtual_ips are IPv4 (line 2), and an "
                + "instance is of one family; remove family, which only an instance without virtual_ips needs"),
                errors("""
                instances:
                  V4: {interface: eth0, vrid: 51, family: ipv6, virtual_ips: [198.51.100.50/24]}
                """));
    }

    @Test
    void anIpv6InstanceWithoutVipsKeepsTheFamilysRules() {
        List<String> e = errors("""
                instances:
                  N6:
                    interface: eth0
                    vrid: 51
                    family: ipv6
                    version: 2
                    multicast_source: 198.51.100.11
                  P6:
                    interface: eth0
                    vrid: 52
                    family: ipv6
                    unicast_peers: [198.51.100.12]
                  X:
                    interface: eth0
                    vrid: 53
                    family: inet6
                """);
        assertEquals(4, e.size(), String.join("\n", e));
        assertTrue(e.get(0).endsWith(":6:14: instances.N6.version: VRRPv2 is IPv4 only (RFC 3768); use version: 3 for "
                + "family: ipv6 (line 5)"), e.get(0));
        assertTrue(e.get(1).contains("instances.N6.multicast_source: applies to IPv4 instances")
                && e.get(1).endsWith("and this instance is family: ipv6 (line 5)"), e.get(1));
        assertTrue(e.get(2).contains("instances.P6.unicast_peers: unicast mode is IPv4 only for now, and this "
                + "instance is family: ipv6 (line 11); remove unicast_peers"), e.get(2));
        assertTrue(e.get(3).contains(":16:13: instances.X.family:") && e.get(3).contains("ipv4")
                && e.get(3).contains("ipv6"), e.get(3));
    }
}
