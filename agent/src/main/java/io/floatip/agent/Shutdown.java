package io.floatip.agent;

import io.floatip.config.VirtualIp;
import io.floatip.net.Netlink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RFC 9568's Shutdown event for every instance of an agent: each master's priority 0 advert from the calling
 * thread, then its addresses released on the loop; or, when the loop cannot be trusted, {@link #lastResort}.
 * Any thread.
 */
final class Shutdown {
    private final EventLoop loop;
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final CountDownLatch handedOver = new CountDownLatch(1);
    private final Runnable shutdownRouters = this::shutdownRouters;
    /** Written before {@link #instances}, whose volatile write publishes it. */
    private Netlink netlink;
    /** Null until the agent opened its instances. */
    private volatile Instances instances;

    Shutdown(EventLoop loop) {
        this.loop = loop;
    }

    /** The instances to hand over, and the netlink socket {@link #lastResort} removes their addresses with. */
    void opened(Netlink netlink, Instances instances) {
        this.netlink = netlink;
        this.instances = instances;
    }

    /**
     * Every master sends priority 0, from the calling thread (Instance.resign), and releases its addresses,
     * on the loop; once only. Returns at once.
     */
    void handOver() {
        if (handOverQueued.compareAndSet(false, true)) {
            for (Instance i : instances.all()) {
                i.resign(); // the priority 0 adverts first, from this thread: the backups' Skew_Time starts now
            }
            loop.execute(shutdownRouters);
        }
    }

    /** Whether the loop released the addresses within {@code millis}. */
    boolean awaitHandedOver(long millis) throws InterruptedException {
        return handedOver.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * {@link LastResort}'s hand-over, on the failing thread, without the loop (which may be the thread that
     * failed): every master's priority 0 advert (frames made at start), then every configured VIP removed
     * (removing one that is not there does nothing).
     */
    void lastResort() {
        handOverQueued.set(true);
        Instances all = instances;
        if (all == null) {
            return;
        }
        for (Instance i : all.all()) {
            try {
                i.resign();
            } catch (Throwable ignored) {
                // the others still go
            }
        }
        for (Instance i : all.all()) {
            try {
                for (VirtualIp v : i.config().heldIps()) {
                    Link link = i.linkOf(v);
                    if (link != null) {
                        netlink.deleteAddress(link.ifIndex(), v.address(), v.prefixLength());
                    }
                }
            } catch (Throwable ignored) {
                // the others still go
            }
        }
    }

    /** Loop thread. A field, bound at construction: linking a lambda on first use costs a stop a millisecond. */
    private void shutdownRouters() {
        long now = loop.now();
        for (Instance i : instances.all()) {
            i.router().shutdown(now);
        }
        handedOver.countDown();
    }
}
