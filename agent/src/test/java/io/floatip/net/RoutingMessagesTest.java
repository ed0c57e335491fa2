package io.floatip.net;

import static io.floatip.net.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route and rule requests, field by field (linux/rtnetlink.h, linux/fib_rules.h), little-endian host. */
class RoutingMessagesTest {
    private static final int SEQ = 0x01020304;

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(Bytes.hostIsLittleEndian(), "expected bytes are written for a little-endian host");
    }

    @Test
    void newRouteThroughAGatewayInATable() throws Exception {
        RouteRequest r = new RouteRequest(InetAddress.getByName("203.0.113.0"), 24,
                InetAddress.getByName("198.51.100.1"), 3, InetAddress.getByName("198.51.100.50"), 100, 7, 0, 1);
        byte[] expected = new Bytes()
                .u32(76).u16(24).u16(0x605).u32(SEQ).u32(0) // RTM_NEWROUTE, REQUEST|ACK|EXCL|CREATE
                .u8(2, 24, 0, 0)     // rtm_family AF_INET, rtm_dst_len, rtm_src_len, rtm_tos
                .u8(100, 70, 0, 1)   // rtm_table, rtm_protocol floatip's, rtm_scope universe, rtm_type unicast
                .u32(0)              // rtm_flags
                .u16(8).u16(1).u8(203, 0, 113, 0)     // RTA_DST
                .u16(8).u16(15).u32(100)              // RTA_TABLE
                .u16(8).u16(5).u8(198, 51, 100, 1)    // RTA_GATEWAY
                .u16(8).u16(4).u32(3)                 // RTA_OIF
                .u16(8).u16(7).u8(198, 51, 100, 50)   // RTA_PREFSRC
                .u16(8).u16(6).u32(7)                 // RTA_PRIORITY (the metric)
                .array();
        assertEquals(hex(expected), hex(RoutingMessages.newRoute(SEQ, r)));
    }

    @Test
    void deleteLeavesTheScopeOpenAndALargeTableGoesInItsAttribute() throws Exception {
        RouteRequest r = new RouteRequest(InetAddress.getByName("203.0.113.128"), 25, null, 0, null, 70000, 0, 0, 6);
        byte[] expected = new Bytes()
                .u32(44).u16(25).u16(0x5).u32(SEQ).u32(0) // RTM_DELROUTE, REQUEST|ACK
                .u8(2, 25, 0, 0)
                .u8(252, 70, 255, 6) // RT_TABLE_COMPAT, protocol, RT_SCOPE_NOWHERE (match any), blackhole
                .u32(0)
                .u16(8).u16(1).u8(203, 0, 113, 128)
                .u16(8).u16(15).u32(70000)
                .array();
        assertEquals(hex(expected), hex(RoutingMessages.deleteRoute(SEQ, r)));
    }

    @Test
    void newRuleWithEveryMatch() throws Exception {
        RuleRequest r = new RuleRequest(false, InetAddress.getByName("198.51.100.50"), 32, null, 0, 100, 1000,
                "eth0", null, 0x10, 0xf0);
        byte[] expected = new Bytes()
                .u32(88).u16(32).u16(0x605).u32(SEQ).u32(0) // RTM_NEWRULE
                .u8(2, 0, 32, 0)     // family, dst_len, src_len, tos
                .u8(100, 0, 0, 1)    // table, res1, res2, action FR_ACT_TO_TBL
                .u32(0)              // flags
                .u16(8).u16(2).u8(198, 51, 100, 50)   // FRA_SRC
                .u16(8).u16(15).u32(100)              // FRA_TABLE
                .u16(8).u16(6).u32(1000)              // FRA_PRIORITY
                .u16(9).u16(3).u8('e', 't', 'h', '0', 0, 0, 0, 0) // FRA_IIFNAME, NUL, padded
                .u16(8).u16(10).u32(0x10)             // FRA_FWMARK
                .u16(8).u16(16).u32(0xf0)             // FRA_FWMASK
                .u16(5).u16(21).u8(70, 0, 0, 0)       // FRA_PROTOCOL, padded
                .array();
        assertEquals(hex(expected), hex(RoutingMessages.newRule(SEQ, r)));
    }

    @Test
    void ourRoutesAndRulesAreKnownByTheirProtocol() throws Exception {
        RouteRequest route = new RouteRequest(InetAddress.getByName("203.0.113.0"), 24, null, 3, null, 254, 0, 253, 1);
        assertTrue(RoutingMessages.ours(received(RoutingMessages.deleteRoute(SEQ, route))));
        byte[] other = RoutingMessages.deleteRoute(SEQ, route);
        other[16 + 5] = 4; // RTPROT_STATIC: the operator's
        assertFalse(RoutingMessages.ours(received(other)));
        RuleRequest rule = new RuleRequest(true, null, 0, InetAddress.getByName("2001:db8::"), 32, 100, -1, null,
                "eth1", -1, -1);
        assertTrue(RoutingMessages.ours(received(RoutingMessages.deleteRule(SEQ, rule))));
        NetlinkMessage whole = received(RoutingMessages.deleteRule(SEQ, rule));
        NetlinkMessage withoutProtocol = new NetlinkMessage(whole.type(), whole.flags(), whole.seq(), whole.pid(),
                Arrays.copyOf(whole.payload(), whole.payload().length - 8));
        assertFalse(RoutingMessages.ours(withoutProtocol), "no FRA_PROTOCOL: not ours");
    }

    @Test
    void addressesOfAnotherFamilyAreRefused() throws Exception {
        RouteRequest r = new RouteRequest(InetAddress.getByName("203.0.113.0"), 24,
                InetAddress.getByName("2001:db8::1"), 0, null, 254, 0, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> RoutingMessages.newRoute(SEQ, r));
    }

    private static NetlinkMessage received(byte[] request) {
        return NetlinkMessage.split(request, request.length).get(0);
    }
}
