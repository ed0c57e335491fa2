package io.floatip.router;

import java.net.InetAddress;

/**
 * One VRRP router (a keepalived vrrp_instance) following RFC 9568 section 6.4, one method per event. Pure logic: no
 * sockets, threads or clock reads: every method takes {@code now} (ns on any monotonic clock) and reports what to do
 * through {@link RouterActions}. The owner calls {@link #fireTimers} at or after {@link #nextDeadline()} (absolute).
 */
public final class Router {
    public static final long NEVER = Long.MAX_VALUE;
    /** RFC 9568 6.1: the priority of the router that owns the addresses. */
    public static final int OWNER_PRIORITY = 255;
    /** A drained router advertises the lowest priority a backup can have, so that any other router wins. */
    public static final int DRAINED_PRIORITY = 1;

    private RouterConfig config;
    private final RouterActions actions;
    /** Volatile so status readers on other threads see it; written only on the loop thread. */
    private volatile State state = State.INIT;
    private final Priority priority;
    private int masterAdverInterval;
    private final Deadlines deadlines = new Deadlines(this);
    private long preemptAllowedAt;
    /** Rate limit for re-asserting ourselves to a lower-priority master after a partition heals. */
    private long lastAssertAt = Long.MIN_VALUE;
    private InetAddress masterAddress;
    private int masterPriority;
    private final TakeoverCause cause = new TakeoverCause();
    private long since;
    private Reason reason = new Reason(Reason.Code.NOT_STARTED, "not started");
    private final ClaimBackoff claimBackoff = new ClaimBackoff();

    public Router(RouterConfig config, RouterActions actions) {
        this.config = config;
        this.actions = actions;
        this.priority = new Priority(config.priority());
        this.masterAdverInterval = config.advertIntervalCentis();
    }

    /** RFC 9568 6.4.1: the Startup event. The owner becomes master at once; everyone else listens first. */
    public void startup(long now) {
        if (state != State.INIT) {
            return;
        }
        enterListening(now, Reason.Code.STARTUP, "startup");
    }

    /** RFC 9568 6.4.2/6.4.3: the Shutdown event. A master hands over at once with a priority 0 advert. */
    public void shutdown(long now) {
        switch (state) {
            case MASTER -> {
                deadlines.advert(NEVER);
                actions.sendAdvert(this, 0);
                actions.releaseVips(this);
                transition(now, State.INIT, Reason.Code.SHUTDOWN, "shutdown (sent priority 0)");
            }
            case BACKUP, FAULT -> {
                deadlines.masterDown(NEVER);
                transition(now, State.INIT, Reason.Code.SHUTDOWN, "shutdown");
            }
            case INIT -> { }
        }
    }

    /** An advertisement for our VRID that passed the codec's and the instance's checks. */
    public void advertReceived(long now, InetAddress source, int advertPriority, int advertInterval) {
        switch (state) {
            case BACKUP -> backupReceived(now, source, advertPriority, advertInterval);
            case MASTER -> masterReceived(now, source, advertPriority, advertInterval);
            case INIT, FAULT -> { }
        }
    }

    /**
     * Fires every timer whose deadline is at or before {@code now}. With {@code early} > 0 (the event loop's), an
     * advert due within it (at most {@link Timers#advertEarly}) leaves now too, and the next is put on the shared
     * grid ({@link Timers#nextAdvert}). Never a Master_Down_Timer early: that would beat the RFC's bound.
     */
    public void fireTimers(long now, long early) {
        long interval = Timers.centisToNanos(config.advertIntervalCentis());
        if (state == State.BACKUP && deadlines.masterDown <= now) {
            becomeMaster(now, cause.reason(priority.current(), masterAddress, now, masterDownInterval()));
        } else if (state == State.MASTER && deadlines.advert <= now + Math.min(early, Timers.advertEarly(interval))
                && !wasFrozen(now)) {
            actions.sendAdvert(this, priority.current());
            // Keep the cadence unless we fell behind by a whole interval (then restart from now, no burst).
            long next = deadlines.advert + interval > now ? deadlines.advert + interval : now + interval;
            deadlines.advert(early > 0 ? Timers.nextAdvert(next, now, interval, config.vrid()) : next);
        }
    }

