package io.floatip.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimersTest {
    @Test
    void skewTimeAndMasterDownIntervalFollowRfc9568() {
        // priority 150, 1 s: Skew_Time = 106 * 1 s / 256 = 414.0625 ms; Master_Down_Interval = 3 s + that
        assertEquals(414_062_500L, Timers.skewTime(150, 100));
        assertEquals(3_414_062_500L, Timers.masterDownInterval(150, 100));
        // priority 100, 100 ms: 156 * 100 ms / 256 = 60.9375 ms
        assertEquals(60_937_500L, Timers.skewTime(100, 10));
        assertEquals(360_937_500L, Timers.masterDownInterval(100, 10));
    }

    @Test
    void theOwnerHasTheShortestSkew() {
        assertEquals(3_906_250L, Timers.skewTime(255, 100)); // 1/256 s
        assertEquals(Timers.skewTime(1, 100), 255 * Timers.skewTime(255, 100));
    }
}
