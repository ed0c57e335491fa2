package io.floatip.agent;

import io.floatip.base.Scheduler;
import io.floatip.router.Faults;
import io.floatip.router.Router;
import io.floatip.router.SyncGroup;
import io.floatip.track.Health;
import java.util.List;

/**
 * An instance's tracked scripts, interfaces and files, its own link, and its sync group's hold: what they
 * make of its effective priority and of FAULT, applied to its router as soon as anything changes (a new
 * priority is advertised at once). Loop thread only.
 */
final class Tracking {
    private final Health health;
    private final Faults faults = new Faults();
    private final Router router;
    private final Scheduler clock;
    private SyncGroup group;
    private boolean lastOwn;

    Tracking(int basePriority, Router router, Scheduler clock) {
        this.health = new Health(basePriority);
        this.router = router;
        this.clock = clock;
    }

    void joinGroup(SyncGroup group) {
        this.group = group;
    }

    SyncGroup group() {
        return group;
    }

    /** A tracked script or interface came up or went down. */
    void set(Health.Key what, int weight, boolean up, String why) {
        health.set(what, weight, up);
        update(why);
    }

    /**
     * The most a change's own time may lie behind the loop's clock and still be used (as ReceiveTime's bound
     * for adverts): an older one is taken as now, which only ever makes a timer later.
     */
    static final long MAX_AGE_NANOS = 10_000_000L;

    /** A tracked file's value changed. */
    void setValue(Health.Key what, int weight, long value, String why) {
        health.setValue(what, weight, value);
        update(why);
    }

    /** The instance's own interface: null when usable, else why not (always FAULT: no weight applies). */
    void link(String fault, String why) {
        link(fault, why, clock.now());
    }

    /**
     * As {@link #link(String, String)}, for a change the link monitor read at {@code readAt}: a returning link's
     * Master_Down_Timer runs from then. Two thread hand-overs and a cold path (a link changes rarely, so its
     * code runs interpreted) had made a returning master take over ~1 ms after keepalived.
     */
    void link(String fault, String why, long readAt) {
        faults.set("link", fault);
        update(why, readAt);
    }

    /** Any other fault source (a VIP that could not be added): null clears it. */
    void fault(String source, String why) {
        faults.set(source, why);
        update(why == null ? source + " cleared" : why);
    }

    /** Sync group hold; does not re-notify the group. */
    void groupFault(String why) {
        if (faults.set(Faults.GROUP, why)) {
            faults.apply(router, clock.now(), "sync group released it");
        }
    }

    boolean ownFault() {
        return faults.own();
    }

    String faultSummary() {
        return faults.summary();
    }

    List<Health.Entry> entries() {
        return health.entries();
    }

    void basePriority(int priority, String why) {
        health.basePriority(priority);
        update(why);
    }

    int effectivePriority() {
        return health.effectivePriority();
    }

    /** Applies everything to the router: priority first (advertised at once by a master), then FAULT. */
    void update(String why) {
        update(why, clock.now());
    }

    /** {@code at}: when the change happened, if known and recent; the loop's clock otherwise. */
    private void update(String why, long at) {
        long now = clock.now();
        if (at <= now && now - at <= MAX_AGE_NANOS) {
            now = at;
        }
        router.priorityChanged(now, health.effectivePriority());
        List<String> tracked = health.faults();
        faults.set("track", tracked.isEmpty() ? null : String.join("; ", tracked));
        faults.apply(router, now, why);
        // A member already held in FAULT by its group changes no state when a fault of its own comes or
        // goes: tell the group, which decides whom to hold.
        boolean own = faults.own();
        if (group != null && own != lastOwn) {
            group.ownFaultChanged(now);
        }
        lastOwn = own;
    }
}