    /** The effective priority changed (tracking). A master advertises the change at once. */
    public void priorityChanged(long now, int newPriority) {
        if (priority.request(newPriority)) {
            advertiseChange(now);
        }
    }

    private void advertiseChange(long now) {
        if (state == State.MASTER) {
            actions.sendAdvert(this, priority.current());
            deadlines.advert(now + Timers.centisToNanos(config.advertIntervalCentis()));
        }
    }

    /**
     * Something the router depends on failed (its link, a tracked script or interface with weight 0, its sync
     * group): a router that cannot serve must not hold the addresses. It sends nothing until cleared.
     */
    public void faultDetected(long now, String why) {
        if (state == State.FAULT) {
            return;
        }
        if (state == State.MASTER) {
            // Not in RFC 9568, which has no FAULT state: hand over as a stopping master does, so a backup takes
            // over after Skew_Time instead of Master_Down_Interval. On a link that is down it costs nothing.
            actions.sendAdvert(this, 0);
            actions.releaseVips(this);
        }
        deadlines.masterDown(NEVER);
        deadlines.advert(NEVER);
        masterAddress = null;
        transition(now, State.FAULT, Reason.Code.FAULT, why);
    }

    /** Every fault is gone: listen again, as at startup (keepalived: leaving FAULT goes through BACKUP). */
    public void faultCleared(long now, String why) {
        if (state != State.FAULT) {
            return;
        }
        enterListening(now, Reason.Code.FAULT_CLEARED, why);
    }

    /**
     * The operator drains this router (floatip drain), or ends the drain. Draining: a master hands over as a stopping
     * one does (priority 0, then the VIPs released) and stays BACKUP; it then advertises and compares at {@link
     * #DRAINED_PRIORITY}, even an address owner, so it is master again only when no other router is heard. Ending
     * it: the priority tracking asks for applies again, and the router preempts in the ordinary way if it may.
     */
    public void drain(long now, boolean on, String why) {
        if (!priority.drain(on)) {
            return;
        }
        if (!on) {
            advertiseChange(now);
        } else if (state == State.MASTER) {
            actions.sendAdvert(this, 0);
            stepDown(now, Reason.Code.DRAINED, why);
        }
    }

    /** The claim back-off: failures since the last claim that succeeded, and when preempting is allowed. */
    public ClaimBackoff claimBackoff() {
        return claimBackoff;
    }

    public boolean drained() {
        return priority.drained();
    }

    /** Sync group: another member went back to BACKUP, so this one follows, without a priority 0 advert. */
    public void stepDown(long now, String why) {
        stepDown(now, Reason.Code.SYNC_GROUP, why);
    }

    private void stepDown(long now, Reason.Code code, String why) {
        if (state != State.MASTER) {
            return;
        }
        deadlines.advert(NEVER);
        actions.releaseVips(this);
        masterAddress = null;
        deadlines.masterDown(now + masterDownInterval());
        transition(now, State.BACKUP, code, why);
    }

    /**
     * A VIP could not be added, at a takeover or (on a master only) a reload's new VIP. It sends priority 0: a master
     * hands over, and a master still serving answers at once and announces its VIPs again (our claim's ARPs went out
     * before the kernel's refusal was read). It listens without preempting.
     */
    public void claimFailed(long now, String why) {
        long until = claimBackoff.failed(now, why);
        deadlines.advert(NEVER);
        if (state == State.MASTER) {
            actions.sendAdvert(this, 0);
        } else { // a failed takeover: the virtual MAC stays the serving master's
            actions.sendAdvertAsBackup(this, 0);
        }
        if (state == State.MASTER) {
            masterAddress = null;
        }
        actions.releaseVips(this);
        deadlines.masterDown(Math.max(now + masterDownInterval(), until));
        if (state != State.BACKUP) {
            transition(now, State.BACKUP, Reason.Code.CLAIM_FAILED, why + "; not preempting for "
                    + claimBackoff.waitNanos() / 1_000_000_000 + " s");
        }
    }

