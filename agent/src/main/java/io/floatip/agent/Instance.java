package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRouting;
import io.floatip.policy.AdvertCheck;
import io.floatip.policy.Claim;
import io.floatip.policy.InstancePolicy;
import io.floatip.policy.InstancePort;
import io.floatip.policy.Timer;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.DropReason;
import io.floatip.router.Router;
import io.floatip.router.State;
import io.floatip.router.SyncGroup;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured VRRP instance at run time: the driver of its {@link InstancePolicy} (and so of its router),
 * which carries out what the policy decides with libpcap, netlink and the notifier, and its member of a sync
 * group. Loop thread, except {@link #resign} (a stopping thread) and its receive path ({@link AdvertReceiver}).
 */
final class Instance implements InstancePort, SyncGroup.Member {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Link link;
    /** Where the VIPs go and adverts and ARPs come from: the link itself, or use_vmac's macvlan over it. */
    private final Link vipLink;
    private final EventLoop loop;
    private final InstancePolicy policy;
    private final Router router;
    private final AdvertReceiver receiver;
    private final AdvertSender sender;
    /** Our advert source: IPv4, unicast_source or the primary address; IPv6, the link-local (RFC 9568 5.1.2.1). */
    private final InetAddress source;
    private final Peers peers; // null in multicast mode
    final AtomicLong transitions = new AtomicLong();
    /** VIPs something else removed while we were master, and the guard put back. */
    final AtomicLong vipsRestored = new AtomicLong();
    final Routing routing; // virtual_routes and virtual_rules, over the link's netlink socket
    /** Loop thread only: the drop counters at the last state change. */
    private Map<DropReason, Long> dropsAtLastChange = Map.of();
    private final Tracking tracking;
    final ConflictWatch conflictWatch;
    private Notifications notifications;
    private Runnable afterTransition;
    private final VirtualAddresses addresses;
    io.floatip.firewall.AcceptFirewall firewall; // Accept_Mode false's drop rules, in the agent's nftables table
    /** What {@link #primeTakeover()} computed, kept so the work is not optimised away. */
    private long primed;

    /** @param vipLink {@code link}, or use_vmac's macvlan, whose frames leave through {@code link}'s capture */
    Instance(InstanceConfig config, Link link, Link vipLink, EventLoop loop) {
        this.link = link;
        this.vipLink = vipLink;
        this.loop = loop;
        this.source = config.ipv6() ? link.linkLocal()
                : config.unicastSource() != null ? config.unicastSource() : link.primaryAddress();
        this.peers = config.unicast() ? new Peers(config.name(), config.unicastPeers()) : null;
        this.policy = new InstancePolicy(config, source, this);
        this.router = policy.router();
        this.receiver = new AdvertReceiver(config, router, loop, peers);
        AdvertCheck check = receiver.check();
        this.sender = new AdvertSender(vipLink, link.mac(), source, check.authType(), check.authData(), peers);
        this.tracking = new Tracking(config.priority(), router, loop);
        this.conflictWatch = ConflictWatch.of(config, link, loop, source, router, receiver, sender, this::announceVips);
        this.addresses = new VirtualAddresses(policy, link, vipLink, loop);
        this.routing = new Routing(config.name(), link.netlink(), loop, router, policy);
    }

    /** Loop thread: where to find the links of VIPs on other interfaces (opened by {@link Instances}). */
    void linksByName(Function<String, Link> lookup) {
        addresses.linksByName(lookup);
    }

    /** The link {@code vip} goes on, or null if its interface is not open. */
    Link linkOf(VirtualIp vip) {
        return addresses.linkOf(vip);
    }

    /** Loop thread: a reload that changes only what may change in place (see ReloadPlan). */
    void reconfigure(InstanceConfig next) {
        addresses.reconfigure(next);
        receiver.reconfigure(next); // and the split-brain watch's
        policy.reconfigure(next);
        tracking.basePriority(next.priority(), "reload");
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

    boolean unicast() {
        return peers != null;
    }

    Router router() {
        return router;
    }

    InstanceConfig config() {
        return policy.config();
    }

    AdvertReceiver receiver() {
        return receiver;
    }

    long advertsSent() {
        return sender.advertsSent.get();
    }

    /** Loop thread: whether this instance added {@code vip} and has not released it. */
    boolean holds(VirtualIp vip) {
        return policy.holds(vip);
    }

    /** The VIPs on the link now by this instance's claim, in config order. Loop thread. */
    List<VirtualIp> heldVips() {
        return policy.heldVips();
    }

    String vmacName() { // use_vmac's macvlan, else null
        return vipLink == link ? null : vipLink.name();
    }

    /** Loop thread: the VIPs announced again (the guard put one back). */
    void announceVips() {
        policy.announceVips(router);
    }

    /** Loop thread, at start: find the unicast peers' MACs, and keep checking them. */
    void startResolvingPeers() {
        policy.resolvePeers();
    }

    /** Any thread: a stopping master's priority 0 advert, at once (see {@link AdvertSender#resign}). */
    void resign() {
        sender.resign(policy.config(), policy.addresses(), policy.master());
    }

    // ---- SyncGroup.Member, on the loop thread ----

    @Override
    public String name() {
        return policy.config().name();
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

    // ---- InstancePort, on the loop thread ----

    @Override
    public void sendAdvert(int priority) {
        sender.send(policy.config(), policy.addresses(), priority);
    }

    @Override
    public void sendAdvertAsBackup(int priority) {
        sender.send(policy.config(), policy.addresses(), priority, false);
    }

    @Override
    public List<Claim> addVips(List<VirtualIp> vips, List<InetAddress> announce, int repeat) {
        return addresses.add(vips, announce, repeat);
    }

    @Override
    public void claimed(List<Claim> claims) {
        addresses.claimed(claims);
    }

    @Override
    public void claimFailed(Claim claim) {
        addresses.claimFailed(claim);
    }

    @Override
    public void stepDownLater(String why) {
        loop.execute(() -> {
            if (router.state() == State.MASTER) {
                router.claimFailed(loop.now(), why);
            }
        });
    }

    @Override
    public void addRouting(VirtualRouting held) {
        routing.addAfterThisEvent(held);
    }

    @Override
    public void removeRouting(VirtualRouting held) {
        routing.remove(held, false);
    }

    @Override
    public void refuse(List<VirtualIp> addresses) {
        firewall.refuse(name(), link.name(), addresses);
    }

    @Override
    public void removeVip(VirtualIp vip) {
        addresses.remove(vip);
    }

    @Override
    public void announce(List<InetAddress> which, int repeat) {
        addresses.announce(which, repeat);
    }

    @Override
    public void arpRequest(Inet4Address peer) {
        link.send(ArpCodec.request(link.mac(), (Inet4Address) source, peer));
    }

    @Override
    public boolean peersResolved() {
        return peers == null || peers.allResolved();
    }

    @Override
    public void schedule(long afterNanos, Timer timer, long term) {
        loop.schedule(loop.now() + afterNanos, () -> policy.fired(timer, term));
    }

    @Override
    public void transitioned(State from, State to, String reason, int priority) {
        transitions.incrementAndGet();
        if (to != State.MASTER) {
            addresses.clearAnnouncements();
        }
        Map<DropReason, Long> dropsNow = receiver.drops.snapshot();
        String dropped = to == State.MASTER ? DroppedSince.describe(dropsAtLastChange, dropsNow) : "";
        dropsAtLastChange = dropsNow;
        log.info("{}: {} -> {} ({}{}), priority {}", name(), from, to, reason, dropped, priority);
        if (notifications != null) {
            notifications.changed(to, priority);
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
     * Runs the pure half of a takeover once, at start, changing nothing: the JVM links code the first time it
     * runs it (bootstrapped method handles, codec classes), milliseconds otherwise in the first failover. Loop.
     */
    void primeTakeover() {
        primed += TakeoverWarmup.prime(policy.config(), vipLink.mac(), receiver.drops);
        // The first advert heard took ~10 ms cold, enough for a backup starting beside its master to take over
        // for a moment: build one of our own, decode it, and pass it through a scratch inbox.
        try {
            primed += TakeoverWarmup.primeReceive(sender.primeFrame(policy.config(), policy.addresses()));
        } catch (RuntimeException e) {
            log.debug("{}: could not prime the advert path: {}", name(), e.toString()); // only slower
        }
    }
}
