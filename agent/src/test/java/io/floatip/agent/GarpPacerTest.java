package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** garp.interval in virtual time: when each frame of a burst goes out. */
class GarpPacerTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<Integer> sent = new ArrayList<>();
    private final GarpPacer pacer = new GarpPacer(clock, f -> {
        sentAt.add(clock.now());
        sent.add((int) f[0]);
    });

    private static byte[] frame(int n) {
        return new byte[] {(byte) n};
    }

    @Test
    void withoutAnIntervalABurstGoesBackToBack() {
        for (int n = 0; n < 5; n++) {
            pacer.send(frame(n));
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), sentAt);
    }

    @Test
    void anIntervalSpacesEveryFrameInOrder() {
        clock.advanceTo(1_000);
        pacer.interval(20);
        for (int n = 0; n < 4; n++) {
            pacer.send(frame(n));
        }
        assertEquals(List.of(1_000L), sentAt, "the first at once");
        clock.advanceTo(1_000 + 100_000_000L);
        assertEquals(List.of(1_000L, 20_001_000L, 40_001_000L, 60_001_000L), sentAt);
        assertEquals(List.of(0, 1, 2, 3), sent);
    }

    @Test
    void aSecondBurstWaitsForTheIntervalAfterTheFirstsLastFrame() {
        pacer.interval(10);
        pacer.send(frame(0));
        pacer.send(frame(1));
        clock.advanceTo(12_000_000L); // frame 1 went at 10 ms
        pacer.send(frame(2));
        assertEquals(List.of(0L, 10_000_000L), sentAt, "12 ms is only 2 ms after the last");
        clock.advanceTo(50_000_000L);
        assertEquals(List.of(0L, 10_000_000L, 20_000_000L), sentAt);
        clock.advanceTo(80_000_000L);
        pacer.send(frame(3));
        assertEquals(80_000_000L, sentAt.get(3), "a quiet interval later it goes at once");
    }

    @Test
    void leavingMasterDropsWhatHasNotGoneOut() {
        pacer.interval(10);
        for (int n = 0; n < 5; n++) {
            pacer.send(frame(n));
        }
        clock.advanceTo(15_000_000L);
        pacer.clear();
        clock.advanceTo(100_000_000L);
        assertEquals(List.of(0, 1), sent);
        assertEquals(3, pacer.dropped());
        assertEquals(0, pacer.waiting());
    }
}
