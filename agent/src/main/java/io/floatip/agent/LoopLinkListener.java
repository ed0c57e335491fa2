package io.floatip.agent;

import io.floatip.net.InterfaceAddress;
import io.floatip.net.LinkListener;
import io.floatip.net.LinkState;

/** The link monitor's events, each handed to the event loop: the instances' links and the VIP guard live there. */
final class LoopLinkListener implements LinkListener {
    private final EventLoop loop;
    private final Instances instances;
    private final VipGuard guard;

    LoopLinkListener(EventLoop loop, Instances instances, VipGuard guard) {
        this.loop = loop;
        this.instances = instances;
        this.guard = guard;
    }

    @Override
    public void linkChanged(LinkState state) {
        linkChanged(state, System.nanoTime());
    }

    @Override
    public void linkChanged(LinkState state, long readAt) {
        loop.execute(() -> instances.linkChanged(state, readAt));
    }

    @Override
    public void addressChanged(InterfaceAddress address, boolean added) {
        loop.execute(() -> guard.addressChanged(address, added));
    }

    @Override
    public void routingRemoved() {
        loop.execute(guard::routingRemoved);
    }

    @Override
    public void eventsLost() { // a macvlan deleted meanwhile is made again
        loop.execute(instances::eventsLost);
    }
}
