package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadTimeoutTest {
    @Test
    void aLibraryWhoseBreakloopWakesTheReadBlocksWithoutATimeout() {
        assertEquals(ReadTimeout.NONE, ReadTimeout.millisFor("libpcap version 1.10.3 (with TPACKET_V3)"));
        assertEquals(ReadTimeout.NONE, ReadTimeout.millisFor("libpcap version 1.10.0"));
        assertEquals(ReadTimeout.NONE, ReadTimeout.millisFor("libpcap version 1.11.0-PRE-GIT"));
        assertEquals(ReadTimeout.NONE, ReadTimeout.millisFor("libpcap version 2.0.1"));
    }

    @Test
    void anOlderOrUnknownLibraryKeepsAOneSecondTimeoutSoCloseIsNoticed() {
        assertEquals(1000, ReadTimeout.millisFor("libpcap version 1.9.1 (with TPACKET_V3)"));
        assertEquals(1000, ReadTimeout.millisFor("libpcap version 1.8.1"));
        assertEquals(1000, ReadTimeout.millisFor("libpcap version 0.99"));
        assertEquals(1000, ReadTimeout.millisFor("something else"));
        assertEquals(1000, ReadTimeout.millisFor(null));
    }
}