    /** Sync group: another member became MASTER, so this one does too. */
    public void takeOver(long now, String why) {
        if (state == State.BACKUP) {
            becomeMaster(now, new Reason(Reason.Code.SYNC_GROUP, why));
        }
    }

    /** A reload changed what may change in place: priority, interval, preempt settings, the primary address. The
     *  caller then reports the effective priority with {@link #priorityChanged} (a master advertises it at once). */
    public void reconfigure(RouterConfig next) {
        if (next.vrid() != config.vrid() || next.version() != config.version()) {
            throw new IllegalArgumentException("VRID and version cannot change in place");
        }
        config = next;
        priority.reconfigure(next.priority());
    }

    private void enterListening(long now, Reason.Code code, String why) {
        preemptAllowedAt = now + config.preemptDelayNanos();
        masterAddress = null;
        cause.clear();
        if (priority.current() == OWNER_PRIORITY) {
            becomeMaster(now, new Reason(Reason.Code.ADDRESS_OWNER, why + ": address owner (priority 255)"));
            return;
        }
        masterAdverInterval = config.advertIntervalCentis();
        deadlines.masterDown(now + masterDownInterval());
        transition(now, State.BACKUP, code, why);
    }

    /** RFC 9568 6.4.2, "If an ADVERTISEMENT is received". */
    private void backupReceived(long now, InetAddress source, int advertPriority, int advertInterval) {
        if (advertPriority == 0) {
            deadlines.masterDown(now + skewTime());
            cause.masterStopped();
            return;
        }
        boolean preemptNow = config.preempt() && now >= preemptAllowedAt && !claimBackoff.holding(now);
        if (!preemptNow || advertPriority >= priority.current()) {
            follow(now, source, advertPriority, advertInterval);
        } else {
            // Preempting: RFC 9568 6.4.2 discards the advert and lets the master down timer run out. With
            // fast_preempt the first lower advert is enough: take over after Skew_Time, as after a priority 0.
            if (cause.preempting(source, advertPriority) && config.fastPreempt()) {
                deadlines.masterDown(Math.min(deadlines.masterDown, now + skewTime()));
            }
        }
    }

    /** The master's advert is the one to follow: its address, priority and (v3) interval; its timer restarts. */
    private void follow(long now, InetAddress source, int advertPriority, int advertInterval) {
        if (config.version() == 3) {
            masterAdverInterval = advertInterval; // v3 learns the master's interval
        }
        masterAddress = source;
        masterPriority = advertPriority;
        deadlines.masterDown(now + masterDownInterval());
        cause.following(now);
    }

    /**
     * A master whose advert timer is overdue by more than a backup waits was frozen (SIGSTOP, a paused VM): a backup
     * has taken over by now. Asserting itself at once would make two masters and a flap: it steps down and listens,
     * and preempts in the ordinary way. Checked first: adverts queued while frozen may come before its timer.
     */
    private boolean wasFrozen(long now) {
        long late = now - deadlines.advert;
        if (late <= masterDownInterval()) {
            return false;
        }
        stepDown(now, Reason.Code.FROZEN, "frozen for " + late / 1_000_000 + " ms, longer than Master_Down_Interval; "
                + "a backup has taken over by now: listening before claiming again");
        return true;
    }

