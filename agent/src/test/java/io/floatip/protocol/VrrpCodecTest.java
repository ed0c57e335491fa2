package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VrrpCodecTest {
    static final byte[] SENDER_MAC = Hex.bytes("020000000011");
    static final byte[] GROUP_MAC = Hex.bytes("01005e000012");
    static final Inet4Address SENDER = Ip.ipv4(198, 51, 100, 11);
    static final Inet4Address VIP = Ip.ipv4(198, 51, 100, 50);

    /** A VRRPv3 advert spelled out field by field (the keepalived capture vrrpv3-advert.pcap). */
    static final String V3_ADVERT = """
            01005e000012   # destination MAC: 224.0.0.18's group MAC
            020000000011   # source MAC: the sender's own interface
            0800           # ethertype IPv4
            45             # IPv4, header 5 words
            c0             # TOS: DSCP CS6
            0020           # total length 32 = 20 + 12
            0001           # identification
            0000           # flags and fragment offset: none (DF clear)
            ff             # TTL 255
            70             # protocol 112
            b05b           # header checksum
            c633640b       # source 198.51.100.11
            e0000012       # destination 224.0.0.18
            31             # version 3, type 1 (ADVERTISEMENT)
            33             # VRID 51
            96             # priority 150
            01             # count IPv4 addresses: 1
            0064           # reserved 0, Max Adver Int 100 centiseconds
            0333           # checksum over the pseudo-header and the VRRP message
            c6336432       # 198.51.100.50
            """;

    /** A VRRPv2 advert spelled out field by field (the keepalived capture vrrpv2-advert.pcap). */
    static final String V2_ADVERT = """
            01005e000012 020000000011 0800
            45 c0 0028 0001 0000 ff 70 b053 c633640b e0000012   # IPv4: total length 40, TTL 255, proto 112
            21             # version 2, type 1
            33             # VRID 51
            96             # priority 150
            01             # count 1
            00             # auth type 0: none
            01             # Adver Int 1 second
            1e64           # checksum over the VRRP message only (no pseudo-header in v2)
            c6336432       # 198.51.100.50
            0000000000000000   # authentication data: 8 bytes
            """;

    @Test
    void annotatedV3MatchesTheCapture() {
        assertArrayEquals(Hex.pcapFrame("vrrpv3-advert.pcap"), Hex.bytes(V3_ADVERT));
    }

    @Test
    void annotatedV2MatchesTheCapture() {
        assertArrayEquals(Hex.pcapFrame("vrrpv2-advert.pcap"), Hex.bytes(V2_ADVERT));
    }

    @ParameterizedTest
    @CsvSource({
            "vrrpv3-advert.pcap,      3, 150, 100, 1",
            "vrrpv3-prio0.pcap,       3,   0, 100, 4",
            "vrrpv3-10cs-advert.pcap, 3, 150,  10, 1",
            "vrrpv3-10cs-prio0.pcap,  3,   0,  10, 4",
            "vrrpv2-advert.pcap,      2, 150, 100, 1",
            "vrrpv2-prio0.pcap,       2,   0, 100, 4",
    })
    void decodesKeepalivedCapturesAndEncodesThemBackByteForByte(String file, int version, int priority,
                                                                 int intervalCentis, int ipId) {
        byte[] frame = Hex.pcapFrame(file);
        VrrpPacket p = accepted(frame);
        assertEquals(version, p.version());
        assertEquals(51, p.vrid());
        assertEquals(priority, p.priority());
        assertEquals(intervalCentis, p.advertInterval());
        assertEquals(List.of(VIP), p.addresses());
        assertEquals(SENDER, p.source());
        assertEquals(VrrpCodec.MULTICAST_GROUP, p.destination());
        assertEquals(255, p.ttl());
        assertEquals(AuthType.NONE, p.authType());

        VrrpPacket ours = advert(version, priority, intervalCentis, new byte[version == 2 ? 8 : 0]);
        assertArrayEquals(frame, VrrpCodec.encodeFrame(ours, SENDER_MAC, GROUP_MAC, ipId), file);
    }

    @Test
    void encodesAndDecodesSeveralAddressesAndPassAuthentication() {
        byte[] auth = "s3cr3t\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        VrrpPacket p = new VrrpPacket(2, 7, 254, 300,
                List.of(VIP, Ip.ipv4(198, 51, 100, 51), Ip.ipv4(203, 0, 113, 9)), AuthType.PASS, auth,
                SENDER, VrrpCodec.MULTICAST_GROUP, 255);
        assertEquals(p, accepted(VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 9)));
    }

    @Test
    void largestV3IntervalRoundTrips() {
        VrrpPacket p = advert(3, 1, VrrpCodec.MAX_V3_INTERVAL, new byte[0]);
        assertEquals(4095, accepted(VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 1)).advertInterval());
    }

    @Test
    void acceptsEthernetPaddingAfterThePacket() {
        byte[] frame = Hex.pcapFrame("vrrpv3-advert.pcap");
        byte[] padded = java.util.Arrays.copyOf(frame, 60);
        assertEquals(150, accepted(padded).priority());
    }

    @Test
    void dropsA8021qTaggedFrameAnotherVlansAdvert() {
        byte[] frame = Hex.pcapFrame("vrrpv3-advert.pcap");
        byte[] tagged = new byte[frame.length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[14] = 0;
        tagged[15] = 10; // VLAN 10
        System.arraycopy(frame, 12, tagged, 16, frame.length - 12);
        assertDropped(WireDrop.VLAN_TAGGED, tagged);
        tagged[12] = (byte) 0x88;
        tagged[13] = (byte) 0xa8; // 802.1ad
        assertDropped(WireDrop.VLAN_TAGGED, tagged);
    }

    // ---- one test per malformed input ----

    @Test
    void dropsAFrameShorterThanEthernet() {
        assertDropped(WireDrop.TRUNCATED, new byte[13]);
    }

    @Test
    void dropsANonIpEthertype() {
        byte[] f = v3();
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xcc; // LLDP; 0x86dd is IPv6 now (VrrpCodecIpv6Test)
        assertDropped(WireDrop.NOT_IP, f);
    }

    @Test
    void dropsAnIpHeaderCutShort() {
        assertDropped(WireDrop.TRUNCATED, java.util.Arrays.copyOf(v3(), 14 + 19));
    }

    @Test
    void dropsAnIpVersionOtherThan4() {
        byte[] f = v3();
        f[14] = 0x65;
        assertDropped(WireDrop.NOT_IPV4, f);
    }

    @Test
    void dropsAnIpHeaderLengthBelowFiveWords() {
        byte[] f = v3();
        f[14] = 0x44;
        assertDropped(WireDrop.BAD_IP_HEADER, f);
    }

    @Test
    void dropsATotalLengthBeyondTheCapture() {
        byte[] f = v3();
        f[17] = 0x40; // says 64 bytes, 32 present
        fixIpChecksum(f);
        assertDropped(WireDrop.TRUNCATED, f);
    }

    @Test
    void dropsABadIpChecksum() {
        byte[] f = v3();
        f[24] ^= 1;
        assertDropped(WireDrop.BAD_IP_CHECKSUM, f);
    }

    @Test
    void dropsAFragment() {
        byte[] f = v3();
        f[20] = 0x20; // More Fragments
        fixIpChecksum(f);
        assertDropped(WireDrop.FRAGMENT, f);
    }

    @Test
    void dropsAnotherIpProtocol() {
        byte[] f = v3();
        f[23] = 17;
        fixIpChecksum(f);
        assertDropped(WireDrop.NOT_VRRP, f);
    }

    @Test
    void dropsTtl254() {
        byte[] f = v3();
        f[22] = (byte) 254;
        fixIpChecksum(f);
        assertDropped(WireDrop.TTL_NOT_255, f);
    }

    @Test
    void leavesTheTtlToTheCallerWhenAsked() {
        byte[] f = v3();
        f[22] = (byte) 250;
        fixIpChecksum(f);
        Decoded d = VrrpCodec.decodeFrame(f, f.length, false);
        assertEquals(250, assertInstanceOf(Decoded.Accepted.class, d).packet().ttl());
    }

    @Test
    void dropsAVrrpHeaderCutShort() {
        byte[] f = java.util.Arrays.copyOf(v3(), 14 + 20 + 7);
        f[17] = 27;
        fixIpChecksum(f);
        assertDropped(WireDrop.TRUNCATED, f);
    }

    @Test
    void dropsVersion1() {
        byte[] f = v3();
        f[34] = 0x11;
        fixVrrpChecksum(f, 3);
        assertDropped(WireDrop.BAD_VERSION, f);
    }

    @Test
    void dropsTypeOtherThanAdvertisement() {
        byte[] f = v3();
        f[34] = 0x32;
        fixVrrpChecksum(f, 3);
        assertDropped(WireDrop.BAD_TYPE, f);
    }

    @Test
    void acceptsACountOfZero() {
        // An instance with no VIP (keepalived's no_virtual_ipaddress) advertises none; keepalived takes it.
        for (int version : new int[]{2, 3}) {
            VrrpPacket p = new VrrpPacket(version, 51, 100, 100, List.of(), AuthType.NONE, new byte[8], SENDER,
                    VrrpCodec.MULTICAST_GROUP, 255);
            byte[] f = VrrpCodec.encodeFrame(p, SENDER_MAC, GROUP_MAC, 7);
            assertEquals(0, f[37], "count");
            assertEquals(List.of(), accepted(f).addresses());
        }
    }

    @Test
    void dropsACountOfZeroWithAnAddressLeftOver() {
        byte[] f = v3();
        f[37] = 0;
        fixVrrpChecksum(f, 3);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsACountLargerThanTheAddressesPresent() {
        byte[] f = v3();
        f[37] = 2;
        fixVrrpChecksum(f, 3);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsAV2AdvertWithoutItsAuthenticationData() {
        byte[] f = java.util.Arrays.copyOf(Hex.pcapFrame("vrrpv2-advert.pcap"), 14 + 20 + 12);
        f[17] = 32;
        fixIpChecksum(f);
        assertDropped(WireDrop.LENGTH_MISMATCH, f);
    }

    @Test
    void dropsABadVrrpChecksum() {
        byte[] f = v3();
        f[41] ^= 1;
        assertDropped(WireDrop.BAD_CHECKSUM, f);
    }

    @Test
    void dropsAV3ChecksumComputedWithoutThePseudoHeader() {
        byte[] f = v3();
        fixVrrpChecksum(f, 2); // the v2 rule: VRRP message only
        assertDropped(WireDrop.BAD_CHECKSUM, f);
    }

    @Test
    void dropsAZeroInterval() {
        byte[] f = v3();
        f[38] = 0;
        f[39] = 0;
        fixVrrpChecksum(f, 3);
        assertDropped(WireDrop.ZERO_INTERVAL, f);
    }

    @Test
    void dropsAnUnknownV2AuthType() {
        byte[] f = Hex.pcapFrame("vrrpv2-advert.pcap");
        f[38] = 3;
        fixVrrpChecksum(f, 2);
        assertDropped(WireDrop.BAD_AUTH_TYPE, f);
    }

    // ---- helpers ----

    static VrrpPacket advert(int version, int priority, int intervalCentis, byte[] auth) {
        return new VrrpPacket(version, 51, priority, intervalCentis, List.of(VIP), AuthType.NONE, auth, SENDER,
                VrrpCodec.MULTICAST_GROUP, 255);
    }

    static byte[] v3() {
        return Hex.pcapFrame("vrrpv3-advert.pcap");
    }

    static VrrpPacket accepted(byte[] frame) {
        Decoded d = VrrpCodec.decodeFrame(frame, frame.length);
        return assertInstanceOf(Decoded.Accepted.class, d, () -> "dropped: " + d).packet();
    }

    static void assertDropped(WireDrop reason, byte[] frame) {
        assertEquals(new Decoded.Dropped(reason), VrrpCodec.decodeFrame(frame, frame.length));
    }

    static void fixIpChecksum(byte[] f) {
        f[24] = 0;
        f[25] = 0;
        BigEndian.put16(f, 24, InternetChecksum.of(f, 14, 20));
    }

    /** Recomputes the VRRP checksum the way {@code rule} (2 or 3) says, so only the mutated field is wrong. */
    static void fixVrrpChecksum(byte[] f, int rule) {
        int at = 34;
        int length = BigEndian.u16(f, 16) - 20;
        f[at + 6] = 0;
        f[at + 7] = 0;
        long sum = InternetChecksum.add(0, f, at, length);
        if (rule == 3) {
            sum = InternetChecksum.add(sum, f, 26, 8) + 112 + length;
        }
        BigEndian.put16(f, at + 6, InternetChecksum.finish(sum));
    }
}
