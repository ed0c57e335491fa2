package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.assertSchemaError;
import static io.floatip.config.Yaml.instanceWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** virtual_routes, virtual_rules and multicast_source: what loads, and one line for each mistake. */
class VirtualRoutesConfigTest {

    private static InstanceConfig load(String lines) throws Exception {
        return ConfigLoader.parseWithoutHostChecks(instanceWith(lines), "ok.yaml").instances().get("VI_1");
    }

    private static VirtualIp p(String address, int length) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), length);
    }

    @Test
    void routesAndRulesWithEveryOption() throws Exception {
        InstanceConfig c = load("""
                virtual_routes:
                  - {to: 203.0.113.0/24, via: 198.51.100.1}
                  - {to: 203.0.113.0/25, dev: eth1, src: 198.51.100.50, table: 100, metric: 7, scope: link}
                  - {to: default, via: 198.51.100.1, table: main}
                  - {to: "2001:db8:1::/48", via: "2001:db8::1"}
                  - {to: 203.0.113.128/25, type: blackhole}
                virtual_rules:
                  - {from: 198.51.100.50/32, table: 100}
                  - {to: 203.0.113.0/24, table: 0x10000, priority: 1000, iif: eth0, oif: eth1, fwmark: 0x10/0xf0}
                  - {fwmark: 1, table: 100}
                """);
        List<VirtualRoute> routes = c.routing().routes();
        assertEquals(new VirtualRoute(VirtualRoute.Type.UNICAST, p("203.0.113.0", 24),
                InetAddress.getByName("198.51.100.1"), null, null, 254, 0, null), routes.get(0));
        assertEquals(new VirtualRoute(VirtualRoute.Type.UNICAST, p("203.0.113.0", 25), null, "eth1",
                InetAddress.getByName("198.51.100.50"), 100, 7, VirtualRoute.Scope.LINK), routes.get(1));
        assertEquals(p("0.0.0.0", 0), routes.get(2).to());
        assertEquals(VirtualRoute.Scope.UNIVERSE, routes.get(2).effectiveScope());
        assertEquals("2001:db8:1::/48 via 2001:db8::1", routes.get(3).toString());
        assertEquals("blackhole 203.0.113.128/25", routes.get(4).toString());
        assertEquals(VirtualRoute.Scope.LINK, new VirtualRoute(VirtualRoute.Type.UNICAST, p("203.0.113.0", 24),
                null, "eth1", null, 254, 0, null).effectiveScope(), "no gateway: link, as ip(8) chooses");

        List<VirtualRule> rules = c.routing().rules();
        assertEquals(new VirtualRule(false, p("198.51.100.50", 32), null, 100, -1, null, null, -1, -1), rules.get(0));
        assertEquals("priority 1000 from all to 203.0.113.0/24 iif eth0 oif eth1 fwmark 0x10/0xf0 lookup 65536",
                rules.get(1).toString());
        assertEquals(new VirtualRule(false, null, null, 100, -1, null, null, 1, -1), rules.get(2));
    }

    @Test
    void noRoutingByDefault() throws Exception {
        assertEquals(VirtualRouting.NONE, load("").routing());
    }

    @Test
    void aRouteNeedsItsDestination() {
        assertError("bad.yaml:7:9: instances.VI_1.virtual_routes[0].to: missing; this key is required",
                instanceWith("""
                virtual_routes:
                  - {via: 198.51.100.1}
                """));
    }

    @Test
    void hostBitsAreRefusedWithTheNetworkNamed() {
        assertError("bad.yaml:7:13: instances.VI_1.virtual_routes[0].to: has host bits set: '203.0.113.7/24' is "
                + "inside 203.0.113.0/24; write the network, 203.0.113.0/24", instanceWith("""
                virtual_routes:
                  - to: 203.0.113.7/24
                    via: 198.51.100.1
                """));
    }

    @Test
    void aUnicastRouteNeedsViaOrDev() {
        assertError("bad.yaml:7:9: instances.VI_1.virtual_routes[0]: needs via (a gateway) or dev (an interface), "
                + "like {to: 203.0.113.0/24, via: 198.51.100.1}; or type: blackhole", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24}
                """));
    }

    @Test
    void aBlackholeHasNoGateway() {
        assertError("bad.yaml:7:9: instances.VI_1.virtual_routes[0]: a blackhole route drops what it matches, so "
                + "it has no via or dev; remove them", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24, type: blackhole, via: 198.51.100.1}
                """));
    }

    @Test
    void aGatewayOfTheOtherFamily() {
        assertError("bad.yaml:7:35: instances.VI_1.virtual_routes[0].via: is IPv6 but the route's destination (to) "
                + "is IPv4", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24, via: "2001:db8::1"}
                """));
    }

    @Test
    void keepalivedOptionsFloatipLacksAreRefusedByName() {
        assertError("bad.yaml:7:49: instances.VI_1.virtual_routes[0].onlink: onlink is not supported; add the "
                + "gateway's subnet to the interface instead", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24, via: 198.51.100.1, onlink: true}
                """));
        assertError("bad.yaml:7:46: instances.VI_1.virtual_rules[0].goto: goto rules are not supported",
                instanceWith("""
                virtual_rules:
                  - {from: 198.51.100.50/32, table: 100, goto: 200}
                """));
    }

    @Test
    void theKernelsOwnTablesAreRefused() {
        assertError("bad.yaml:7:56: instances.VI_1.virtual_routes[0].table: table 255 is the kernel's local table; "
                + "use main (254) or a table of your own, 1..252 or above 255", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24, via: 198.51.100.1, table: 255}
                """));
    }

    @Test
    void aRuleNeedsItsTable() {
        assertError("bad.yaml:7:9: instances.VI_1.virtual_rules[0].table: missing; this key is required",
                instanceWith("""
                virtual_rules:
                  - {from: 198.51.100.50/32}
                """));
    }

    @Test
    void aRuleOfTwoFamilies() {
        assertError("bad.yaml:7:9: instances.VI_1.virtual_rules[0]: from 198.51.100.50/32 and to 2001:db8::/32 are "
                + "of two address families; a rule is of one", instanceWith("""
                virtual_rules:
                  - {from: 198.51.100.50/32, to: "2001:db8::/32", table: 100}
                """));
    }

    @Test
    void aBadFwmark() {
        assertError("bad.yaml:7:30: instances.VI_1.virtual_rules[0].fwmark: must be a whole number between 0 and "
                + "4294967295, got 'mark'", instanceWith("""
                virtual_rules:
                  - {table: 100, fwmark: mark}
                """));
    }

    @Test
    void aRouteListedTwice() {
        assertError("bad.yaml:8:9: instances.VI_1.virtual_routes[1]: '203.0.113.0/24 via 198.51.100.1' is listed "
                + "twice (first at line 7); remove one", instanceWith("""
                virtual_routes:
                  - {to: 203.0.113.0/24, via: 198.51.100.1}
                  - {to: 203.0.113.0/24, via: 198.51.100.1}
                """));
    }

    @Test
    void notAList() {
        assertError("bad.yaml:6:21: instances.VI_1.virtual_routes: must be a list, got a map", instanceWith("""
                virtual_routes: {to: 203.0.113.0/24, via: 198.51.100.1}
                """));
    }

    @Test
    void multicastSourceIsTheAdvertSource() throws Exception {
        InstanceConfig c = load("multicast_source: 198.51.100.11\n");
        assertEquals(InetAddress.getByName("198.51.100.11"), c.unicastSource());
        assertEquals(false, c.unicast());
        assertNull(load("").unicastSource());
    }

    @Test
    void multicastSourceWithUnicastPeers() {
        assertSchemaError("bad.yaml:6:5: instances.VI_1.multicast_source: multicast_source applies to multicast "
                + "adverts; with unicast_peers the source is unicast_source", instanceWith("""
                multicast_source: 198.51.100.11
                unicast_peers: [198.51.100.12]
                """));
    }

    @Test
    void multicastSourceNotAnAddress() {
        assertError("bad.yaml:6:23: instances.VI_1.multicast_source: must be an IPv4 address like 198.51.100.11, "
                + "got 'lb1'", instanceWith("""
                multicast_source: lb1
                """));
    }

    @Test
    void multicastSourceOnAnIpv6Instance() {
        assertSchemaError("bad.yaml:6:5: instances.VI_1.multicast_source: applies to IPv4 instances; IPv6 adverts "
                + "are sent from the interface's link-local address (RFC 9568 5.1.2.1), and this instance's "
                + "virtual_ips are IPv6 (line 5)", """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: ["2001:db8::50"]
                    multicast_source: 198.51.100.11
                """);
    }
}
