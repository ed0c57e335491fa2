package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * RFC 4861 7.1.2's checks on the NAs the split-brain watch reads, on real frames: the Linux kernel's answer
 * to a solicitation (linux-solicited-na.pcap) and keepalived's unsolicited NA (unsolicited-na.pcap); see
 * vectors/IPV6.txt. Each change below makes one check fail, with the checksum made right again where the
 * change is not about it, so that only that check can say no.
 */
class NeighborAdvertTest {
    static final byte[] SOLICITED = Hex.pcapFrame("linux-solicited-na.pcap");
    static final byte[] UNSOLICITED = Hex.pcapFrame("unsolicited-na.pcap");
    static final int IP = 14;
    static final int ICMP = 54;

    @Test
    void theKernelsAnswerAndKeepalivedsAdvertAreValidAndNameTheirMac() {
        assertNull(NeighborAdvert.check(SOLICITED, SOLICITED.length));
        assertNull(NeighborAdvert.check(UNSOLICITED, UNSOLICITED.length));
        assertEquals(80, NeighborAdvert.targetLinkLayer(SOLICITED, SOLICITED.length));
        assertArrayEquals(Hex.bytes("020000000012"), Arrays.copyOfRange(SOLICITED, 80, 86));
        assertArrayEquals(Hex.bytes("020000000011"), Arrays.copyOfRange(UNSOLICITED, 80, 86));
        // A capture buffer longer than the frame (Ethernet padding, a reused buffer): read to the payload's end.
        byte[] padded = Arrays.copyOf(SOLICITED, 128);
        assertNull(NeighborAdvert.check(padded, padded.length));
        assertEquals(80, NeighborAdvert.targetLinkLayer(padded, padded.length));
    }

    @Test
    void eachInvalidAdvertHasItsReason() {
        assertEquals(NaDrop.NA_TRUNCATED, NeighborAdvert.check(SOLICITED, 77), "shorter than an NA");
        assertEquals(NaDrop.NA_TRUNCATED, NeighborAdvert.check(SOLICITED, 85), "shorter than its payload");
        assertEquals(NaDrop.NA_TRUNCATED, NeighborAdvert.check(Arrays.copyOf(SOLICITED, 60), 86), "a short buffer");
        assertEquals(NaDrop.NA_TRUNCATED, changed(f -> f[IP + 5] = 23), "a payload shorter than an NA");
        assertEquals(NaDrop.NA_NOT_IPV6, changed(f -> f[12] = 8), "ethertype IPv4");
        assertEquals(NaDrop.NA_NOT_IPV6, changed(f -> f[IP] = 0x40), "IP version 4");
        assertEquals(NaDrop.NA_EXTENSION_HEADER, changed(f -> f[IP + 6] = 0), "a Hop-by-Hop header");
        assertEquals(NaDrop.NA_NOT_ADVERT, changed(f -> f[ICMP] = (byte) 135), "a solicitation");
        assertEquals(NaDrop.NA_HOP_LIMIT_NOT_255, changed(f -> f[IP + 7] = (byte) 254), "forwarded once");
        assertEquals(NaDrop.NA_BAD_CODE, changed(f -> f[ICMP + 1] = 1), "code 1");
        byte[] corrupt = SOLICITED.clone();
        corrupt[ICMP + 3] ^= 1;
        assertEquals(NaDrop.NA_BAD_CHECKSUM, NeighborAdvert.check(corrupt, corrupt.length));
        corrupt = SOLICITED.clone();
        corrupt[IP + 8 + 15] ^= 1; // the source address: the pseudo-header counts
        assertEquals(NaDrop.NA_BAD_CHECKSUM, NeighborAdvert.check(corrupt, corrupt.length));
        assertEquals(NaDrop.NA_MULTICAST_TARGET, changed(f -> f[ICMP + 8] = (byte) 0xff), "target ff..");
        assertEquals(NaDrop.NA_SOLICITED_TO_MULTICAST,
                check(fixed(UNSOLICITED, f -> f[ICMP + 4] |= NdpCodec.FLAG_SOLICITED)), "solicited, to ff02::1");
        assertNull(check(fixed(UNSOLICITED, f -> f[ICMP + 4] |= NdpCodec.FLAG_ROUTER)), "the Router flag is fine");
        assertEquals(NaDrop.NA_BAD_OPTION, changed(f -> f[ICMP + 25] = 0), "an option of length 0");
        assertEquals(NaDrop.NA_BAD_OPTION, changed(f -> f[ICMP + 25] = 2), "an option past the payload");
    }