    /** RFC 9568 6.4.3, "If an ADVERTISEMENT is received". */
    private void masterReceived(long now, InetAddress source, int advertPriority, int advertInterval) {
        if (wasFrozen(now)) {
            return;
        }
        if (advertPriority == 0) {
            // RFC: advertise at once. And announce again: another node just gave up being master (it sends 0
            // when it yields to us after a partition), so clients may still point at it.
            actions.sendAdvert(this, priority.current());
            deadlines.advert(now + Timers.centisToNanos(config.advertIntervalCentis()));
            assertOnce(now, false);
            return;
        }
        if (advertPriority > priority.current()
                || (advertPriority == priority.current() && Addresses.compare(source, config.primaryAddress()) > 0)) {
            deadlines.advert(NEVER);
            follow(now, source, advertPriority, advertInterval);
            // VIPs first: one left here answers the winner's gratuitous ARPs from use_vmac's MAC, and switches
            // then send that MAC to us, just before we drop it.
            actions.releaseVips(this);
            Reason yield = Reason.yieldTo(source, advertPriority, priority.current());
            transition(now, State.BACKUP, yield.code(), yield.detail());
            // Not in the RFC: "I stop being master" (priority 0), so a winner that never heard us in a partition
            // announces again; as a backup, not from the virtual MAC. The winner's advert answers it at once.
            actions.sendAdvertAsBackup(this, 0);
            return;
        }
        // Another master that should be our backup: a partition has healed. Assert at once, and announce
        // again so that clients which followed the other master come back (at most once an interval).
        assertOnce(now, true);
    }

    /** Announces the VIPs again (and advertises, if asked), at most once per advert interval. */
    private void assertOnce(long now, boolean advertise) {
        long interval = Timers.centisToNanos(config.advertIntervalCentis());
        if (lastAssertAt == Long.MIN_VALUE || now - lastAssertAt >= interval) {
            lastAssertAt = now;
            if (advertise) {
                actions.sendAdvert(this, priority.current());
                deadlines.advert(now + interval);
            }
            actions.announceVips(this);
        }
    }

    private void becomeMaster(long now, Reason why) {
        deadlines.masterDown(NEVER);
        cause.clear();
        // RFC 9568 6.4.2 advertises first, then announces. We claim and announce first: when preempting, the
        // old master lets go as soon as it hears our advert, and clients must already be coming to us by then.
        // A claim that fails sends no advert at our priority: the master we meant to preempt keeps serving.
        String failed = actions.claimVips(this);
        if (failed != null) {
            claimFailed(now, failed);
            return;
        }
        claimBackoff.succeeded();
        masterAddress = config.primaryAddress();
        actions.sendAdvert(this, priority.current());
        deadlines.advert(now + Timers.centisToNanos(config.advertIntervalCentis()));
        transition(now, State.MASTER, why.code(), why.detail());
    }

    private void transition(long now, State to, Reason.Code code, String why) {
        State from = state;
        state = to;
        since = now;
        reason = new Reason(code, why);
        actions.stateChanged(this, from, to, why);
        deadlines.moved();
    }

    /** The owner's, told whenever {@link #nextDeadline()} may have moved (one; null for none). */
    public void deadlineListener(DeadlineListener listener) {
        deadlines.listener(listener);
    }

    public long skewTime() {
        return Timers.skewTime(priority.current(), masterAdverInterval);
    }

    public long masterDownInterval() {
        return Timers.masterDownInterval(priority.current(), masterAdverInterval);
    }

    public long nextDeadline() {
        return state == State.BACKUP ? deadlines.masterDown : state == State.MASTER ? deadlines.advert : NEVER;
    }

    public RouterConfig config() { return config; }

    public State state() {
        return state;
    }

    public int priority() {
        return priority.current();
    }

    public int masterAdverInterval() { return masterAdverInterval; }

    /** The current master's address as last heard (ours when master), or null when unknown. */
    public InetAddress masterAddress() {
        return masterAddress;
    }

    public int masterPriority() {
        return state == State.MASTER ? priority.current() : masterPriority;
    }

    public long since() {
        return since;
    }

    /** The last transition's line. */
    public String reason() {
        return reason.detail();
    }

    /** The last transition's reason, code and line. */
    public Reason why() {
        return reason;
    }
}
