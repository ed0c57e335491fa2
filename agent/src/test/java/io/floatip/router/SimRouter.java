package io.floatip.router;

import java.util.ArrayList;
import java.util.List;

/** A router in a {@link SimNetwork} that records every action it asked for, with the virtual time. */
final class SimRouter implements RouterActions {
    final SimNetwork net;
    final RouterConfig config;
    final Router router;
    final List<String> log = new ArrayList<>();
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
        log.add(net.now() / SimNetwork.MS + "ms advert " + priority);
        net.send(this, priority);
    }

    @Override
    public void claimVips(Router r) {
        holdsVips = true;
        log.add(net.now() / SimNetwork.MS + "ms claim");
    }

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
        if (onChange != null) {
            onChange.accept(to);
        }
    }

    /** Called after every transition, for tests that hang a sync group on the router. */
    java.util.function.Consumer<State> onChange;

    State state() {
        return router.state();
    }

    void clear() {
        log.clear();
        adverts = 0;
    }
}