    @Test
    void anAnswerWithoutTheOptionHasNoTargetLinkLayerAddress() {
        // RFC 4861 7.2.4: an answer to a unicast solicitation may leave the option out.
        byte[] bare = fixed(Arrays.copyOf(SOLICITED, 78), f -> f[IP + 5] = 24);
        assertNull(check(bare));
        assertEquals(-1, NeighborAdvert.targetLinkLayer(bare, bare.length));
        // A payload with 2 bytes of an option: not a whole option.
        byte[] stub = fixed(Arrays.copyOf(SOLICITED, 80), f -> f[IP + 5] = 26);
        assertEquals(NaDrop.NA_BAD_OPTION, check(stub));
    }

    @Test
    void theTargetLinkLayerAddressIsFoundBehindOtherOptions() {
        // A nonce-like option (type 14, 8 bytes) first, then a Source Link-Layer Address, then the target's.
        byte[] f = new byte[ICMP + 24 + 24];
        System.arraycopy(SOLICITED, 0, f, 0, ICMP + 24);
        f[IP + 5] = 48;
        int o = ICMP + 24;
        f[o] = 14;
        f[o + 1] = 1;
        f[o + 8] = (byte) NdpCodec.OPTION_SOURCE_LINK_LAYER_ADDRESS;
        f[o + 9] = 1;
        f[o + 10] = 9;
        f[o + 16] = (byte) NdpCodec.OPTION_TARGET_LINK_LAYER_ADDRESS;
        f[o + 17] = 1;
        f[o + 18] = 7;
        fix(f);
        assertNull(check(f));
        assertEquals(o + 18, NeighborAdvert.targetLinkLayer(f, f.length));
        // Two of them: the first counts.
        f[o + 8] = (byte) NdpCodec.OPTION_TARGET_LINK_LAYER_ADDRESS;
        fix(f);
        assertEquals(o + 10, NeighborAdvert.targetLinkLayer(f, f.length));
        // A length that says more than the frame holds finds nothing rather than reading past it.
        assertEquals(-1, NeighborAdvert.targetLinkLayer(f, f.length - 1));
    }

    /** Every truncation and every single-byte change of both frames: a reason or a match, never a throw. */
    @Test
    void noFrameMakesItThrow() {
        for (byte[] frame : new byte[][]{SOLICITED, UNSOLICITED}) {
            for (int length = 0; length <= frame.length; length++) {
                NeighborAdvert.check(frame, length);
                ClaimFrame.advertFor(frame, length, new byte[16]);
            }
            for (int at = 0; at < frame.length; at++) {
                for (int value = 0; value < 256; value++) {
                    byte[] f = frame.clone();
                    f[at] = (byte) value;
                    if (NeighborAdvert.check(f, f.length) == null) {
                        int mac = NeighborAdvert.targetLinkLayer(f, f.length);
                        assertEquals(80, mac, "only one option fits: " + at + "=" + value);
                        ClaimFrame.advertClaimant(f, f.length, new byte[6], new byte[6]);
                    }
                }
            }
        }
    }

    static NaDrop check(byte[] f) {
        return NeighborAdvert.check(f, f.length);
    }

    /** The kernel's NA with one change and the checksum made right. */
    static NaDrop changed(Consumer<byte[]> change) {
        return check(fixed(SOLICITED, change));
    }

    static byte[] fixed(byte[] frame, Consumer<byte[]> change) {
        byte[] f = frame.clone();
        change.accept(f);
        fix(f);
        return f;
    }

    /** Writes the ICMPv6 checksum over the payload length the frame says (bounded by the frame). */
    static void fix(byte[] f) {
        int payload = Math.min(BigEndian.u16(f, IP + 4), f.length - ICMP);
        if (payload < 4) {
            return;
        }
        f[ICMP + 2] = 0;
        f[ICMP + 3] = 0;
        long sum = InternetChecksum.add(0, f, ICMP, payload);
        sum = InternetChecksum.addPseudoHeader(sum, f, IP + 8, 16, NdpCodec.ICMPV6, payload);
        BigEndian.put16(f, ICMP + 2, InternetChecksum.finish(sum));
    }
}
