package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.base.LogLimit;
import io.floatip.base.PeerLogLimit;
import io.floatip.protocol.PolicyDrop;
import io.floatip.config.InstanceConfig;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpPacket;
import io.floatip.policy.AdvertCheck;
import io.floatip.router.Router;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's receive path: on the capture thread, the instance's own checks ({@link AdvertCheck}), the
 * counters and log lines they call for, and the hand-over to the event loop through an {@link AdvertInbox}
 * (the link's {@link AdvertHandover} wakes the loop once per read round); on the loop, the drain into the
 * router. Neither side allocates.
 */
final class AdvertReceiver implements AdvertCheck.Sink {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final String name;
    private final Router router;
    private final EventLoop loop;
    /** Null in multicast mode. */
    private final Peers peers;
    /** Replaced whole on reload (loop thread), read on the capture thread. */
    private volatile AdvertCheck check;
    final DropCounters drops = new DropCounters();
    final AtomicLong advertsReceived = new AtomicLong();
    /** Adverts whose address list differs from ours: counted and logged, never dropped (keepalived does the same). */
    final AtomicLong addressMismatches = new AtomicLong();
    /** Adverts from the capture thread on their way to the router; {@link #heard} is the loop's copy of one. */
    private final AdvertInbox inbox = new AdvertInbox();
    private final AdvertInbox.Heard heard = new AdvertInbox.Heard();
    private final Runnable drain = this::drain;
    /** Split-brain signs: the dropped adverts of our VRID, and lower adverts while master (null: not watched). */
    private ConflictWatch watch;
    /** Capture thread: the frame of the advert being checked, for the watch's MAC. */
    private byte[] frame;
    /** Capture thread: the lines valid but odd adverts earn, limited per peer and reason. */
    private final PeerLogLimit oddLines = new PeerLogLimit();
    private long checkingAt;
    private static final int ODD_INTERVAL = 0;
    private static final int ODD_ADDRESSES = 1;

    AdvertReceiver(InstanceConfig config, Router router, EventLoop loop, Peers peers) {
        this.name = config.name();
        this.router = router;
        this.loop = loop;
        this.peers = peers;
        this.check = new AdvertCheck(config);
    }

    /** Loop thread: a reload's settings, from the next advert on. */
    void reconfigure(InstanceConfig next) {
        check = check.reconfigured(next);
        if (watch != null) {
            watch.reconfigure(next);
        }
    }

    void watch(ConflictWatch w) {
        this.watch = w;
    }

    AdvertCheck check() {
        return check;
    }

    Peers peers() {
        return peers;
    }

    /**
     * Capture thread: the instance's own checks, then the advert into the inbox. {@code frame} is the
     * Ethernet frame it came in (its source MAC teaches us a unicast peer's MAC). True when the inbox was empty:
     * the caller must have {@link #drainTask} run on {@link #loop} (after its read round).
     */
    boolean accept(VrrpPacket p, byte[] frame, long receivedAt) {
        this.frame = frame;
        checkingAt = receivedAt;
        if (!check.accept(p, this)) {
            return false;
        }
        if (peers != null) {
            peers.learn(p.source(), frame, 6);
        }
        advertsReceived.incrementAndGet();
        // The kernel's receive time, not now: the timers run from the advert's arrival (ReceiveTime).
        int queued = inbox.offer(p.source(), p.priority(), p.advertInterval(), receivedAt);
        if (queued == AdvertInbox.REPLACED) {
            dropped(PolicyDrop.LOOP_BEHIND, p);
        }
        return queued == AdvertInbox.FIRST;
    }

    /** The loop's task that takes every advert in the inbox to the router (made once). */
    Runnable drainTask() {
        return drain;
    }

    EventLoop loop() {
        return loop;
    }

    /** Loop thread: every advert accepted since the last drain, oldest first. */
    private void drain() {
        while (inbox.take(heard)) {
            if (log.isDebugEnabled()) { // keepalived's -D: every advert; nothing is built at info
                log.debug("{}: advert from {} priority {} interval {} ms", name, AddressText.format(heard.source),
                        heard.priority, heard.advertInterval * 10);
            }
            router.advertReceived(heard.receivedAt, heard.source, heard.priority, heard.advertInterval);
            if (watch != null) {
                watch.accepted(heard.source, heard.priority, router.state() == io.floatip.router.State.MASTER,
                        router.priority());
            }
        }
        heard.source = null;
    }

    @Override
    public void dropped(DropReason reason, VrrpPacket p) {
        long n = drops.count(reason);
        if (watch != null) {
            watch.dropped(reason, p, frame);
        }
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: dropped advert from {}: {} ({} so far)", name, AddressText.format(p.source()),
                    reason.description(), n);
        }
    }

    @Override
    public void followsInterval(VrrpPacket p, int ourIntervalCentis) {
        if (oddLines.allow(p.source(), ODD_INTERVAL, checkingAt)) {
            log.warn("{}: {} advertises every {} ms, we are set to {} ms; following the master's interval (RFC "
                    + "9568){}", name, AddressText.format(p.source()), p.advertInterval() * 10, ourIntervalCentis * 10,
                    heldBack());
        }
    }

    @Override
    public void addressMismatch(VrrpPacket p, List<InetAddress> ours, boolean logIt) {
        addressMismatches.incrementAndGet();
        if (logIt && oddLines.allow(p.source(), ODD_ADDRESSES, checkingAt)) {
            log.warn("{}: {} protects {}, we protect {}; check both configs (counted, not dropped){}", name,
                    AddressText.format(p.source()), PeerLogLimit.addresses(p.addresses()),
                    PeerLogLimit.addresses(ours), heldBack());
        }
    }

    /** How many such lines were held back since the last one written, if any. */
    private String heldBack() {
        long n = oddLines.takeNotLogged();
        return n == 0 ? "" : "; " + n + " similar line(s) held back since the last (at most one a minute per peer "
                + "and reason)";
    }

    /** For the takeover's warm-up: the hand-over's code, run once through a scratch inbox. */
    static long primeInbox(VrrpPacket own) {
        AdvertInbox scratch = new AdvertInbox();
        AdvertInbox.Heard h = new AdvertInbox.Heard();
        long n = scratch.offer(own.source(), own.priority(), own.advertInterval(), 0);
        return n + (scratch.take(h) ? h.priority : 0);
    }
}
