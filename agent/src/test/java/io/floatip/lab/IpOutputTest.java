package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of iproute2 6.1 output, on samples copied from a lab namespace. */
class IpOutputTest {

    @Test
    void addressesFromOneLineAddrShow() {
        String out = """
                2: eth0    inet 198.51.100.11/24 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 198.51.100.50/32 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet6 2001:db8::11/64 scope global \\       valid_lft forever preferred_lft forever
                2: eth0    inet6 fe80::ff:fe00:11/64 scope link \\       valid_lft forever preferred_lft forever
                """;
        assertEquals(List.of("198.51.100.11", "198.51.100.50", "2001:db8::11", "fe80::ff:fe00:11"),
                IpOutput.addresses(out));
        assertEquals(List.of(), IpOutput.addresses(""));
    }

    @Test
    void lladdrFromNeighShow() {
        assertEquals("02:00:00:00:00:11",
                IpOutput.wordAfter("198.51.100.11 lladdr 02:00:00:00:00:11 REACHABLE\n", "lladdr"));
        // An unanswered ARP leaves an entry without a MAC.
        assertNull(IpOutput.wordAfter("198.51.100.77  FAILED\n", "lladdr"));
        assertNull(IpOutput.wordAfter("", "lladdr"));
    }

    @Test
    void macAndFlagsFromOneLineLinkShow() {
        String out = "2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT"
                + " group default qlen 1000\\    link/ether 02:00:00:00:00:11 brd ff:ff:ff:ff:ff:ff link-netns fip1a-sw\n";
        assertEquals("02:00:00:00:00:11", IpOutput.wordAfter(out, "link/ether"));
        assertEquals(List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), IpOutput.linkFlags(out));
        String cut = "2: eth0@if3: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 state LOWERLAYERDOWN\n";
        assertFalse(IpOutput.linkFlags(cut).contains("LOWER_UP"));
        assertEquals(List.of(), IpOutput.linkFlags("garbage"));
    }

    @Test
    void addressesCompareExactlyAndIpv6BySpelling() {
        assertTrue(IpOutput.sameAddress("198.51.100.11", "198.51.100.11"));
        assertFalse(IpOutput.sameAddress("198.51.100.1", "198.51.100.11"));
        assertTrue(IpOutput.sameAddress("2001:db8::1", "2001:0db8:0:0::1"));
        assertFalse(IpOutput.sameAddress("2001:db8::1", "2001:db8::11"));
        assertFalse(IpOutput.sameAddress("2001:db8::1", "not:an:address:zz"));
    }
}
