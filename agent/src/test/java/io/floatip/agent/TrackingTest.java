package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.router.Router;
import io.floatip.router.NoActions;
import io.floatip.router.RouterConfig;
import io.floatip.router.State;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Virtual time: a returning link's Master_Down_Timer runs from when the monitor read the change. */
class TrackingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final VirtualScheduler clock = new VirtualScheduler();
    private final Router router = new Router(new RouterConfig("VI_1", 51, 3, 150, 1, true, 0, null),
            new NoActions());
    private final Tracking tracking = new Tracking(150, router, clock);

    private void downThenUpAt(long readAt, long handledAt) {
        router.startup(clock.now());
        tracking.link("interface eth0 has no carrier", "down");
        assertEquals(State.FAULT, router.state());
        clock.advanceTo(handledAt);
        tracking.link(null, "interface eth0 is up", readAt);
        assertEquals(State.BACKUP, router.state());
    }

    @Test
    void aReturningLinksTimerRunsFromWhenTheChangeWasRead() {
        clock.advanceTo(1_000 * MS);
        downThenUpAt(2_000 * MS, 2_001 * MS); // read at 2000 ms, handled a millisecond later
        assertEquals(2_000 * MS + router.masterDownInterval(), router.nextDeadline());
    }

    @Test
    void aReadTimeOlderThanTenMillisecondsOrAheadOfTheClockCountsAsNow() {
        clock.advanceTo(1_000 * MS);
        downThenUpAt(2_000 * MS, 2_011 * MS);
        assertEquals(2_011 * MS + router.masterDownInterval(), router.nextDeadline(), "too old: now");
        tracking.link("interface eth0 has no carrier", "down");
        clock.advanceTo(3_000 * MS);
        tracking.link(null, "interface eth0 is up", 3_001 * MS);
        assertEquals(3_000 * MS + router.masterDownInterval(), router.nextDeadline(), "ahead of the clock: now");
    }
}
