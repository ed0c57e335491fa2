package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The unsolicited Neighbor Advertisement, byte for byte against keepalived 2.2.7's (see vectors/IPV6.txt). */
class NdpCodecTest {
    static final byte[] MAC = Hex.bytes("020000000011");
    static final Inet6Address VIP = Ip.ipv6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x50);

    /** keepalived's NA on an interface that does not forward (the capture unsolicited-na.pcap). */
    static final String NA = """
            333300000001   # destination MAC: ff02::1's group MAC
            020000000011   # source MAC: the interface's own (no virtual MAC)
            86dd           # ethertype IPv6
            60000000       # version 6, traffic class 0, flow label 0
            0020           # payload length 32
            3a             # next header 58: ICMPv6
            ff             # hop limit 255 (RFC 4861 7.1.2: anything less is dropped)
            2001 0db8 0001 0000 0000 0000 0000 0050   # source: the VIP itself, not the link-local address
            ff02 0000 0000 0000 0000 0000 0000 0001   # destination: all-nodes ff02::1
            88             # ICMPv6 type 136: Neighbor Advertisement
            00             # code 0
            f87a           # checksum over the IPv6 pseudo-header (next header 58, length 32) and the message
            20000000       # flags: Override; Router and Solicited clear; 29 reserved bits
            2001 0db8 0001 0000 0000 0000 0000 0050   # target: the VIP
            02             # option type 2: Target Link-Layer Address
            01             # option length 1 (units of 8 bytes)
            020000000011   # our MAC
            """;

    @Test
    void annotatedAdvertMatchesTheCapture() {
        assertArrayEquals(Hex.pcapFrame("unsolicited-na.pcap"), Hex.bytes(NA));
    }

    @Test
    void matchesKeepalivedsByteForByte() {
        byte[] ours = NdpCodec.unsolicitedAdvert(MAC, VIP, false);
        assertEquals(NdpCodec.FRAME_LENGTH, ours.length);
        assertArrayEquals(Hex.pcapFrame("unsolicited-na.pcap"), ours);
    }

    @Test
    void setsTheRouterFlagAsKeepalivedDoesOnAForwardingInterface() {
        byte[] ours = NdpCodec.unsolicitedAdvert(MAC, VIP, true);
        assertEquals((byte) 0xa0, ours[58]); // Router | Override
        assertArrayEquals(Hex.pcapFrame("unsolicited-na-router.pcap"), ours);
    }

    @Test
    void theChecksumOfBothCapturesVerifies() {
        for (String file : new String[]{"unsolicited-na.pcap", "unsolicited-na-router.pcap"}) {
            assertEquals(0, InternetChecksumTest.ipv6UpperLayerChecksum(Hex.pcapFrame(file), 58), file);
        }
    }

    @Test
    void aLinkLocalVipIsItsOwnSourceToo() {
        Inet6Address linkLocal = Ip.ipv6(0xfe80, 0, 0, 0, 0, 0, 0, 0x50);
        byte[] f = NdpCodec.unsolicitedAdvert(Hex.bytes("0200000000aa"), linkLocal, false);
        assertArrayEquals(linkLocal.getAddress(), Arrays.copyOfRange(f, 22, 38));
        assertArrayEquals(linkLocal.getAddress(), Arrays.copyOfRange(f, 62, 78));
        assertArrayEquals(Hex.bytes("0200000000aa"), Arrays.copyOfRange(f, 6, 12));
        assertArrayEquals(Hex.bytes("0200000000aa"), Arrays.copyOfRange(f, 80, 86));
        assertEquals(0, InternetChecksumTest.ipv6UpperLayerChecksum(f, 58));
    }

    /** The split-brain probe asks as the kernel does: byte for byte its solicitation (linux-ns.pcap). */
    @Test
    void theSolicitationIsTheKernels() {
        byte[] ours = NdpCodec.solicitation(MAC, Ip.ipv6(0x2001, 0xdb8, 5, 0, 0, 0, 0, 0x11),
                Ip.ipv6(0x2001, 0xdb8, 5, 0, 0, 0, 0, 0x50));
        assertArrayEquals(Hex.pcapFrame("linux-ns.pcap"), ours);
        // The solicited-node group takes the target's low 24 bits, the MAC its low 32.
        byte[] far = NdpCodec.solicitation(MAC, Ip.ipv6(0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 0x11),
                Ip.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0xabcd, 0xef12));
        assertArrayEquals(Hex.bytes("3333ffcdef12"), Arrays.copyOf(far, 6));
        assertArrayEquals(Hex.bytes("ff020000000000000000 0001ffcdef12"), Arrays.copyOfRange(far, 38, 54));
        assertEquals(0, InternetChecksumTest.ipv6UpperLayerChecksum(far, 58));
    }
}
