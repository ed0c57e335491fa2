package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A peer's TTL range: 255 alone by default, as VRRP expects on one link. */
class UnicastPeerTest {

    private static Inet4Address address(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    @Test
    void ofAcceptsOnlyTtl255() throws Exception {
        UnicastPeer peer = UnicastPeer.of(address("198.51.100.12"));
        assertEquals(new UnicastPeer(address("198.51.100.12"), 255, 255), peer);
        assertTrue(peer.acceptsTtl(255));
        assertFalse(peer.acceptsTtl(254));
    }

    @Test
    void rangeIsInclusive() throws Exception {
        UnicastPeer peer = new UnicastPeer(address("198.51.100.13"), 250, 254);
        assertFalse(peer.acceptsTtl(249));
        assertTrue(peer.acceptsTtl(250));
        assertTrue(peer.acceptsTtl(254));
        assertFalse(peer.acceptsTtl(255));
    }

    @ParameterizedTest
    @CsvSource({"-1, 255", "0, 256", "200, 100"})
    void rejectsRangesOutside0To255OrUpsideDown(int min, int max) throws Exception {
        Inet4Address ip = address("198.51.100.12");
        assertThrows(IllegalArgumentException.class, () -> new UnicastPeer(ip, min, max));
    }

    @Test
    void printsTheRangeOnlyWhenItIsNotTheDefault() throws Exception {
        assertEquals("198.51.100.12", UnicastPeer.of(address("198.51.100.12")).toString());
        assertEquals("198.51.100.13 (ttl 0..255)", new UnicastPeer(address("198.51.100.13"), 0, 255).toString());
    }
}
