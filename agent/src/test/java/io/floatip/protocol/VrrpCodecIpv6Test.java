package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** VRRPv3 over IPv6 (RFC 9568), against keepalived 2.2.7's own frames (see vectors/IPV6.txt). */
class VrrpCodecIpv6Test {
    static final byte[] SENDER_MAC = Hex.bytes("020000000011");
    static final byte[] GROUP_MAC = Hex.bytes("333300000012");
    /** n1's EUI-64 link-local address (MAC 02:00:00:00:00:11). */
    static final Inet6Address SENDER = Ip.ipv6(0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 0x11);
    static final Inet6Address VIP = Ip.ipv6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x50);
    static final Inet6Address VIP2 = Ip.ipv6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x51);
    /** The flow label the kernel gave keepalived's socket; floatip itself sends 0. */
    static final int KEEPALIVED_FLOW_LABEL = 0x5db2f;

    /** A VRRPv3 IPv6 advert spelled out field by field (the keepalived capture vrrpv3-ipv6-advert.pcap). */
    static final String V6_ADVERT = """
            333300000012   # destination MAC: ff02::12's group MAC (33:33 + its last four bytes, RFC 2464 7)
            020000000011   # source MAC: the sender's own interface
            86dd           # ethertype IPv6
            6c05db2f       # version 6 | traffic class 0xc0 (DSCP CS6) | flow label 0x5db2f (the kernel's)
            0018           # payload length 24 = 8 + 16
            70             # next header 112: VRRP straight after the fixed header
            ff             # hop limit 255
            fe80 0000 0000 0000 0000 00ff fe00 0011   # source fe80::ff:fe00:11, the interface's link-local address
            ff02 0000 0000 0000 0000 0000 0000 0012   # destination ff02::12
            31             # version 3, type 1 (ADVERTISEMENT)
            33             # VRID 51
            96             # priority 150
            01             # count IPv6 addresses: 1
            0064           # reserved 0, Max Adver Int 100 centiseconds
            0d2e           # checksum over the IPv6 pseudo-header (RFC 8200 8.1) and the VRRP message
            20010db8000100000000000000000050    # 2001:db8:1::50, the VIP (keepalived puts no link-local first)
            """;

    @Test
    void annotatedAdvertMatchesTheCapture() {
        assertArrayEquals(Hex.pcapFrame("vrrpv3-ipv6-advert.pcap"), Hex.bytes(V6_ADVERT));
    }

    @ParameterizedTest
    @CsvSource({
            "vrrpv3-ipv6-advert.pcap,       150, 1",
            "vrrpv3-ipv6-prio0.pcap,          0, 1",
            "vrrpv3-ipv6-2addr-advert.pcap, 150, 2",
    })
    void decodesKeepalivedCapturesAndEncodesThemBackByteForByte(String file, int priority, int count) {
        byte[] frame = Hex.pcapFrame(file);
        VrrpPacket p = accepted(frame);
        assertTrue(p.ipv6());
        assertEquals(3, p.version());
        assertEquals(51, p.vrid());
        assertEquals(priority, p.priority());
        assertEquals(100, p.advertInterval());
        assertEquals(List.<InetAddress>of(VIP, VIP2).subList(0, count), p.addresses());
        assertEquals(SENDER, p.source());
        assertEquals(VrrpCodec.MULTICAST_GROUP_V6, p.destination());
        assertEquals(255, p.ttl());
        assertEquals(AuthType.NONE, p.authType());
        assertEquals(0, p.authData().length);

        VrrpPacket ours = advert(priority, List.<InetAddress>of(VIP, VIP2).subList(0, count));
        assertEquals(ours, p);
        assertArrayEquals(frame, VrrpCodec.encodeIpv6Frame(ours, SENDER_MAC, GROUP_MAC, KEEPALIVED_FLOW_LABEL),
                file);
    }

    @Test
    void encodeFrameSendsFlowLabelZeroAndIgnoresTheIpv4Identification() {
        byte[] keepalived = Hex.pcapFrame("vrrpv3-ipv6-advert.pcap");
        byte[] ours = VrrpCodec.encodeFrame(advert(150, List.of(VIP)), SENDER_MAC, GROUP_MAC, 4242);
        byte[] expected = keepalived.clone();
        expected[15] = 0x00; // traffic class low nibble 0, flow label bits 19..16 zero
        expected[16] = 0x00;
        expected[17] = 0x00;
        assertArrayEquals(expected, ours); // the VRRP checksum does not cover the flow label
        assertEquals(advert(150, List.of(VIP)), accepted(ours));
    }

    @Test
    void groupMacsFollowRfc2464AndRfc1112() {
        assertArrayEquals(GROUP_MAC, Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP_V6));
        assertArrayEquals(Hex.bytes("333300000001"), Ethernet.multicastMac(Ip.ipv6(0xff02, 0, 0, 0, 0, 0, 0, 1)));
        assertArrayEquals(Hex.bytes("01005e000012"), Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP));
    }

    @Test
    void oneCaptureHoldsBothFamilies() {
        byte[] v4 = Hex.pcapFrame("vrrpv3-advert.pcap");
        byte[] v6 = Hex.pcapFrame("vrrpv3-ipv6-advert.pcap");
        assertEquals(Ip.ipv4(198, 51, 100, 11), accepted(v4).source());
        assertEquals(SENDER, accepted(v6).source());
    }

    @Test
    void manyAddressesRoundTrip() {
        List<InetAddress> many = new java.util.ArrayList<>();
        for (int i = 0; i < 255; i++) {
            many.add(Ip.ipv6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x100 + i));
        }
        VrrpPacket p = advert(254, many);
        byte[] frame = VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 0);
        assertEquals(14 + 40 + 8 + 16 * 255, frame.length);
        assertEquals(p, accepted(frame));
    }

    @Test
    void aLinkLocalVipAndTheLargestIntervalRoundTrip() {
        Inet6Address linkLocalVip = Ip.ipv6(0xfe80, 0, 0, 0, 0, 0, 0, 0x50);
        VrrpPacket p = new VrrpPacket(3, 7, 1, VrrpCodec.MAX_V3_INTERVAL, List.of(linkLocalVip, VIP), AuthType.NONE,
                new byte[0], SENDER, VrrpCodec.MULTICAST_GROUP_V6, 255);
        assertEquals(p, accepted(VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 0)));
    }

    @Test
    void anIpv4MappedAddressStaysIpv6() {
        Inet6Address mapped = Ip.ipv6(0, 0, 0, 0, 0, 0xffff, 0xc633, 0x6432); // ::ffff:198.51.100.50
        VrrpPacket p = advert(100, List.of(mapped));
        VrrpPacket back = accepted(VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 0));
        assertInstanceOf(Inet6Address.class, back.addresses().get(0));
        assertEquals(p, back);
    }

    @Test
    void acceptsTrailingBytesAfterThePayload() {
        byte[] frame = Arrays.copyOf(v6(), 100);
        assertEquals(150, accepted(frame).priority());
    }

    @Test
    void dropsA8021qTaggedFrameAnotherVlansAdvert() {
        byte[] frame = v6();
        byte[] tagged = new byte[frame.length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[15] = 10; // VLAN 10
        System.arraycopy(frame, 12, tagged, 16, frame.length - 12);
        assertEquals(new Decoded.Dropped(WireDrop.VLAN_TAGGED), VrrpCodec.decodeFrame(tagged, tagged.length, true));
    }

    @Test
    void leavesTheHopLimitToTheCallerWhenAsked() {
        byte[] f = v6();
        f[21] = (byte) 250;
        Decoded d = VrrpCodec.decodeFrame(f, f.length, false);
        assertEquals(250, assertInstanceOf(Decoded.Accepted.class, d).packet().ttl());
    }

    // ---- the value ----

    @Test
    void aPacketIsOneFamily() {
        InetAddress v4 = Ip.ipv4(198, 51, 100, 50);
        assertThrows(IllegalArgumentException.class, () -> advert(150, List.of(VIP, v4)));
        assertThrows(IllegalArgumentException.class, () -> new VrrpPacket(3, 51, 150, 100, List.of(VIP),
                AuthType.NONE, new byte[0], SENDER, VrrpCodec.MULTICAST_GROUP, 255));
        assertThrows(IllegalArgumentException.class, () -> new VrrpPacket(3, 51, 150, 100, List.of(v4),
                AuthType.NONE, new byte[0], Ip.ipv4(198, 51, 100, 11), VrrpCodec.MULTICAST_GROUP_V6, 255));
    }

    @Test
    void vrrpV2OverIpv6CannotBeBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VrrpPacket(2, 51, 150,
                100, List.of(VIP), AuthType.NONE, new byte[8], SENDER, VrrpCodec.MULTICAST_GROUP_V6, 255));
        assertTrue(e.getMessage().contains("RFC 3768"), e.getMessage());
    }

    @Test
    void encodeIpv6FrameRefusesIpv4AndFlowLabelsBeyond20Bits() {
        VrrpPacket v4 = VrrpCodecTest.advert(3, 150, 100, new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> VrrpCodec.encodeIpv6Frame(v4, SENDER_MAC, GROUP_MAC, 0));
        VrrpPacket p = advert(150, List.of(VIP));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpCodec.encodeIpv6Frame(p, SENDER_MAC, GROUP_MAC, 0x100000));
        assertThrows(IllegalArgumentException.class, () -> VrrpCodec.encodeIpv6Frame(p, SENDER_MAC, GROUP_MAC, -1));
    }

    // ---- one test per malformed input ----

    @Test
    void dropsAnEthertypeThatIsNeitherIpv4NorIpv6() {
        byte[] f = v6();
        f[12] = 0x08;
        f[13] = 0x06; // ARP
        assertDropped(WireDrop.NOT_IP, f);
    }

    @Test
    void dropsAnIpv6HeaderCutShort() {
        assertDropped(WireDrop.TRUNCATED, Arrays.copyOf(v6(), 14 + 39));
    }

    @Test
    void dropsAnIpVersionOtherThan6UnderTheIpv6Ethertype() {
        byte[] f = v6();
        f[14] = 0x4c;
        assertDropped(WireDrop.NOT_IPV6, f);
    }

    @Test
    void dropsAnIpv4PacketUnderTheIpv6Ethertype() {
        byte[] f = Arrays.copyOf(Hex.pcapFrame("vrrpv3-advert.pcap"), 60); // padded, so 40 bytes follow
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        assertDropped(WireDrop.NOT_IPV6, f);
    }

    @Test
    void dropsAPayloadLengthBeyondTheCapture() {
        byte[] f = v6();
        f[19] = 25; // says 25 bytes, 24 present
        assertDropped(WireDrop.TRUNCATED, f);
    }

    @Test
    void dropsAFragmentHeader() {
        byte[] f = v6();
        f[20] = 44;
        assertDropped(WireDrop.FRAGMENT, f);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 43, 50, 51, 60, 135, 139, 140, 253, 254})
    void dropsEveryOtherExtensionHeader(int nextHeader) {
        byte[] f = v6();
        f[20] = (byte) nextHeader;
        assertDropped(WireDrop.IPV6_EXTENSION_HEADER, f);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 58, 59, 111, 113})
    void dropsAnotherUpperLayer(int nextHeader) {
        byte[] f = v6();
        f[20] = (byte) nextHeader;
        assertDropped(WireDrop.NOT_VRRP, f);
    }

    @Test
    void dropsHopLimit254() {
        byte[] f = v6();
        f[21] = (byte) 254;
        assertDropped(WireDrop.TTL_NOT_255, f);
    }

    @Test
    void dropsAVrrpHeaderCutShort() {
        byte[] f = Arrays.copyOf(v6(), 14 + 40 + 7);
        f[19] = 7;
        assertDropped(WireDrop.TRUNCATED, f);
    }

    @Test
    void dropsVersion2OverIpv6() {
        byte[] f = v6();
        f[54] = 0x21;
        fixChecksum(f);
        assertDropped(WireDrop.BAD_VERSION, f);
    }

    @Test
    void dropsVersion4() {
        byte[] f = v6();
        f[54] = 0x41;
        fixChecksum(f);
        assertDropped(WireDrop.BAD_VERSION, f);
    }

    @Test
    void dropsTypeOtherThanAdvertisement() {
        byte[] f = v6();
        f[54] = 0x32;
        fixChecksum(f);
        assertDropped(WireDrop.BAD_TYPE, f);
    }

    @Test
    void acceptsACountOfZero() {
        VrrpPacket p = advert(100, List.of());
        byte[] f = VrrpCodec.encodeIpv6Frame(p, SENDER_MAC, GROUP_MAC, 0);
        assertEquals(0, f[57], "count");
        assertEquals(List.of(), accepted(f).addresses());
    }

    @Test
    void dropsACountOfZeroWithAnAddressLeftOver() {
        byte[] f = v6();
        f[57] = 0;
        fixChecksum(f);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsACountLargerThanTheAddressesPresent() {
        byte[] f = v6();
        f[57] = 2;
        fixChecksum(f);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsIpv4SizedAddressesInAnIpv6Advert() {
        byte[] f = Arrays.copyOf(v6(), 14 + 40 + 8 + 4); // one 4-byte address where 16 are due
        f[19] = 12;
        fixChecksum(f);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsABadChecksum() {
        byte[] f = v6();
        f[61] ^= 1;
        assertDropped(WireDrop.BAD_CHECKSUM, f);
    }

    @Test
    void dropsAChecksumWithoutThePseudoHeader() {
        byte[] f = v6();
        f[60] = 0;
        f[61] = 0;
        BigEndian.put16(f, 60, InternetChecksum.of(f, 54, 24));
        assertDropped(WireDrop.BAD_CHECKSUM, f);
    }

    @Test
    void dropsAChecksumOverAnotherDestination() {
        byte[] f = v6();
        f[53] = 0x01; // ff02::1: the checksum was made for ff02::12
        assertDropped(WireDrop.BAD_CHECKSUM, f);
    }

    @Test
    void dropsAZeroInterval() {
        byte[] f = v6();
        f[58] = (byte) 0xf0; // the 4 reserved bits set, interval 0
        f[59] = 0;
        fixChecksum(f);
        assertDropped(WireDrop.ZERO_INTERVAL, f);
    }

    // ---- helpers ----

    static VrrpPacket advert(int priority, List<InetAddress> addresses) {
        return new VrrpPacket(3, 51, priority, 100, addresses, AuthType.NONE, new byte[0], SENDER,
                VrrpCodec.MULTICAST_GROUP_V6, 255);
    }

    static byte[] v6() {
        return Hex.pcapFrame("vrrpv3-ipv6-advert.pcap");
    }

    static VrrpPacket accepted(byte[] frame) {
        return VrrpCodecTest.accepted(frame);
    }

    static void assertDropped(WireDrop reason, byte[] frame) {
        VrrpCodecTest.assertDropped(reason, frame);
    }

    /**
     * Recomputes the VRRP checksum of an untagged IPv6 frame from the RFC 8200 8.1 pseudo-header written out
     * byte by byte (not through the codec's own helper), so only the mutated field is wrong.
     */
    static void fixChecksum(byte[] f) {
        int at = 54;
        int length = BigEndian.u16(f, 18);
        f[at + 6] = 0;
        f[at + 7] = 0;
        byte[] pseudo = new byte[40 + length];
        System.arraycopy(f, 22, pseudo, 0, 32);     // source, destination
        BigEndian.put32(pseudo, 32, length);        // upper-layer packet length, 32 bits
        pseudo[39] = 112;                           // three zero bytes, next header
        System.arraycopy(f, at, pseudo, 40, length);
        BigEndian.put16(f, at + 6, InternetChecksum.of(pseudo, 0, pseudo.length));
    }
}
