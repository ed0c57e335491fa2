package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.base.LogLimit;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.PolicyDrop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceTest {
    @Test
    void theTakeoverLineSaysWhichAdvertsWereDroppedSinceTheLastChange() {
        Map<DropReason, Long> before = Map.of(PolicyDrop.AUTH_MISMATCH, 2L, PolicyDrop.UNKNOWN_PEER, 5L);
        Map<DropReason, Long> now = new java.util.LinkedHashMap<>(new java.util.EnumMap<>(Map.of(PolicyDrop.AUTH_MISMATCH,
                6L, PolicyDrop.UNKNOWN_PEER, 5L, PolicyDrop.INTERVAL_MISMATCH, 1L)));
        assertEquals("; adverts dropped meanwhile: 4 auth_mismatch, 1 interval_mismatch",
                DroppedSince.describe(before, now));
        assertEquals("", DroppedSince.describe(now, now));
    }

    @Test
    void passwordsArePaddedWithZerosToEightBytesAsKeepalivedSendsThem() {
        assertArrayEquals(new byte[]{'r', 'i', 'g', 'h', 't', 0, 0, 0}, io.floatip.policy.AdvertCheck.passwordBytes("right"));
        assertArrayEquals(new byte[8], io.floatip.policy.AdvertCheck.passwordBytes(null));
    }

    @Test
    void dropsAreLoggedAtTheFirstAndEveryPowerOfTen() {
        assertEquals(java.util.List.of(1L, 10L, 100L, 1000L), java.util.stream.LongStream.rangeClosed(1, 5000)
                .filter(LogLimit::shouldLog).boxed().toList());
    }
}
