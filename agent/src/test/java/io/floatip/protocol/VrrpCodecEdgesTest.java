package io.floatip.protocol;

import static io.floatip.protocol.VrrpCodecTest.accepted;
import static io.floatip.protocol.VrrpCodecTest.assertDropped;
import static io.floatip.protocol.VrrpCodecTest.fixIpChecksum;
import static io.floatip.protocol.VrrpCodecTest.fixVrrpChecksum;
import static io.floatip.protocol.VrrpCodecTest.v3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec at the edges of each check: every fragment (not only the first), a VRRP message longer than its
 * addresses, lengths exactly at a header's size (the reason must name the check that failed), v2 intervals
 * past 127 s, and Ethernet padding.
 */
class VrrpCodecEdgesTest {

    @Test
    void everyFragmentIsDroppedNotOnlyTheFirst() {
        // flags and fragment offset: MF; a later fragment (offset 8 bytes, MF clear); the last possible offset
        for (int field : new int[]{0x2000, 0x0001, 0x1fff, 0x3fff}) {
            byte[] f = v3();
            BigEndian.put16(f, 20, field);
            fixIpChecksum(f);
            assertDropped(WireDrop.FRAGMENT, f);
        }
        byte[] dontFragment = v3();
        BigEndian.put16(dontFragment, 20, 0x4000); // DF alone is a whole packet
        fixIpChecksum(dontFragment);
        assertEquals(accepted(v3()), accepted(dontFragment));
    }

    @Test
    void aVrrpMessageLongerThanItsAddressesIsDropped() {
        for (String vector : List.of("vrrpv3-advert.pcap", "vrrpv2-advert.pcap")) {
            byte[] original = Hex.pcapFrame(vector);
            byte[] f = Arrays.copyOf(original, original.length + 4); // four more bytes inside the IP packet
            BigEndian.put16(f, 16, BigEndian.u16(f, 16) + 4);
            fixIpChecksum(f);
            fixVrrpChecksum(f, (f[34] & 0xf0) >>> 4);
            assertDropped(WireDrop.LENGTH_MISMATCH, f);
        }
    }

    @Test
    void ethernetPaddingPastTheIpPacketIsAccepted() {
        byte[] f = Arrays.copyOf(v3(), 60); // the minimum Ethernet frame: 14 bytes of zeros after the packet
        assertEquals(accepted(v3()), accepted(f));
    }

    @Test
    void v2IntervalsPast127SecondsAreReadAsTheyAre() {
        for (int seconds : new int[]{1, 127, 128, 200, 255}) {
            VrrpPacket p = new VrrpPacket(2, 51, 150, seconds * 100, List.of(VrrpCodecTest.VIP), AuthType.NONE,
                    new byte[8], VrrpCodecTest.SENDER, VrrpCodec.MULTICAST_GROUP, 255);
            byte[] f = VrrpCodec.encodeFrame(p, VrrpCodecTest.SENDER_MAC, VrrpCodecTest.GROUP_MAC, 1);
            assertEquals(seconds, f[34 + 5] & 0xff, "on the wire: whole seconds in one byte");
            assertEquals(seconds * 100, accepted(f).advertInterval(), seconds + " s");
        }
    }

    @Test
    void aFrameOfOnlyAnEthernetHeaderIsJudgedByItsEthertype() {
        byte[] arp = Arrays.copyOf(v3(), 14);
        BigEndian.put16(arp, 12, 0x0806);
        assertDropped(WireDrop.NOT_IP, arp);
        assertDropped(WireDrop.TRUNCATED, Arrays.copyOf(arp, 13));
    }

    @Test
    void headersOfExactlyTheirMinimumSizeAreReadBeforeAnythingIsCalledTruncated() {
        byte[] notV4 = Arrays.copyOf(v3(), 14 + 20);
        notV4[14] = 0x65;
        assertDropped(WireDrop.NOT_IPV4, notV4);

        byte[] onlyIpHeader = Arrays.copyOf(v3(), 14 + 20);
        BigEndian.put16(onlyIpHeader, 16, 20); // a valid IPv4 packet with nothing in it
        fixIpChecksum(onlyIpHeader);
        assertDropped(WireDrop.TRUNCATED, onlyIpHeader);

        byte[] notV6 = Arrays.copyOf(Hex.pcapFrame("vrrpv3-ipv6-advert.pcap"), 14 + 40);
        notV6[14] = 0x4c;
        assertDropped(WireDrop.NOT_IPV6, notV6);

        byte[] vrrpHeaderOnly = Arrays.copyOf(v3(), 14 + 20 + 8); // count 1, but no address follows
        BigEndian.put16(vrrpHeaderOnly, 16, 28);
        fixIpChecksum(vrrpHeaderOnly);
        fixVrrpChecksum(vrrpHeaderOnly, 3);
        assertDropped(WireDrop.LENGTH_MISMATCH, vrrpHeaderOnly);
    }

    @Test
    void theFlowLabelTakesAll20Bits() {
        VrrpPacket p = VrrpCodecIpv6Test.advert(150, List.of(VrrpCodecIpv6Test.VIP));
        byte[] f = VrrpCodec.encodeIpv6Frame(p, VrrpCodecIpv6Test.SENDER_MAC, VrrpCodecIpv6Test.GROUP_MAC, 0xfffff);
        assertEquals(0x6c0fffff, (BigEndian.u16(f, 14) << 16) | BigEndian.u16(f, 16));
        assertEquals(p, accepted(f));
        assertThrows(IllegalArgumentException.class, () -> VrrpCodec.encodeIpv6Frame(p,
                VrrpCodecIpv6Test.SENDER_MAC, VrrpCodecIpv6Test.GROUP_MAC, 0x100000));
        assertThrows(IllegalArgumentException.class, () -> VrrpCodec.encodeIpv6Frame(p,
                VrrpCodecIpv6Test.SENDER_MAC, VrrpCodecIpv6Test.GROUP_MAC, -1));
    }

    @Test
    void aResentIpv4AdvertGetsANewIdentificationAndAChecksumThatVerifies() {
        VrrpPacket p = VrrpCodecTest.advert(3, 150, 100, new byte[0]);
        byte[] f = VrrpCodec.encodeFrame(p, VrrpCodecTest.SENDER_MAC, VrrpCodecTest.GROUP_MAC, 1);
        VrrpCodec.setIdentification(f, 0xbeef);
        assertArrayEquals(VrrpCodec.encodeFrame(p, VrrpCodecTest.SENDER_MAC, VrrpCodecTest.GROUP_MAC, 0xbeef), f);
        assertEquals(p, accepted(f));

        VrrpPacket p6 = VrrpCodecIpv6Test.advert(150, List.of(VrrpCodecIpv6Test.VIP));
        byte[] f6 = VrrpCodec.encodeFrame(p6, VrrpCodecIpv6Test.SENDER_MAC, VrrpCodecIpv6Test.GROUP_MAC, 1);
        byte[] before = f6.clone();
        VrrpCodec.setIdentification(f6, 0xbeef);
        assertArrayEquals(before, f6, "IPv6 has no identification: left as it is");
    }
}
