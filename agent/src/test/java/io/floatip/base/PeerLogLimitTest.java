package io.floatip.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The odd-advert line limiter, in virtual time. */
class PeerLogLimitTest {
    private static final long S = 1_000_000_000L;

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** 10.x.y.z for n: a different source each time, as a spoofer sends. */
    private static InetAddress spoofed(int n) {
        return ip("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
    }

    @Test
    void onePeerAndReasonGetsOneLineAMinuteAndTheNextSaysHowManyWereHeldBack() {
        PeerLogLimit l = new PeerLogLimit();
        InetAddress peer = ip("198.51.100.12");
        int lines = 0;
        long now = 0;
        for (int i = 0; i < 6_000; i++) { // one every 10 ms for 60 s
            if (l.allow(peer, 0, now)) {
                lines++;
                l.takeNotLogged();
            }
            now += 10_000_000L;
        }
        assertEquals(1, lines);
        assertTrue(l.allow(peer, 0, now), "a minute later");
        assertEquals(5_999, l.takeNotLogged());
        assertEquals(0, l.takeNotLogged(), "counting starts again");
    }

    @Test
    void reasonsAndPeersAreKeptApart() {
        PeerLogLimit l = new PeerLogLimit();
        assertTrue(l.allow(ip("198.51.100.12"), 0, 0));
        assertTrue(l.allow(ip("198.51.100.12"), 1, 0), "another reason");
        assertTrue(l.allow(ip("198.51.100.13"), 0, 0), "another peer");
        assertFalse(l.allow(ip("198.51.100.12"), 0, S));
        assertFalse(l.allow(ip("198.51.100.12"), 1, S));
    }

    @Test
    void spoofedSourcesGetTheBurstThenOneLineEverySixSeconds() {
        PeerLogLimit l = new PeerLogLimit();
        List<Long> at = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 60_000; i++) { // 60,000 sources, one every ms: a minute
            if (l.allow(spoofed(i), i & 1, now)) {
                at.add(now / S);
            }
            now += 1_000_000L;
        }
        assertEquals(PeerLogLimit.BURST + 60 / 6 - 1, at.size(), at.toString());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), at.subList(0, PeerLogLimit.BURST));
        assertEquals(List.of(6L, 12L, 18L, 24L, 30L, 36L, 42L, 48L, 54L), at.subList(PeerLogLimit.BURST, at.size()));
    }

    @Test
    void theBudgetRefillsWhileQuiet() {
        PeerLogLimit l = new PeerLogLimit();
        for (int i = 0; i < PeerLogLimit.BURST; i++) {
            assertTrue(l.allow(spoofed(i), 0, 0));
        }
        assertFalse(l.allow(spoofed(100), 0, 0));
        long later = PeerLogLimit.BURST * PeerLogLimit.REFILL_NANOS;
        for (int i = 0; i < PeerLogLimit.BURST; i++) {
            assertTrue(l.allow(spoofed(200 + i), 0, later), "full again after a quiet minute: " + i);
        }
    }

    @Test
    void theTableHasAFixedSizeHoweverManyKeysPassThrough() throws Exception {
        PeerLogLimit l = new PeerLogLimit();
        for (int i = 0; i < 100_000; i++) {
            l.allow(spoofed(i), i % 7, i * PeerLogLimit.REFILL_NANOS);
        }
        int arrays = 0;
        for (var f : PeerLogLimit.class.getDeclaredFields()) {
            if (f.getType().isArray()) {
                f.setAccessible(true);
                assertEquals(PeerLogLimit.SLOTS, java.lang.reflect.Array.getLength(f.get(l)), f.getName());
                arrays++;
            }
        }
        assertEquals(3, arrays);
    }

    @Test
    void aLongAddressListIsCutWithACount() {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            many.add(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:" + Integer.toHexString(i)));
        }
        String text = PeerLogLimit.addresses(many);
        assertTrue(text.endsWith(" and 247 more]"), text);
        assertTrue(text.length() < 400, text.length() + ": " + text);
        assertEquals("[198.51.100.1]", PeerLogLimit.addresses(List.of(ip("198.51.100.1"))));
        assertEquals("[]", PeerLogLimit.addresses(List.of()));
    }
}
