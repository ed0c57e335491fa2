package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** struct pollfd's two shorts (events, revents) as the int that overlays them, in either byte order. */
class FrameWaitTest {
    @Test
    void eventsAreTheFirstShortAndReventsTheSecond() {
        // On a little-endian machine the first short is the int's low half.
        assertEquals(0x0001, FrameWait.eventsWord(FrameWait.POLLIN, true));
        assertEquals(0x0019, FrameWait.revents(0x0019_0001, true), "POLLIN|POLLERR|POLLHUP back");
        assertEquals(0, FrameWait.revents(FrameWait.eventsWord(FrameWait.POLLIN, true), true), "none yet");
        // On a big-endian one it is the high half.
        assertEquals(0x0001_0000, FrameWait.eventsWord(FrameWait.POLLIN, false));
        assertEquals(0x0019, FrameWait.revents(0x0001_0019, false));
        assertEquals(0, FrameWait.revents(FrameWait.eventsWord(FrameWait.POLLIN, false), false));
    }
}
