package io.floatip.agent;

import io.floatip.net.InterfaceAddress;
import io.floatip.net.LinkListener;
import io.floatip.net.LinkState;

/**
 * What the link monitor reads, passed to the loop: links going up and down to the instances, addresses and
 * routes removed by others to the VIP guard. Called on the monitor's thread.
 */
final class LinkEvents implements LinkListener {
    private final EventLoop loop;
    private final Instances instances;
    private final VipGuard guard;

    LinkEvents(EventLoop loop, Instances instances, VipGuard guard) {
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
}
