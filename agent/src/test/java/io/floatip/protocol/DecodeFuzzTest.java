package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Decoding never throws: 10,000 seeded mutations of every vector, each decoded with and without the TTL
 * check. Every frame is either accepted or dropped with a reason, and an accepted one encodes back to a frame
 * that decodes to the same packet. Half the mutants get their checksums repaired, so the checks behind the
 * checksums are reached too.
 */
class DecodeFuzzTest {
    private static final int MUTANTS = 10_000;
    private static final List<String> VECTORS = List.of("vrrpv2-advert.pcap", "vrrpv2-prio0.pcap",
            "vrrpv3-advert.pcap", "vrrpv3-prio0.pcap", "vrrpv3-10cs-advert.pcap", "vrrpv3-10cs-prio0.pcap",
            "garp.pcap", "vrrpv3-ipv6-advert.pcap", "vrrpv3-ipv6-prio0.pcap", "vrrpv3-ipv6-2addr-advert.pcap",
            "unsolicited-na.pcap", "unsolicited-na-router.pcap");
    /** Values that steer a decoder into its branches: versions, ethertypes, next headers, counts. */
    private static final int[] INTERESTING = {0x00, 0xff, 0x01, 0x02, 0x21, 0x31, 0x41, 0x45, 0x46, 0x4f, 0x60,
            0x6c, 0x08, 0x06, 0x81, 0x86, 0xdd, 112, 44, 43, 58, 17, 0x20, 0x40, 0x80, 0xfe, 0x7f};
    /** What the codec itself may answer; the rest (OWN_ADVERT, UNKNOWN_VRID, ...) belong to the agent. */
    private static final Set<WireDrop> CODEC_REASONS = EnumSet.range(WireDrop.TRUNCATED,
            WireDrop.BAD_AUTH_TYPE);

    @Test
    void tenThousandMutantsOfEachVectorNeverThrow() {
        Set<WireDrop> seen = EnumSet.noneOf(WireDrop.class);
        int accepted = 0;
        for (String vector : VECTORS) {
            byte[] original = Hex.pcapFrame(vector);
            Random random = new Random(vector.hashCode()); // seeded per vector: a failure names a reproducible case
            for (int i = 0; i < MUTANTS; i++) {
                byte[] f = mutate(original, random);
                if (random.nextBoolean()) {
                    repairChecksums(f);
                }
                for (boolean requireTtl : new boolean[]{true, false}) {
                    Decoded d;
                    try {
                        d = VrrpCodec.decodeFrame(f, f.length, requireTtl);
                    } catch (RuntimeException e) {
                        throw new AssertionError(vector + " mutant " + i + " threw: " + Hex.of(f), e);
                    }
                    assertNotNull(d, () -> Hex.of(f));
                    if (d instanceof Decoded.Dropped dropped) {
                        assertNotNull(dropped.reason(), () -> Hex.of(f));
                        seen.add(dropped.reason());
                    } else {
                        accepted++;
                        roundTrips(((Decoded.Accepted) d).packet(), f);
                    }
                }
            }
        }
        assertTrue(accepted > 0, "some mutants are still adverts");
        if (!seen.equals(CODEC_REASONS)) {
            Set<WireDrop> missing = EnumSet.copyOf(CODEC_REASONS);
            missing.removeAll(seen);
            fail("mutants never reached " + missing);
        }
    }

    private static void roundTrips(VrrpPacket p, byte[] frame) {
        byte[] again = VrrpCodec.encodeFrame(p, Arrays.copyOfRange(frame, 6, 12), Arrays.copyOfRange(frame, 0, 6), 1);
        Decoded d = VrrpCodec.decodeFrame(again, again.length, false);
        assertEquals(new Decoded.Accepted(p), d, () -> "re-encoding " + Hex.of(frame));
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] f = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(8)) {
                case 0 -> f[random.nextInt(f.length)] = (byte) random.nextInt(256);
                case 1 -> f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> f[random.nextInt(f.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                case 3 -> f = Arrays.copyOf(f, random.nextInt(f.length + 1));
                case 4 -> {
                    int extra = 1 + random.nextInt(40);
                    int from = f.length;
                    f = Arrays.copyOf(f, from + extra);
                    for (int i = from; i < f.length; i++) {
                        f[i] = (byte) random.nextInt(256);
                    }
                }
                case 5 -> { // swap the family the ethertype announces
                    if (f.length >= 14) {
                        boolean v6 = f[12] == (byte) 0x86;
                        BigEndian.put16(f, 12, v6 ? Ethernet.ETHERTYPE_IPV4 : Ethernet.ETHERTYPE_IPV6);
                    }
                }
                case 6 -> { // insert an 802.1Q tag
                    if (f.length >= 14) {
                        byte[] tagged = new byte[f.length + 4];
                        System.arraycopy(f, 0, tagged, 0, 12);
                        BigEndian.put16(tagged, 12, Ethernet.ETHERTYPE_VLAN);
                        BigEndian.put16(tagged, 14, random.nextInt(4096));
                        System.arraycopy(f, 12, tagged, 16, f.length - 12);
                        f = tagged;
                    }
                }
                default -> { // a length field: IPv4 total length or IPv6 payload length
                    if (f.length >= 20) {
                        int at = f[12] == (byte) 0x86 ? 18 : 16;
                        BigEndian.put16(f, at, random.nextInt(128));
                    }
                }
            }
            if (f.length == 0) {
                break;
            }
        }
        return f;
    }

    /**
     * Best effort, on untagged frames: rewrites the IPv4 header checksum and the VRRP checksum (v2 or v3 rule, by
     * the version nibble) wherever the headers say the bytes are there.
     */
    static void repairChecksums(byte[] f) {
        if (f.length < 14) {
            return;
        }
        int etherType = BigEndian.u16(f, 12);
        int vrrp;
        int length;
        int addressesAt;
        int addressLength;
        if (etherType == Ethernet.ETHERTYPE_IPV4 && f.length >= 34) {
            int headerLength = (f[14] & 0x0f) * 4;
            if (headerLength < 20 || 14 + headerLength > f.length) {
                return;
            }
            f[24] = 0;
            f[25] = 0;
            BigEndian.put16(f, 24, InternetChecksum.of(f, 14, headerLength));
            vrrp = 14 + headerLength;
            length = BigEndian.u16(f, 16) - headerLength;
            addressesAt = 26;
            addressLength = 4;
        } else if (etherType == Ethernet.ETHERTYPE_IPV6 && f.length >= 54) {
            vrrp = 54;
            length = BigEndian.u16(f, 18);
            addressesAt = 22;
            addressLength = 16;
        } else {
            return;
        }
        if (length < 8 || vrrp + length > f.length) {
            return;
        }
        f[vrrp + 6] = 0;
        f[vrrp + 7] = 0;
        long sum = InternetChecksum.add(0, f, vrrp, length);
        if ((f[vrrp] & 0xf0) != 0x20) {
            sum = InternetChecksum.addPseudoHeader(sum, f, addressesAt, addressLength, 112, length);
        }
        BigEndian.put16(f, vrrp + 6, InternetChecksum.finish(sum));
    }
}
