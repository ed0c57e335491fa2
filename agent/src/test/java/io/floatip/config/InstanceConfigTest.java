package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record refuses what the reader would have reported, so code that builds one by hand cannot skip the rules. */
class InstanceConfigTest {

    private static final List<VirtualIp> VIPS = List.of(VirtualIpParser.parse("198.51.100.50/24"));

    private static Inet4Address address(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    private static InstanceConfig with(int version, Inet4Address source, List<UnicastPeer> peers, String password) {
        return new InstanceConfig("VI_1", "eth0", 51, 100, version, 100, true, 0, VIPS, GarpConfig.DEFAULT,
                source, peers, password);
    }

    @Test
    void oldConstructorMeansMulticastWithoutAuthentication() {
        InstanceConfig config = new InstanceConfig("VI_1", "eth0", 51, 100, 3, 100, true, 0, VIPS,
                GarpConfig.DEFAULT);
        assertNull(config.unicastSource());
        assertEquals(List.of(), config.unicastPeers());
        assertNull(config.authPassword());
        assertFalse(config.unicast());
    }

    @Test
    void peersMakeItUnicast() throws Exception {
        InstanceConfig config = with(3, address("198.51.100.11"), List.of(UnicastPeer.of(address("198.51.100.12"))),
                null);
        assertTrue(config.unicast());
    }

    @Test
    void aSourceWithoutPeersIsTheMulticastSource() throws Exception {
        Inet4Address source = address("198.51.100.11");
        InstanceConfig config = with(3, source, List.of(), null);
        assertEquals(source, config.unicastSource());
        assertFalse(config.unicast());
    }

    @Test
    void refusesAPeerTwiceOrEqualToTheSource() throws Exception {
        UnicastPeer peer = UnicastPeer.of(address("198.51.100.12"));
        assertThrows(IllegalArgumentException.class, () -> with(3, null, List.of(peer, peer), null));
        assertThrows(IllegalArgumentException.class, () -> with(3, peer.address(), List.of(peer), null));
    }

    @Test
    void passwordOnlyWithVersion2AndOnlyEightPrintableCharacters() {
        assertEquals("abcdefgh", with(2, null, List.of(), "abcdefgh").authPassword());
        assertThrows(IllegalArgumentException.class, () -> with(3, null, List.of(), "abc"));
        assertThrows(IllegalArgumentException.class, () -> with(2, null, List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> with(2, null, List.of(), "abcdefghi"));
        assertThrows(IllegalArgumentException.class, () -> with(2, null, List.of(), "ab\tc"));
    }

    private static final List<VirtualIp> VIPS_V6 = List.of(VirtualIpParser.parse("2001:db8:1::50/64"));

    @Test
    void ipv6IsTheFamilyOfTheVirtualIps() {
        assertTrue(new InstanceConfig("VI_6", "eth0", 51, 100, 3, 100, true, 0, VIPS_V6, GarpConfig.DEFAULT).ipv6());
        assertFalse(new InstanceConfig("VI_1", "eth0", 51, 100, 3, 100, true, 0, VIPS, GarpConfig.DEFAULT).ipv6());
    }

    @Test
    void refusesBothFamiliesInOneInstance() {
        List<VirtualIp> both = List.of(VIPS.get(0), VIPS_V6.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> new InstanceConfig("VI_1", "eth0", 51, 100, 3, 100, true, 0, both, GarpConfig.DEFAULT));
    }

    @Test
    void refusesVersion2WithIpv6() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InstanceConfig("VI_6", "eth0", 51, 100, 2, 100, true, 0, VIPS_V6, GarpConfig.DEFAULT));
        assertTrue(e.getMessage().startsWith("VRRPv2 is IPv4 only (RFC 3768)"), e.getMessage());
    }

    @Test
    void refusesUnicastPeersWithIpv6() throws Exception {
        List<UnicastPeer> peers = List.of(UnicastPeer.of(address("198.51.100.12")));
        assertThrows(IllegalArgumentException.class, () -> new InstanceConfig("VI_6", "eth0", 51, 100, 3, 100, true,
                0, VIPS_V6, GarpConfig.DEFAULT, null, peers, null));
    }
}
