package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatDecoderTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    private static byte[] advert(int vrid, int priority, int ipId) {
        VrrpPacket p = new VrrpPacket(3, vrid, priority, 10, List.of(Ip.ipv4(198, 51, 100, 100)),
                AuthType.NONE, new byte[0], Ip.ipv4(198, 51, 100, 11), VrrpCodec.MULTICAST_GROUP,
                VrrpPacket.TTL);
        return VrrpCodec.encodeFrame(p, MAC, Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP), ipId);
    }

    @Test
    void aMastersNextAdvertIsTheSamePacketWithoutADecode() {
        RepeatDecoder d = new RepeatDecoder();
        Decoded first = d.decode(advert(51, 150, 1), advert(51, 150, 1).length, true);
        byte[] next = advert(51, 150, 2);
        assertSame(first, d.decode(next, next.length, true), "identification and checksum differ only");
        assertEquals(1, d.repeats());
    }

    @Test
    void instancesSharingALinkAreRememberedEachByItsVrid() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] a = advert(51, 150, 1);
        byte[] b = advert(52, 150, 1);
        Decoded da = d.decode(a, a.length, true);
        Decoded db = d.decode(b, b.length, true);
        for (int id = 2; id < 6; id++) {
            byte[] a2 = advert(51, 150, id);
            byte[] b2 = advert(52, 150, id);
            assertSame(da, d.decode(a2, a2.length, true));
            assertSame(db, d.decode(b2, b2.length, true));
        }
    }

    @Test
    void anythingElseThatChangesIsDecodedAgain() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] a = advert(51, 150, 1);
        d.decode(a, a.length, true);
        byte[] stopping = advert(51, 0, 2);
        assertEquals(0, ((Decoded.Accepted) d.decode(stopping, stopping.length, true)).packet().priority());
        byte[] corrupt = advert(51, 0, 3);
        corrupt[Ethernet.HEADER_LENGTH + 10] ^= 1; // the header checksum no longer verifies
        assertEquals(Decoded.Dropped.of(WireDrop.BAD_IP_CHECKSUM), d.decode(corrupt, corrupt.length, true));
        byte[] forwarded = advert(51, 0, 4);
        forwarded[Ethernet.HEADER_LENGTH + 8] = 64; // TTL 64, checksum left stale
        DecodeFuzzTest.repairChecksums(forwarded);
        assertEquals(Decoded.Dropped.of(WireDrop.TTL_NOT_255), d.decode(forwarded, forwarded.length, true));
        assertTrue(d.decode(forwarded, forwarded.length, false) instanceof Decoded.Accepted,
                "the same frame where each instance judges TTL itself (unicast)");
        assertEquals(0, d.repeats());
    }

    /** Whatever came before, the answer is the codec's: every mutant of every vector, after its original. */
    @Test
    void itAlwaysAnswersWhatTheCodecAnswers() {
        for (String vector : List.of("vrrpv2-advert.pcap", "vrrpv3-advert.pcap", "vrrpv3-10cs-prio0.pcap",
                "vrrpv3-ipv6-advert.pcap", "vrrpv3-ipv6-2addr-advert.pcap", "garp.pcap")) {
            byte[] original = Hex.pcapFrame(vector);
            Random random = new Random(vector.hashCode());
            RepeatDecoder d = new RepeatDecoder();
            for (int i = 0; i < 5_000; i++) {
                boolean requireTtl = random.nextBoolean();
                byte[] f = random.nextInt(3) == 0 ? original : DecodeFuzzTest.mutate(original, random);
                if (random.nextBoolean()) {
                    DecodeFuzzTest.repairChecksums(f);
                }
                byte[] frame = f;
                assertEquals(VrrpCodec.decodeFrame(f, f.length, requireTtl), d.decode(f, f.length, requireTtl),
                        () -> vector + ": " + Hex.of(frame));
            }
            assertTrue(d.repeats() > 0 || vector.equals("garp.pcap"), vector + ": some answered from memory");
        }
    }

    @Test
    void aRepeatAllocatesNothing() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] a = advert(51, 150, 1);
        byte[] b = advert(51, 150, 2);
        for (int i = 0; i < 10_000; i++) {
            d.decode(i % 2 == 0 ? a : b, a.length, true);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            d.decode(i % 2 == 0 ? a : b, a.length, true);
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 10_000, bytes + " bytes over 10,000 repeats");
    }

    private static byte[] advert6(int vrid, int ipId) {
        VrrpPacket p = new VrrpPacket(3, vrid, 150, 10, List.of(VrrpCodecIpv6Test.VIP), AuthType.NONE, new byte[0],
                VrrpCodecIpv6Test.SENDER, VrrpCodec.MULTICAST_GROUP_V6, VrrpPacket.TTL);
        return VrrpCodec.encodeFrame(p, MAC, Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP_V6), ipId);
    }

    /** VRIDs at the edges of each family's slots, IPv4 and IPv6 alike, taking turns: none pushes another out. */
    @Test
    void everyVridOfEitherFamilyIsRememberedApart() {
        RepeatDecoder d = new RepeatDecoder();
        int[] vrids = {0, 1, 127, 128, 254, 255};
        Decoded[] first = new Decoded[2 * vrids.length];
        for (int i = 0; i < vrids.length; i++) {
            byte[] a = advert(vrids[i], 150, 1);
            byte[] b = advert6(vrids[i], 1);
            first[2 * i] = d.decode(a, a.length, true);
            first[2 * i + 1] = d.decode(b, b.length, true);
        }
        for (int id = 2; id < 4; id++) {
            for (int i = 0; i < vrids.length; i++) {
                byte[] a = advert(vrids[i], 150, id);
                byte[] b = advert6(vrids[i], id);
                assertSame(first[2 * i], d.decode(a, a.length, true), "IPv4 VRID " + vrids[i]);
                assertSame(first[2 * i + 1], d.decode(b, b.length, true), "IPv6 VRID " + vrids[i]);
            }
        }
        assertEquals(2L * 2 * vrids.length, d.repeats());
    }

    /** libpcap reads into a buffer made once: bytes past the frame's length are left from earlier frames. */
    @Test
    void onlyTheCapturedLengthIsCompared() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] a = advert(51, 150, 1);
        byte[] buffer = new byte[1514];
        System.arraycopy(a, 0, buffer, 0, a.length);
        Decoded first = d.decode(buffer, a.length, true);
        byte[] next = advert(51, 150, 2);
        java.util.Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(next, 0, buffer, 0, next.length);
        assertSame(first, d.decode(buffer, next.length, true));
        assertSame(first, d.decode(next, next.length, true), "and from an array of exactly its length");
        assertEquals(2, d.repeats());
    }

    @Test
    void aRepeatIsJudgedWithTheSameTtlRuleOnly() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] a = advert(51, 150, 1);
        Decoded strict = d.decode(a, a.length, true);
        Decoded lenient = d.decode(a, a.length, false);
        assertEquals(strict, lenient);
        assertEquals(0, d.repeats(), "a different rule is a new decode");
    }

    /**
     * An IPv4 header with options (four zero bytes: its checksum verifies over the first 20 bytes as well as
     * over all 24) is not a plain shape either: decoded every time.
     */
    @Test
    void anAdvertWithIpOptionsIsDecodedEveryTime() {
        RepeatDecoder d = new RepeatDecoder();
        byte[] plain = advert(51, 150, 1);
        byte[] options = new byte[plain.length + 4];
        System.arraycopy(plain, 0, options, 0, 34);
        System.arraycopy(plain, 34, options, 38, plain.length - 34);
        options[14] = 0x46; // header of 6 words
        BigEndian.put16(options, 16, BigEndian.u16(plain, 16) + 4);
        BigEndian.put16(options, 24, 0);
        BigEndian.put16(options, 24, InternetChecksum.of(options, 14, 24));
        Decoded first = d.decode(options, options.length, true);
        assertEquals(VrrpCodec.decodeFrame(plain, plain.length), first);
        assertEquals(first, d.decode(options, options.length, true));
        assertEquals(0, d.repeats());
    }
}
