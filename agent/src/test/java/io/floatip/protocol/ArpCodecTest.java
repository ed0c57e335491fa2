package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ArpCodecTest {
    @Test
    void gratuitousArpMatchesKeepalivedsByteForByte() {
        byte[] expected = Hex.bytes("""
                ffffffffffff   # to broadcast
                020000000011   # from the interface's own MAC
                0806           # ARP
                0001 0800 06 04 # Ethernet / IPv4, lengths 6 and 4
                0001           # request
                020000000011 c6336432   # sender: our MAC, the VIP
                ffffffffffff c6336432   # target: broadcast MAC, the VIP again
                """);
        assertArrayEquals(Hex.pcapFrame("garp.pcap"), expected);
        assertArrayEquals(expected,
                ArpCodec.gratuitousRequest(Hex.bytes("020000000011"), Ip.ipv4(198, 51, 100, 50)));
    }

    @Test
    void requestAsksForThePeerFromOurAddress() {
        byte[] expected = Hex.bytes("""
                ffffffffffff 020000000011 0806
                0001 0800 06 04 0001            # Ethernet/IPv4 request
                020000000011 c633640b           # sender: our MAC, 198.51.100.11
                000000000000 c633640c           # target: unknown MAC, 198.51.100.12
                """);
        assertArrayEquals(expected, ArpCodec.request(Hex.bytes("020000000011"), Ip.ipv4(198, 51, 100, 11),
                Ip.ipv4(198, 51, 100, 12)));
    }

    @Test
    void senderOfAnArpFrameAndNothingForOtherFrames() {
        byte[] garp = Hex.pcapFrame("garp.pcap");
        assertEquals(Ip.ipv4(198, 51, 100, 50), ArpCodec.senderIp(garp, garp.length));
        assertArrayEquals(Hex.bytes("020000000011"), java.util.Arrays.copyOfRange(garp,
                ArpCodec.SENDER_MAC_OFFSET, ArpCodec.SENDER_MAC_OFFSET + 6));
        byte[] advert = Hex.pcapFrame("vrrpv3-advert.pcap");
        assertNull(ArpCodec.senderIp(advert, advert.length));
        assertNull(ArpCodec.senderIp(garp, 41), "truncated");
    }
}
