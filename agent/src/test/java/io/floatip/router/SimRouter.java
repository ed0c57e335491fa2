package io.floatip.router;

import java.util.ArrayList;
import java.util.List;

/** A router in a {@link SimNetwork} that records every action it asked for, with the virtual time. */
final class SimRouter implements RouterActions {
    final SimNetwork net;
    final RouterConfig config;
    final Router router;
    final List<String> log = new ArrayList<>();
    /** Every advert of the whole run, with its virtual time; {@link #clear} leaves it. */
    final List<Advert> sent = new ArrayList<>();
    /** Every transition of the whole run, with its virtual time; {@link #clear} leaves it. */
    final List<Transition> transitions = new ArrayList<>();
    /** The deadline {@link #fireAt} was drawn for, and when that timer fires (late, with jitter). */
    private long drawnFor = Router.NEVER;
    private long fireAt = Router.NEVER;
    boolean connected = true;
    boolean holdsVips;
    int adverts;

    SimRouter(SimNetwork net, RouterConfig config) {
        this.net = net;
        this.config = config;
        this.router = new Router(config, this);
    }

    @Override
    public void sendAdvert(Router r, int priority) {
        adverts++;
        sent.add(new Advert(net.now(), priority));
        log.add(net.now() / SimNetwork.MS + "ms advert " + priority);
        net.send(this, priority);
    }

    /** Logged apart: only a master's adverts may leave from the virtual MAC. */
    @Override
    public void sendAdvertAsBackup(Router r, int priority) {
        adverts++;
        sent.add(new Advert(net.now(), priority));
        log.add(net.now() / SimNetwork.MS + "ms advert " + priority + " as backup");
        net.send(this, priority);
    }

    @Override
    public String claimVips(Router r) {
        if (claimError != null) {
            log.add(net.now() / SimNetwork.MS + "ms claim failed");
            return claimError;
        }
        holdsVips = true;
        log.add(net.now() / SimNetwork.MS + "ms claim");
        return null;
    }

    /** When set, every claim fails with this error (the kernel refused an address). */
    String claimError;

    @Override
    public void releaseVips(Router r) {
        holdsVips = false;
        log.add(net.now() / SimNetwork.MS + "ms release");
    }

    @Override
    public void announceVips(Router r) {
        log.add(net.now() / SimNetwork.MS + "ms announce");
    }

    @Override
    public void stateChanged(Router r, State from, State to, String reason) {
        log.add(net.now() / SimNetwork.MS + "ms " + from + "->" + to);
        transitions.add(new Transition(net.now(), from, to, reason));
        if (onChange != null) {
            onChange.accept(to);
        }
    }

    /** Called after every transition, for tests that hang a sync group on the router. */
    java.util.function.Consumer<State> onChange;

    /** One advert as sent. */
    record Advert(long at, int priority) {
    }

    /** The times of the adverts sent at or after {@code from}, in virtual milliseconds. */
    List<Long> advertMillisSince(long from) {
        return sent.stream().filter(a -> a.at() >= from).map(a -> a.at() / SimNetwork.MS).toList();
    }

    /** One state change as the router reported it. */
    record Transition(long at, State from, State to, String reason) {
    }

    /** The transitions at or after {@code from} (virtual nanoseconds). */
    List<Transition> transitionsSince(long from) {
        return transitions.stream().filter(t -> t.at() >= from).toList();
    }

    /** When the router's pending timer fires: its deadline, plus a lateness drawn once per deadline. */
    long fireAt(SimNetwork network) {
        long deadline = router.nextDeadline();
        if (deadline != drawnFor) {
            drawnFor = deadline;
            fireAt = deadline == Router.NEVER ? Router.NEVER : deadline + network.lateness();
        }
        return fireAt;
    }

    State state() {
        return router.state();
    }

    void clear() {
        log.clear();
        adverts = 0;
    }
}
