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
        return InstanceConfig.builder("VI_1", "eth0", 51).version(version).virtualIps(VIPS).unicastSource(source)
                .unicastPeers(peers).authPassword(password).build();
    }

    @Test
    void theBuilderDefaultsEveryKeyAsTheConfigFileDoesWhenItIsAbsent() {
        InstanceConfig config = InstanceConfig.builder("VI_1", "eth0", 51).build();
        assertEquals("VI_1", config.name());
        assertEquals("eth0", config.interfaceName());
        assertEquals(51, config.vrid());
        assertEquals(100, config.priority());
        assertEquals(3, config.version());
        assertEquals(100, config.advertIntervalCentis());
        assertTrue(config.preempt());
        assertEquals(0, config.preemptDelayMillis());
        assertEquals(List.of(), config.virtualIps());
        assertEquals(new GarpConfig(5_000, 5, 0, 0), config.garp());
        assertNull(config.unicastSource());
        assertEquals(List.of(), config.unicastPeers());
        assertFalse(config.unicast());
        assertNull(config.authPassword());
        assertEquals(List.of(), config.trackScripts());
        assertEquals(List.of(), config.trackInterfaces());
        assertEquals(List.of(), config.trackFiles());
        assertEquals(new NotifyConfig(null, null, null, null, null), config.notifications());
        assertFalse(config.fastPreempt());
        assertEquals(List.of(), config.trackProcesses());
        assertEquals(List.of(), config.excludedIps());
        assertFalse(config.dontTrackPrimary());
        assertFalse(config.skipCheckAdvAddr());
        assertFalse(config.useVmac());
        assertEquals(new VirtualRouting(List.of(), List.of()), config.routing());
        assertTrue(config.accept());
        assertFalse(config.ipv6());
    }

    @Test
    void theBuilderTakesTheFamilyOfTheVirtualIpsUnlessTold() {
        assertTrue(InstanceConfig.builder("VI_6", "eth0", 51).virtualIps(VIPS_V6).build().ipv6());
        assertFalse(InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(VIPS).build().ipv6());
        assertTrue(InstanceConfig.builder("VI_6", "eth0", 51).ipv6(true).build().ipv6());
        assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(VIPS).ipv6(true).build());
    }

    @Test
    void toBuilderGivesTheSameInstanceBack() throws Exception {
        InstanceConfig config = InstanceConfig.builder("VI_1", "eth1", 7).priority(150).version(2)
                .advertIntervalCentis(300).preempt(false).preemptDelayMillis(1_500).virtualIps(VIPS)
                .garp(new GarpConfig(0, 1)).unicastSource(address("198.51.100.11"))
                .unicastPeers(List.of(UnicastPeer.of(address("198.51.100.12")))).authPassword("k33p-0ut")
                .trackInterfaces(List.of(new TrackedInterface("eth2", -20))).fastPreempt(true)
                .excludedIps(List.of(VirtualIpParser.parse("203.0.113.60/24"))).dontTrackPrimary(true)
                .skipCheckAdvAddr(true).useVmac(true).accept(false).build();
        assertEquals(config, config.toBuilder().build());
        assertEquals(120, config.toBuilder().priority(120).build().priority());
        InstanceConfig v6 = InstanceConfig.builder("VI_6", "eth0", 51).ipv6(true).build();
        assertEquals(v6, v6.toBuilder().build());
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
        assertTrue(InstanceConfig.builder("VI_6", "eth0", 51).virtualIps(VIPS_V6).build().ipv6());
        assertFalse(InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(VIPS).build().ipv6());
    }

    @Test
    void refusesBothFamiliesInOneInstance() {
        List<VirtualIp> both = List.of(VIPS.get(0), VIPS_V6.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(both).build());
    }

    @Test
    void refusesVersion2WithIpv6() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceConfig.builder("VI_6", "eth0", 51).version(2).virtualIps(VIPS_V6).build());
        assertTrue(e.getMessage().startsWith("VRRPv2 is IPv4 only (RFC 3768)"), e.getMessage());
    }

    @Test
    void refusesUnicastPeersWithIpv6() throws Exception {
        List<UnicastPeer> peers = List.of(UnicastPeer.of(address("198.51.100.12")));
        assertThrows(IllegalArgumentException.class, () -> InstanceConfig.builder("VI_6", "eth0", 51)
                .virtualIps(VIPS_V6).unicastPeers(peers).build());
    }
}
