package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The split-brain watch's frames: who claims an address, read without allocating. */
class ClaimFrameTest {
    static final byte[] MAC = {2, 0, 0, 0, 0, 0x12};

    @Test
    void aGratuitousArpAndAnAnswerClaimTheSenderAddressOnly() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName("198.51.100.50");
        Inet4Address node = (Inet4Address) InetAddress.getByName("198.51.100.12");
        byte[] garp = ArpCodec.gratuitousRequest(MAC, vip);
        assertTrue(ClaimFrame.isArp(garp, garp.length));
        assertTrue(ClaimFrame.arpFrom(garp, garp.length, vip.getAddress()));
        assertTrue(ClaimFrame.macIs(garp, ClaimFrame.ARP_SENDER_MAC, MAC));
        // Someone asking who has the VIP does not claim it: the sender is the asker.
        byte[] ask = ArpCodec.request(MAC, node, vip);
        assertFalse(ClaimFrame.arpFrom(ask, ask.length, vip.getAddress()));
        assertTrue(ClaimFrame.arpFrom(ask, ask.length, node.getAddress()));
        byte[] reply = ArpCodec.gratuitousRequest(MAC, vip);
        reply[21] = 2; // operation: reply
        assertTrue(ClaimFrame.arpFrom(reply, reply.length, vip.getAddress()));
        reply[21] = 3;
        assertFalse(ClaimFrame.arpFrom(reply, reply.length, vip.getAddress()), "RARP is no claim");
        assertFalse(ClaimFrame.arpFrom(garp, 41, vip.getAddress()), "truncated");
    }

    @Test
    void aNeighbourAdvertClaimsItsTarget() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8::50");
        byte[] na = NdpCodec.unsolicitedAdvert(MAC, vip, false);
        assertTrue(ClaimFrame.isIcmp6(na, na.length));
        assertTrue(ClaimFrame.advertFor(na, na.length, vip.getAddress()));
        assertFalse(ClaimFrame.advertFor(na, na.length, InetAddress.getByName("2001:db8::51").getAddress()));
        na[Ethernet.HEADER_LENGTH + Ip.IPV6_HEADER] = (byte) 135; // a solicitation asks, it does not claim
        assertFalse(ClaimFrame.advertFor(na, na.length, vip.getAddress()));
        assertFalse(ClaimFrame.isArp(na, na.length));
    }

    @Test
    void theFiltersMatchTheBytesInTheKernel() throws Exception {
        assertEquals("(arp and arp[14:4] = 0xc6336432)",
                ClaimFrame.arpFilter(InetAddress.getByName("198.51.100.50").getAddress()));
        assertEquals("(icmp6 and ip6[40] = 136 and ip6[48:4] = 0x20010db8 and ip6[52:4] = 0x00000000"
                        + " and ip6[56:4] = 0x00000000 and ip6[60:4] = 0x00000050)",
                ClaimFrame.advertFilter(InetAddress.getByName("2001:db8::50").getAddress()));
    }

    @Test
    void anAdvertWithoutItsLinkLayerOptionStillClaimsItsTarget() throws Exception {
        // RFC 4861 4.4: the target link-layer address option may be left out (a solicited NA on a link without
        // it): the frame ends at the target, 78 bytes.
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8::50");
        byte[] na = NdpCodec.unsolicitedAdvert(MAC, vip, false);
        byte[] bare = java.util.Arrays.copyOf(na, ClaimFrame.NA_TARGET + 16);
        assertTrue(ClaimFrame.advertFor(bare, bare.length, vip.getAddress()));
        assertFalse(ClaimFrame.advertFor(bare, bare.length - 1, vip.getAddress()), "cut inside the target");
    }

    @Test
    void whatIsNotAClaimIsToldApart() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.getByName("198.51.100.50");
        byte[] garp = ArpCodec.gratuitousRequest(MAC, vip);
        assertFalse(ClaimFrame.isIcmp6(garp, garp.length), "ARP is not ICMPv6");
        assertFalse(ClaimFrame.macIs(garp, ClaimFrame.ARP_SENDER_MAC, new byte[]{2, 0, 0, 0, 0, 0x11}),
                "the other node's ARP is not ours (the watch skips only ours)");
        byte[] v6advert = VrrpCodec.encodeIpv6Frame(VrrpCodecIpv6Test.advert(150, java.util.List.of(VrrpCodecIpv6Test.VIP)),
                VrrpCodecIpv6Test.SENDER_MAC, VrrpCodecIpv6Test.GROUP_MAC, 0);
        assertFalse(ClaimFrame.isIcmp6(v6advert, v6advert.length), "a VRRP advert over IPv6 is not ICMPv6");
    }

    @Test
    void runtFramesAreReadOnlyAsFarAsTheyGo() {
        // A frame cut short (a runt, or a short capture) must not be read past its end on the capture thread.
        byte[] header = new byte[Ethernet.HEADER_LENGTH];
        header[12] = 0x08;
        header[13] = 0x06; // ARP
        assertTrue(ClaimFrame.isArp(header, header.length), "ARP by its EtherType, however short");
        assertFalse(ClaimFrame.arpFrom(header, header.length, new byte[]{(byte) 198, 51, 100, 50}));
        assertFalse(ClaimFrame.isArp(java.util.Arrays.copyOf(header, 13), 13));
        byte[] ipv6 = new byte[Ethernet.HEADER_LENGTH + 6];
        ipv6[12] = (byte) 0x86;
        ipv6[13] = (byte) 0xdd;
        assertFalse(ClaimFrame.isIcmp6(ipv6, ipv6.length), "the next-header byte is not in the frame");
    }

    @Test
    void theClaimingMacOfAnAdvertIsItsOptionsThenItsEthernetSources() throws Exception {
        byte[] ours = {2, 0, 0, 0, 0, 0x11};
        byte[] vmac = ClaimFrame.virtualMac(51, true);
        byte[] answer = Hex.pcapFrame("linux-solicited-na.pcap"); // from ...:12, option ...:12
        assertTrue(ClaimFrame.advertFor(answer, answer.length, InetAddress.getByName("2001:db8:5::50").getAddress()));
        assertEquals(80, ClaimFrame.advertClaimant(answer, answer.length, ours, vmac), "the option's MAC");
        assertEquals(-1, ClaimFrame.advertClaimant(answer, answer.length, MAC, vmac), "our own answer");
        byte[] relayed = answer.clone();
        System.arraycopy(ours, 0, relayed, 80, 6); // the option says us, the frame came from ...:12
        assertEquals(ClaimFrame.ETHERNET_SOURCE, ClaimFrame.advertClaimant(relayed, relayed.length, ours, vmac));
        byte[] viaVmac = answer.clone();
        System.arraycopy(vmac, 0, viaVmac, 80, 6);
        System.arraycopy(vmac, 0, viaVmac, 6, 6);
        assertEquals(-1, ClaimFrame.advertClaimant(viaVmac, viaVmac.length, ours, vmac), "our VRID's VMAC");
        System.arraycopy(ClaimFrame.virtualMac(52, true), 0, viaVmac, 80, 6);
        assertEquals(80, ClaimFrame.advertClaimant(viaVmac, viaVmac.length, ours, vmac), "another VRID's VMAC");
        // No option (RFC 4861 7.2.4): the Ethernet source.
        byte[] bare = java.util.Arrays.copyOf(answer, 78);
        bare[19] = 24;
        assertEquals(ClaimFrame.ETHERNET_SOURCE, ClaimFrame.advertClaimant(bare, bare.length, ours, vmac));
        assertEquals(-1, ClaimFrame.advertClaimant(bare, bare.length, MAC, vmac));
    }

    @Test
    void theClaimingMacOfAnArpFrameIsItsSenders() throws Exception {
        byte[] vmac = ClaimFrame.virtualMac(51, false);
        assertArrayEquals(new byte[]{0, 0, 0x5e, 0, 1, 51}, vmac);
        assertArrayEquals(new byte[]{0, 0, 0x5e, 0, 2, (byte) 255}, ClaimFrame.virtualMac(255, true));
        byte[] garp = ArpCodec.gratuitousRequest(MAC, (Inet4Address) InetAddress.getByName("198.51.100.50"));
        assertEquals(ClaimFrame.ARP_SENDER_MAC, ClaimFrame.arpClaimant(garp, new byte[]{2, 0, 0, 0, 0, 1}, vmac));
        assertEquals(-1, ClaimFrame.arpClaimant(garp, MAC, vmac));
        assertEquals(-1, ClaimFrame.arpClaimant(ArpCodec.gratuitousRequest(vmac,
                (Inet4Address) InetAddress.getByName("198.51.100.50")), MAC, vmac));
    }
}
