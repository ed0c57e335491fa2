package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 1071 sums and the pseudo-headers of RFC 9568 5.2.8 (IPv4) and RFC 8200 8.1 (IPv6). */
class InternetChecksumTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 1.3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, so the checksum is 220d.
        assertEquals(0x220d, InternetChecksum.of(Hex.bytes("0001f203f4f5f6f7"), 0, 8));
    }

    @Test
    void anOddByteIsPaddedWithZero() {
        assertEquals(InternetChecksum.of(Hex.bytes("ab00"), 0, 2), InternetChecksum.of(Hex.bytes("ab"), 0, 1));
        assertEquals(InternetChecksum.of(Hex.bytes("01020304"), 0, 4), InternetChecksum.of(Hex.bytes("0102030400"),
                0, 5));
    }

    @Test
    void carriesFoldBackIn() {
        assertEquals(0xfffe, InternetChecksum.of(Hex.bytes("ffff0001"), 0, 4)); // 0x10000 folds to 0x0001
        assertEquals(0x0000, InternetChecksum.finish(0x1fffe));                // 0xfffe + 1 = 0xffff
    }

    @Test
    void ipv6PseudoHeaderMatchesTheRfc8200Layout() {
        for (String file : new String[]{"vrrpv3-ipv6-advert.pcap", "vrrpv3-ipv6-prio0.pcap",
                "vrrpv3-ipv6-2addr-advert.pcap"}) {
            byte[] f = Hex.pcapFrame(file);
            assertEquals(0, ipv6UpperLayerChecksum(f, 112), file);
            int length = BigEndian.u16(f, 18);
            long viaHelper = InternetChecksum.addPseudoHeader(InternetChecksum.add(0, f, 54, length), f, 22, 16, 112,
                    length);
            assertEquals(0, InternetChecksum.finish(viaHelper), file);
        }
    }

    @Test
    void ipv4PseudoHeaderMatchesTheRfc9568Layout() {
        byte[] f = Hex.pcapFrame("vrrpv3-advert.pcap");
        byte[] pseudo = new byte[12 + 12];
        System.arraycopy(f, 26, pseudo, 0, 8);  // source, destination
        pseudo[9] = 112;                        // zero, protocol
        pseudo[11] = 12;                        // VRRP length, 16 bits
        System.arraycopy(f, 34, pseudo, 12, 12);
        assertEquals(0, InternetChecksum.of(pseudo, 0, pseudo.length));
        assertEquals(0, InternetChecksum.finish(InternetChecksum.addPseudoHeader(InternetChecksum.add(0, f, 34, 12),
                f, 26, 4, 112, 12)));
    }

    @Test
    void aLengthOf64kOrMoreCountsBothHalves() {
        // RFC 8200's length is 32 bits: 0x10004 must add 1 + 4, not 0x10004 unfolded and not 4 alone.
        byte[] zeros = new byte[32];
        assertEquals(InternetChecksum.finish(1 + 4 + 58), InternetChecksum.finish(InternetChecksum.addPseudoHeader(0,
                zeros, 0, 16, 58, 0x10004)));
    }

    /**
     * The checksum of the upper-layer message of an untagged Ethernet/IPv6 frame, computed over the RFC 8200
     * 8.1 pseudo-header written out byte by byte: 0 when the message's own checksum field is right.
     */
    static int ipv6UpperLayerChecksum(byte[] f, int nextHeader) {
        int length = BigEndian.u16(f, 18);
        byte[] pseudo = new byte[40 + length];
        System.arraycopy(f, 22, pseudo, 0, 32);
        BigEndian.put32(pseudo, 32, length);
        pseudo[39] = (byte) nextHeader;
        System.arraycopy(f, 54, pseudo, 40, length);
        return InternetChecksum.of(pseudo, 0, pseudo.length);
    }
}
