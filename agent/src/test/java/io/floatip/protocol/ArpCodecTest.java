package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
                ArpCodec.gratuitousRequest(Hex.bytes("020000000011"), VrrpCodec.ipv4(198, 51, 100, 50)));
    }
}
