package io.floatip.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 5798 7.3's virtual router MAC, and the macvlan names. */
class VirtualMacTest {
    @Test
    void ipv4AndIpv6HaveTheirOwnMac() {
        assertArrayEquals(new byte[]{0x00, 0x00, 0x5e, 0x00, 0x01, 0x33}, VirtualMac.of(51, false));
        assertArrayEquals(new byte[]{0x00, 0x00, 0x5e, 0x00, 0x02, (byte) 0xff}, VirtualMac.of(255, true));
    }

    @Test
    void namesFollowKeepalivedForIpv4AndDifferForIpv6() {
        assertEquals("vrrp.51", VirtualMac.interfaceName(51, false));
        assertEquals("vrrp6.51", VirtualMac.interfaceName(51, true));
        assertEquals("vrrp6.255", VirtualMac.interfaceName(255, true)); // 9 bytes: within IFNAMSIZ
    }

    @Test
    void aVridOutOfRangeHasNoMac() {
        assertThrows(IllegalArgumentException.class, () -> VirtualMac.of(0, false));
        assertThrows(IllegalArgumentException.class, () -> VirtualMac.of(256, false));
    }
}
