package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.net.NetlinkException;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.router.Router;
import io.floatip.router.RouterActions;
import io.floatip.router.RouterConfig;
import io.floatip.router.State;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured VRRP instance at run time: its router, and the executor of what the router asks for
 * (adverts on the wire, addresses through netlink, gratuitous ARPs). Runs on the event loop thread, except
 * {@link #accept}, which the capture thread calls.
 */
final class Instance implements RouterActions {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    private static final byte[] NO_AUTH = new byte[VrrpPacket.AUTH_DATA_LENGTH];

    private final InstanceConfig config;
    private final Link link;
    private final EventLoop loop;
    private final Router router;
    private final List<Inet4Address> addresses = new ArrayList<>();
    final DropCounters drops = new DropCounters();
    final AtomicLong advertsSent = new AtomicLong();
    final AtomicLong advertsReceived = new AtomicLong();
    final AtomicLong transitions = new AtomicLong();
    private int ipId;
    /** Counts master terms, so a GARP burst scheduled in an earlier term does not fire in a later one. */
    private long term;

    Instance(InstanceConfig config, Link link, EventLoop loop) {
        this.config = config;
        this.link = link;
        this.loop = loop;
        for (VirtualIp vip : config.virtualIps()) {
            addresses.add((Inet4Address) vip.address());
        }
        this.router = new Router(new RouterConfig(config.name(), config.vrid(), config.version(), config.priority(),
                config.advertIntervalCentis(), config.preempt(),
                TimeUnit.MILLISECONDS.toNanos(config.preemptDelayMillis()), link.primaryAddress()), this);
    }

    Router router() {
        return router;
    }

    InstanceConfig config() {
        return config;
    }

    /** Capture thread: the instance's own checks, then hand the advert to the loop. */
    void accept(VrrpPacket p) {
        if (p.version() != config.version()) {
            drop(DropReason.VERSION_MISMATCH, p);
            return;
        }
        if (p.version() == 2 && (p.authType() != AuthType.NONE || !p.authDataEquals(NO_AUTH))) {
            drop(DropReason.AUTH_MISMATCH, p);
            return;
        }
        advertsReceived.incrementAndGet();
        loop.execute(() -> router.advertReceived(EventLoop.now(), p.source(), p.priority(), p.advertInterval()));
    }

    private void drop(DropReason reason, VrrpPacket p) {
        long n = drops.count(reason);
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: dropped advert from {}: {} ({} so far)", config.name(), p.source().getHostAddress(),
                    reason.description(), n);
        }
    }

    // ---- RouterActions, on the loop thread ----

    @Override
    public void sendAdvert(Router r, int priority) {
        VrrpPacket p = new VrrpPacket(config.version(), config.vrid(), priority, config.advertIntervalCentis(),
                addresses, AuthType.NONE, config.version() == 2 ? NO_AUTH : new byte[0], link.primaryAddress(),
                VrrpCodec.MULTICAST_GROUP, VrrpPacket.TTL);
        ipId = (ipId + 1) & 0xffff;
        if (link.send(VrrpCodec.encodeFrame(p, link.mac(), Link.GROUP_MAC, ipId))) {
            advertsSent.incrementAndGet();
        }
    }

    @Override
    public void claimVips(Router r) {
        term++;
        for (VirtualIp vip : config.virtualIps()) {
            try {
                boolean added = link.netlink().addAddress(link.ifIndex(), vip.address(), vip.prefixLength(), null);
                log.info("{}: claimed {} on {}{}", config.name(), vip, link.name(), added ? "" : " (already there)");
            } catch (NetlinkException e) {
                log.error("{}: cannot claim {} on {}: {}", config.name(), vip, link.name(), e.getMessage());
            }
        }
        announceVips(r);
        long delay = config.garp().delayMillis();
        if (delay > 0) {
            long myTerm = term;
            loop.schedule(EventLoop.now() + TimeUnit.MILLISECONDS.toNanos(delay), () -> {
                if (term == myTerm && router.state() == State.MASTER) {
                    announceVips(router);
                }
            });
        }
    }

    @Override
    public void releaseVips(Router r) {
        term++;
        for (VirtualIp vip : config.virtualIps()) {
            release(vip);
        }
    }

    /** Removes an address if present; used on release and to clean up after a run that was killed. */
    void release(VirtualIp vip) {
        try {
            if (link.netlink().deleteAddress(link.ifIndex(), vip.address(), vip.prefixLength())) {
                log.info("{}: released {} on {}", config.name(), vip, link.name());
            }
        } catch (NetlinkException e) {
            log.error("{}: cannot release {} on {}: {}", config.name(), vip, link.name(), e.getMessage());
        }
    }

    @Override
    public void announceVips(Router r) {
        for (int i = 0; i < config.garp().repeat(); i++) {
            for (Inet4Address a : addresses) {
                link.send(ArpCodec.gratuitousRequest(link.mac(), a));
            }
        }
    }

    @Override
    public void stateChanged(Router r, State from, State to, String reason) {
        transitions.incrementAndGet();
        log.info("{}: {} -> {} ({}), priority {}", config.name(), from, to, reason, r.priority());
    }
}
