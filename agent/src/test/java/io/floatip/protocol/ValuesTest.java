package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small values around the codec: drop counters and reasons as status and metrics show them, packets. */
class ValuesTest {

    @Test
    void dropCountersCountEachReasonApartAndShowOnlyWhatHappened() {
        DropCounters c = new DropCounters();
        assertEquals(Map.of(), c.snapshot());
        assertEquals(1, c.count(WireDrop.TTL_NOT_255));
        assertEquals(2, c.count(WireDrop.TTL_NOT_255));
        assertEquals(1, c.count(WireDrop.BAD_CHECKSUM));
        assertEquals(2, c.get(WireDrop.TTL_NOT_255));
        assertEquals(0, c.get(WireDrop.FRAGMENT));
        assertEquals(3, c.total());
        c.count(NaDrop.NA_BAD_CHECKSUM);
        c.count(PolicyDrop.UNKNOWN_PEER);
        c.count(NaDrop.NA_TRUNCATED);
        assertEquals(List.of(WireDrop.TTL_NOT_255, WireDrop.BAD_CHECKSUM, PolicyDrop.UNKNOWN_PEER,
                        NaDrop.NA_TRUNCATED, NaDrop.NA_BAD_CHECKSUM), List.copyOf(c.snapshot().keySet()),
                "the codec's reasons in its order of checks, then the policy's, then the NDP checks'");
        assertEquals(2L, c.snapshot().get(WireDrop.TTL_NOT_255));
        assertEquals(1, c.get(NaDrop.NA_BAD_CHECKSUM));
        assertEquals(0, c.get(NaDrop.NA_BAD_OPTION));
        assertEquals(0, c.get(PolicyDrop.OWN_ADVERT), "the families do not share counters");
        assertEquals(6, c.total());
    }

    @Test
    void everyReasonHasAMetricKeyAndADescription() {
        assertEquals("ttl_not_255", WireDrop.TTL_NOT_255.key());
        assertEquals("length_mismatch", WireDrop.LENGTH_MISMATCH.key());
        List<DropReason> all = new java.util.ArrayList<>(List.of(WireDrop.values()));
        all.addAll(List.of(PolicyDrop.values()));
        all.addAll(List.of(NaDrop.values()));
        assertEquals(all.size(), all.stream().map(DropReason::key).distinct().count(),
                "one key for one reason: the interface's counters share a metric label");
        for (DropReason r : all) {
            assertTrue(r.key().matches("[a-z0-9_]+"), r.key());
            assertFalse(r.description().isBlank(), r.name());
        }
        assertTrue(WireDrop.FRAGMENT.description().contains("fragment"));
    }

    @Test
    void aPacketComparesAuthDataWithoutCopyingAndPrintsItsFields() {
        VrrpPacket p = VrrpCodecTest.advert(2, 150, 100, "secret12".getBytes());
        assertTrue(p.authDataEquals("secret12".getBytes()));
        assertFalse(p.authDataEquals("secret13".getBytes()));
        assertEquals("VRRPv2 vrid 51 prio 150 intvl 100cs from 198.51.100.11 addrs [198.51.100.50]", p.toString());
        VrrpPacket same = VrrpCodecTest.advert(2, 150, 100, "secret12".getBytes());
        assertEquals(p, same);
        assertEquals(p.hashCode(), same.hashCode());
        assertNotEquals(p, VrrpCodecTest.advert(2, 150, 100, "secret13".getBytes()));
        assertNotEquals(p, VrrpCodecTest.advert(2, 151, 100, "secret12".getBytes()));
    }
}
