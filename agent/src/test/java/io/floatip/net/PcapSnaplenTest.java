package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The capture's snaplen follows the link's MTU, so a ring slot is small and a burst of adverts fits. */
class PcapSnaplenTest {
    @Test
    void aStandardLinkGetsItsLongestFrameWithAVlanTag() {
        assertEquals(1518, CaptureSize.snaplen(1500));
        // The longest advert such a link carries: VRRPv2/v3 over IPv4 with 255 addresses, tagged.
        assertTrue(18 + 20 + 8 + 255 * 4 <= CaptureSize.snaplen(1500));
    }

    @Test
    void aJumboLinkOrAnUnknownMtuGetsTheLargestValidAdvert() {
        // Ethernet with a tag + IPv6 + VRRP + 255 IPv6 addresses = 4146 bytes.
        assertEquals(4200, CaptureSize.snaplen(9000));
        assertEquals(4200, CaptureSize.snaplen(-1));
        assertEquals(4200, CaptureSize.snaplen(0));
        assertTrue(18 + 40 + 8 + 255 * 16 <= CaptureSize.snaplen(9000));
    }

    /** A master's burst is up to 128 adverts (two grids): a jumbo link's 8 KiB slots get a ring four times larger. */
    @Test
    void aJumboLinksRingHoldsTwoBurstsAndAStandardOneStaysSmall() {
        assertEquals(512 * 1024, CaptureSize.bufferBytes(CaptureSize.snaplen(1500)));
        assertTrue(CaptureSize.bufferBytes(CaptureSize.snaplen(9000)) / 8192 >= 2 * 128);
        assertTrue(CaptureSize.bufferBytes(CaptureSize.snaplen(-1)) / 8192 >= 2 * 128);
    }
}
