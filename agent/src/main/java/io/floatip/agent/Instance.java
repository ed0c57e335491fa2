package io.floatip.agent;

import io.floatip.base.LogLimit;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.NdpCodec;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.PolicyDrop;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.protocol.WireDrop;
import io.floatip.router.Router;
import io.floatip.router.RouterActions;
import io.floatip.router.RouterConfig;
import io.floatip.router.State;
import io.floatip.router.SyncGroup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured VRRP instance at run time: its router, and the executor of what the router asks for
 * (adverts on the wire, addresses through netlink, gratuitous ARPs). Runs on the event loop thread, except
 * {@link #accept}, which the capture thread calls.
 */
final class Instance implements RouterActions, SyncGroup.Member {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    private static final byte[] NO_DATA = new byte[0];

    /** While a unicast peer's MAC is unknown, ask again this often; once known, re-check this often. */
    private static final long RESOLVE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RESOLVE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** After a failed claim, FAULT lasts this long before the instance listens and may try again. */
    private static final long CLAIM_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private volatile InstanceConfig config;
    private final Link link;
    private final EventLoop loop;
    private final Router router;
    /** Immutable, replaced whole on reload: the capture thread reads them. */
    private volatile List<InetAddress> addresses;
    private volatile Set<InetAddress> addressSet;
    /**
     * Our advert source: for IPv4, unicast_source or else the interface's primary address; for IPv6 the
     * interface's link-local address (RFC 5798 5.1.2.1), which is also what keepalived sends from.
     */
    private final InetAddress source;
    /** The 8 authentication bytes we send and expect (VRRPv2; zeros for none). */
    private final byte[] authData;
    private final AuthType authType;
    /** Null in multicast mode. */
    private final Peers peers;
    final DropCounters drops = new DropCounters();
    final AtomicLong advertsSent = new AtomicLong();
    final AtomicLong advertsReceived = new AtomicLong();
    final AtomicLong transitions = new AtomicLong();
    /** Adverts whose address list differs from ours: counted and logged, never dropped (keepalived does the same). */
    final AtomicLong addressMismatches = new AtomicLong();
    /** VIPs something else removed while we were master, and the guard put back. */
    final AtomicLong vipsRestored = new AtomicLong();
    private volatile List<InetAddress> lastMismatchedAddresses;
    private volatile int lastLoggedInterval;
    /** Loop thread only: the drop counters at the last state change. */
    private Map<DropReason, Long> dropsAtLastChange = Map.of();
    private final Tracking tracking;
    private Notifications notifications;
    private Runnable afterTransition;
    /** Loop thread: the VIPs this instance added (and so must remove), not those it failed to add. */
    private final Set<VirtualIp> held = new java.util.HashSet<>();
    private int ipId;
    /** Adverts from the capture thread on their way to the router; {@link #heard} is the loop's copy of one. */
    private final AdvertInbox inbox = new AdvertInbox();
    private final AdvertInbox.Heard heard = new AdvertInbox.Heard();
    private final Runnable drainInbox = this::drainInbox;
    /** The last advert's frame, per destination, reused while nothing in it changes (under {@link #sending}). */
    private final AdvertFrame multicastFrame = new AdvertFrame();
    private AdvertFrame[] unicastFrames = new AdvertFrame[0];
    /** Counts master terms, so a GARP burst scheduled in an earlier term does not fire in a later one. */
    private long term;
    /** Adverts go out one at a time: the loop's, and a stop's priority 0 from another thread (resign). */
    private final Object sending = new Object();
    private volatile boolean resigned;
    /** The router's state is the loop's; this copy tells a stopping thread whether there is a master term to end. */
    private volatile boolean master;
    /** Bound once, at construction: a method reference is linked when first evaluated, not at class load. */
    private final java.util.function.LongConsumer announceAgain = this::announceAgain;
    /** Claims to log once the takeover's frames are out (loop thread). */
    private final List<VirtualIp> claimedVips = new ArrayList<>();
    private final List<Boolean> claimedAdded = new ArrayList<>();
    private final Runnable logClaims = this::logClaims;
    /** A takeover's first announcement, bound here so that a takeover links no code on first use. */
    private final Runnable announce = () -> announce(addresses);
    private final java.util.function.LongConsumer refreshAgain = this::refreshAgain;
    /** What {@link #primeTakeover()} computed, kept so the work is not optimised away. */
    private long primed;

    Instance(InstanceConfig config, Link link, EventLoop loop) {
        this.config = config;
        this.link = link;
        this.loop = loop;
        setAddresses(config);
        this.source = config.ipv6() ? link.linkLocal()
                : config.unicastSource() != null ? config.unicastSource() : link.primaryAddress();
        this.authType = config.authPassword() != null ? AuthType.PASS : AuthType.NONE;
        this.authData = passwordBytes(config.authPassword());
        this.peers = config.unicast() ? new Peers(config.name(), config.unicastPeers()) : null;
        this.router = new Router(routerConfig(config), this);
        this.tracking = new Tracking(config.priority(), router, loop);
    }

    private RouterConfig routerConfig(InstanceConfig c) {
        return new RouterConfig(c.name(), c.vrid(), c.version(), c.priority(), c.advertIntervalCentis(), c.preempt(),
                TimeUnit.MILLISECONDS.toNanos(c.preemptDelayMillis()), source, c.fastPreempt());
    }

    private void setAddresses(InstanceConfig c) {
        List<InetAddress> list = new ArrayList<>();
        for (VirtualIp vip : c.virtualIps()) {
            list.add(vip.address());
        }
        addresses = List.copyOf(list);
        addressSet = Set.copyOf(list);
    }

    /**
     * Whether a reload from {@code before} to {@code after} can be applied to the running instance: only the
     * priority, the interval, preemption, the VIPs and the GARP settings differ.
     */
    static boolean changeableInPlace(InstanceConfig before, InstanceConfig after) {
        return before.interfaceName().equals(after.interfaceName()) && before.vrid() == after.vrid()
                && before.version() == after.version()
                && java.util.Objects.equals(before.unicastSource(), after.unicastSource())
                && before.unicastPeers().equals(after.unicastPeers())
                && java.util.Objects.equals(before.authPassword(), after.authPassword())
                && before.trackScripts().equals(after.trackScripts())
                && before.trackInterfaces().equals(after.trackInterfaces())
                && before.trackFiles().equals(after.trackFiles())
                && before.trackProcesses().equals(after.trackProcesses())
                && before.notifications().equals(after.notifications());
    }

    /** Loop thread: applies a reload in place; says what changed, one line, or null if nothing did. */
    String reconfigure(InstanceConfig next) {
        InstanceConfig before = config;
        List<String> changes = new ArrayList<>();
        if (before.priority() != next.priority()) {
            changes.add("priority " + before.priority() + " -> " + next.priority());
        }
        if (before.advertIntervalCentis() != next.advertIntervalCentis()) {
            changes.add("advert_interval " + before.advertIntervalCentis() * 10 + " ms -> "
                    + next.advertIntervalCentis() * 10 + " ms");
        }
        if (before.preempt() != next.preempt() || before.preemptDelayMillis() != next.preemptDelayMillis()
                || before.fastPreempt() != next.fastPreempt()) {
            changes.add("preempt " + next.preempt() + ", preempt_delay " + next.preemptDelayMillis() + " ms"
                    + (before.fastPreempt() != next.fastPreempt() ? ", fast_preempt " + next.fastPreempt() : ""));
        }
        if (!before.garp().equals(next.garp())) {
            changes.add("garp " + next.garp());
        }
        Set<VirtualIp> oldVips = Set.copyOf(before.virtualIps());
        Set<VirtualIp> newVips = Set.copyOf(next.virtualIps());
        boolean master = router.state() == State.MASTER;
        for (VirtualIp vip : before.virtualIps()) {
            if (!newVips.contains(vip)) {
                changes.add("VIP " + vip + " removed");
                if (master) {
                    release(vip);
                }
            }
        }
        config = next;
        setAddresses(next);
        for (VirtualIp vip : next.virtualIps()) {
            if (!oldVips.contains(vip)) {
                changes.add("VIP " + vip + " added");
                if (master) {
                    claim(List.of(vip), () -> announce(List.of(vip.address())));
                }
            }
        }
        router.reconfigure(routerConfig(next));
        tracking.basePriority(next.priority(), "reload");
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    Tracking tracking() {
        return tracking;
    }

    void notifications(Notifications notifications) {
        this.notifications = notifications;
    }

    Notifications notifications() {
        return notifications;
    }

    // ---- SyncGroup.Member, on the loop thread ----

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public State state() {
        return router.state();
    }

    @Override
    public boolean ownFault() {
        return tracking.ownFault();
    }

    @Override
    public void takeOver(long now, String why) {
        router.takeOver(now, why);
    }

    @Override
    public void stepDown(long now, String why) {
        router.stepDown(now, why);
    }

    @Override
    public void groupFault(long now, String why) {
        tracking.groupFault(why);
    }

    /** RFC 3768 5.3.10: the password, padded with zeros to 8 bytes (keepalived sends it so). */
    static byte[] passwordBytes(String password) {
        byte[] data = new byte[VrrpPacket.AUTH_DATA_LENGTH];
        if (password != null) {
            byte[] p = password.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(p, 0, data, 0, Math.min(p.length, data.length));
        }
        return data;
    }

    boolean unicast() {
        return peers != null;
    }

    Peers peers() {
        return peers;
    }

    /** Loop thread, at start: find the unicast peers' MACs, and keep checking them. */
    void startResolvingPeers() {
        if (peers == null) {
            return;
        }
        for (UnicastPeer p : peers.all()) {
            link.send(ArpCodec.request(link.mac(), (Inet4Address) source, p.address()));
        }
        loop.schedule(loop.now() + (peers.allResolved() ? RESOLVE_REFRESH_NANOS : RESOLVE_RETRY_NANOS),
                this::startResolvingPeers);
    }

    Router router() {
        return router;
    }

    InstanceConfig config() {
        return config;
    }

    /**
     * Capture thread: the instance's own checks, then hand the advert to the loop. {@code frame} is the
     * Ethernet frame it came in (its source MAC teaches us a unicast peer's MAC).
     */
    void accept(VrrpPacket p, byte[] frame, long receivedAt) {
        if (p.version() != config.version()) {
            drop(PolicyDrop.VERSION_MISMATCH, p);
            return;
        }
        if (peers == null) {
            if (p.ttl() != VrrpPacket.TTL) {
                drop(WireDrop.TTL_NOT_255, p);
                return;
            }
        } else {
            UnicastPeer peer = peers.find(p.source());
            if (peer == null) {
                drop(PolicyDrop.UNKNOWN_PEER, p);
                return;
            }
            if (!peer.acceptsTtl(p.ttl())) {
                drop(PolicyDrop.TTL_OUT_OF_RANGE, p);
                return;
            }
        }
        if (p.version() == 2) {
            if (p.authType() != authType || !p.authDataEquals(authData)) {
                drop(PolicyDrop.AUTH_MISMATCH, p);
                return;
            }
            // RFC 3768 7.1: an advert with another interval is dropped (keepalived agrees).
            if (p.advertInterval() != config.advertIntervalCentis()) {
                drop(PolicyDrop.INTERVAL_MISMATCH, p);
                return;
            }
        } else if (p.advertInterval() != config.advertIntervalCentis() && p.advertInterval() != lastLoggedInterval) {
            lastLoggedInterval = p.advertInterval();
            log.warn("{}: {} advertises every {} ms, we are set to {} ms; following the master's interval "
                            + "(RFC 5798)", config.name(), p.source().getHostAddress(), p.advertInterval() * 10,
                    config.advertIntervalCentis() * 10);
        }
        if (!sameAddresses(p.addresses())) {
            addressMismatches.incrementAndGet();
            if (!p.addresses().equals(lastMismatchedAddresses)) {
                lastMismatchedAddresses = p.addresses();
                log.warn("{}: {} protects {}, we protect {}; check both configs (counted, not dropped)",
                        config.name(), p.source().getHostAddress(), names(p.addresses()), names(addresses));
            }
        }
        if (peers != null) {
            peers.learn(p.source(), frame, 6);
        }
        advertsReceived.incrementAndGet();
        // The kernel's receive time, not now: the timers run from the advert's arrival (ReceiveTime).
        int queued = inbox.offer(p.source(), p.priority(), p.advertInterval(), receivedAt);
        if (queued == AdvertInbox.FIRST) {
            loop.execute(drainInbox);
        } else if (queued == AdvertInbox.REPLACED) {
            drop(PolicyDrop.LOOP_BEHIND, p);
        }
    }

    /** Loop thread: every advert accepted since the last drain, oldest first. */
    private void drainInbox() {
        while (inbox.take(heard)) {
            router.advertReceived(heard.receivedAt, heard.source, heard.priority, heard.advertInterval);
        }
        heard.source = null;
    }

    private boolean sameAddresses(List<InetAddress> theirs) {
        if (theirs.size() != addresses.size()) {
            return false;
        }
        for (int i = 0; i < theirs.size(); i++) {
            if (!addressSet.contains(theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(List<? extends InetAddress> list) {
        return list.stream().map(InetAddress::getHostAddress).toList();
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
        synchronized (sending) {
            if (!resigned) {
                sendAdvert(priority);
            }
        }
    }

    /**
     * A stopping master's priority 0 advert, sent from the thread that stops the agent (the signal's) rather
     * than after a hop to the event loop, a wake-up that cost 0.2 to 0.3 ms of every graceful handover here.
     * Nothing is sent after it: an advert the loop was about to send with the old priority would tell the
     * backups the master is back and cost them a whole Master_Down_Interval. Router.shutdown then finds the
     * advert sent and releases the addresses as usual.
     */
    void resign() {
        synchronized (sending) {
            if (!resigned && master) {
                sendAdvert(0);
                resigned = true;
            }
        }
    }

    private void sendAdvert(int priority) {
        if (peers == null) {
            if (config.ipv6()) {
                send(multicastFrame, priority, VrrpCodec.MULTICAST_GROUP_V6, Link.GROUP_MAC_V6);
            } else {
                send(multicastFrame, priority, VrrpCodec.MULTICAST_GROUP, Link.GROUP_MAC);
            }
            return;
        }
        List<UnicastPeer> all = peers.all();
        if (unicastFrames.length != all.size()) {
            unicastFrames = new AdvertFrame[all.size()];
        }
        for (int i = 0; i < all.size(); i++) { // indexed: no iterator in the steady state
            Inet4Address peer = all.get(i).address();
            if (unicastFrames[i] == null) {
                unicastFrames[i] = new AdvertFrame();
            }
            send(unicastFrames[i], priority, peer, peers.macOf(peer));
        }
    }

    private void send(AdvertFrame cached, int priority, InetAddress destination, byte[] destinationMac) {
        InstanceConfig c = config;
        ipId = (ipId + 1) & 0xffff;
        byte[] frame = cached.frame(c.version(), c.vrid(), priority, c.advertIntervalCentis(), addresses, authType,
                c.version() == 2 ? authData : NO_DATA, source, destination, link.mac(), destinationMac, ipId);
        if (link.send(frame)) {
            advertsSent.incrementAndGet();
        }
    }

    @Override
    public void claimVips(Router r) {
        term++;
        claim(config.virtualIps(), announce);
        long delay = config.garp().delayMillis();
        if (delay > 0) {
            loop.schedule(loop.now() + TimeUnit.MILLISECONDS.toNanos(delay), termTask(term, announceAgain));
        }
        scheduleRefresh(term);
    }

    /** Adds {@code vips} to the link, runs {@code thenAnnounce} as soon as the kernel has them, then logs. */
    private void claim(List<VirtualIp> vips, Runnable thenAnnounce) {
        List<Netlink.AddressToAdd> adds = new ArrayList<>(vips.size());
        for (VirtualIp vip : vips) {
            adds.add(new Netlink.AddressToAdd(link.ifIndex(), vip.address(), vip.prefixLength(), null));
        }
        // The ARPs go out as soon as the kernel has the addresses, before its acknowledgements are read.
        List<Netlink.AddOutcome> outcomes = link.netlink().addAddresses(adds, thenAnnounce);
        for (int k = 0; k < vips.size(); k++) {
            VirtualIp vip = vips.get(k);
            Netlink.AddOutcome o = outcomes.get(k);
            if (o.error() == null) {
                held.add(vip);
                claimedVips.add(vip);
                claimedAdded.add(o.added());
            } else {
                log.error("{}: cannot claim {} on {}: {}", config.name(), vip, link.name(), o.error().getMessage());
                claimFailed(vip + ": " + o.error().getMessage());
            }
        }
        // Logged after this event, once the ARPs and the takeover's advert are out: writing the lines first
        // would delay every client, and the old master's letting go, by that much.
        if (!claimedVips.isEmpty()) {
            loop.execute(logClaims);
        }
    }

    private void logClaims() {
        for (int k = 0; k < claimedVips.size(); k++) {
            log.info("{}: claimed {} on {}{}", config.name(), claimedVips.get(k), link.name(),
                    claimedAdded.get(k) ? "" : " (already there)");
        }
        claimedVips.clear();
        claimedAdded.clear();
    }

    /** keepalived's garp_master_refresh: remind the segment every refresh interval while this term lasts. */
    private void scheduleRefresh(long myTerm) {
        long refresh = config.garp().refreshMillis();
        if (refresh > 0) {
            loop.schedule(loop.now() + TimeUnit.MILLISECONDS.toNanos(refresh), termTask(myTerm, refreshAgain));
        }
    }

    private void announceAgain(long myTerm) {
        announceVips(router);
    }

    private void refreshAgain(long myTerm) {
        announceVips(router);
        scheduleRefresh(myTerm);
    }

    /** Runs {@code task} only while the master term it was scheduled in lasts. */
    private Runnable termTask(long myTerm, java.util.function.LongConsumer task) {
        return new Runnable() {
            @Override
            public void run() {
                if (term == myTerm && router.state() == State.MASTER) {
                    task.accept(myTerm);
                }
            }
        };
    }

    /**
     * Runs the pure half of a takeover once, at start, without sending or changing anything: the JVM links
     * code the first time it runs it (a record's hashCode and toString are bootstrapped method handles, a
     * codec's classes load), milliseconds that would otherwise fall inside the first failover. Loop thread.
     */
    void primeTakeover() {
        Set<VirtualIp> scratch = new HashSet<>(config.virtualIps());
        for (VirtualIp vip : config.virtualIps()) {
            if (!scratch.contains(vip) || vip.toString().isEmpty() || !vip.equals(vip)) {
                throw new IllegalStateException("a VIP that is not equal to itself: " + vip);
            }
            InetAddress a = vip.address();
            byte[] frame = a instanceof Inet6Address v6 ? NdpCodec.unsolicitedAdvert(link.mac(), v6, false)
                    : ArpCodec.gratuitousRequest(link.mac(), (Inet4Address) a);
            primed += frame.length;
        }
        Map<DropReason, Long> now = drops.snapshot();
        primed += droppedSince(now, now).length();
        // The first advert heard: its decode and its hand-over to the loop took ~10 ms cold, enough for a
        // backup starting beside its master to miss that advert and take over for a moment. Build one of our
        // own (twice: the second patches the first), decode it, and pass it through a scratch inbox.
        try {
            AdvertFrame scratchFrame = new AdvertFrame();
            byte[] ownFrame = null;
            for (int id = 0; id < 2; id++) {
                ownFrame = scratchFrame.frame(config.version(), config.vrid(), 1, config.advertIntervalCentis(),
                        addresses, authType, config.version() == 2 ? authData : NO_DATA, source,
                        config.ipv6() ? VrrpCodec.MULTICAST_GROUP_V6 : VrrpCodec.MULTICAST_GROUP, link.mac(),
                        config.ipv6() ? Link.GROUP_MAC_V6 : Link.GROUP_MAC, id);
            }
            if (VrrpCodec.decodeFrame(ownFrame, ownFrame.length, true) instanceof Decoded.Accepted accepted) {
                AdvertInbox scratchInbox = new AdvertInbox();
                AdvertInbox.Heard h = new AdvertInbox.Heard();
                VrrpPacket own = accepted.packet();
                primed += scratchInbox.offer(own.source(), own.priority(), own.advertInterval(), 0);
                primed += scratchInbox.take(h) ? h.priority : 0;
            }
        } catch (RuntimeException e) {
            log.debug("{}: could not prime the advert path: {}", config.name(), e.toString()); // only slower
        }
    }

    @Override
    public void releaseVips(Router r) {
        term++;
        for (VirtualIp vip : config.virtualIps()) {
            if (held.contains(vip)) {
                release(vip);
            }
        }
    }

    /** The VIPs on the link now by this instance's claim, in config order. Loop thread. */
    List<VirtualIp> heldVips() {
        List<VirtualIp> out = new ArrayList<>(held.size());
        for (VirtualIp vip : config.virtualIps()) {
            if (held.contains(vip)) {
                out.add(vip);
            }
        }
        return out;
    }

    /**
     * A master that cannot add its VIP serves nobody, and its adverts would keep a healthy backup from taking
     * over: FAULT, after the current event (the router is mid-transition), and try again a little later.
     */
    private void claimFailed(String why) {
        loop.execute(() -> tracking.fault("claim", "cannot add VIP " + why));
        loop.schedule(loop.now() + CLAIM_RETRY_NANOS, () -> tracking.fault("claim", null));
    }

    /** Removes an address if present; used on release and to clean up after a run that was killed. */
    void release(VirtualIp vip) {
        held.remove(vip);
        try {
            if (link.netlink().deleteAddress(link.ifIndex(), vip.address(), vip.prefixLength())) {
                log.info("{}: released {} on {}", config.name(), vip, link.name());
            }
        } catch (NetlinkException e) {
            if (e.errno() == io.floatip.net.Errno.ENODEV) {
                log.debug("{}: {} went with its interface {}", config.name(), vip, link.name());
                return;
            }
            log.error("{}: cannot release {} on {}: {}", config.name(), vip, link.name(), e.getMessage());
        }
    }

    /** Loop thread: whether this instance added {@code vip} and has not released it. */
    boolean holds(VirtualIp vip) {
        return held.contains(vip);
    }

    @Override
    public void announceVips(Router r) {
        announce(addresses);
    }

    /** Gratuitous ARPs for IPv4 VIPs; unsolicited neighbour advertisements (override set) for IPv6 ones. */
    private void announce(List<InetAddress> which) {
        for (int i = 0; i < config.garp().repeat(); i++) {
            for (InetAddress a : which) {
                link.send(a instanceof Inet6Address v6 ? NdpCodec.unsolicitedAdvert(link.mac(), v6, false)
                        : ArpCodec.gratuitousRequest(link.mac(), (Inet4Address) a));
            }
        }
    }

    @Override
    public void stateChanged(Router r, State from, State to, String reason) {
        master = to == State.MASTER;
        transitions.incrementAndGet();
        Map<DropReason, Long> dropsNow = drops.snapshot();
        String dropped = to == State.MASTER ? droppedSince(dropsAtLastChange, dropsNow) : "";
        dropsAtLastChange = dropsNow;
        log.info("{}: {} -> {} ({}{}), priority {}", config.name(), from, to, reason, dropped, r.priority());
        if (notifications != null) {
            notifications.changed(to, r.priority());
        }
        SyncGroup group = tracking.group();
        if (group != null) {
            group.memberChanged(loop.now(), this, to);
        }
        if (afterTransition != null) {
            afterTransition.run();
        }
    }

    /** Loop thread: called after every transition (the agent's sd_notify STATUS line). */
    void afterTransition(Runnable hook) {
        this.afterTransition = hook;
    }

    /**
     * Becoming master while the peer's adverts were being dropped is the usual cause of two masters (a wrong
     * password, another interval): say so in the transition line, where an operator looks first.
     */
    static String droppedSince(Map<DropReason, Long> before, Map<DropReason, Long> now) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<DropReason, Long> e : now.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                sb.append(sb.length() == 0 ? "; adverts dropped meanwhile: " : ", ")
                        .append(n).append(' ').append(e.getKey().key());
            }
        }
        return sb.toString();
    }
}
