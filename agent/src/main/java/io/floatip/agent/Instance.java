package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRouting;
import io.floatip.net.Errno;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.AdvertCheck;
import io.floatip.policy.Claim;
import io.floatip.policy.InstancePolicy;
import io.floatip.policy.InstancePort;
import io.floatip.policy.Timer;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.NdpCodec;
import io.floatip.router.ClaimBackoff;
import io.floatip.router.Router;
import io.floatip.router.State;
import io.floatip.router.SyncGroup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
    private final List<Claim> toLog = new ArrayList<>(); // to log once the takeover's frames are out
    private final Runnable logClaims = this::logClaims;
    /** A takeover's first announcement, bound here so that a takeover links no code on first use. */
    private final Runnable announceAll = this::announceAll;
    private int announceRepeat;
    private final GarpPacer garps; // spaces the gratuitous ARPs/NAs by garp.interval
    /** The open links by name, for VIPs on another interface than the instance's (keepalived's dev). */
    private java.util.function.Function<String, Link> linksByName = name -> null;
    /** Loop thread: the link of each address not on the instance's own, for its ARPs; usually empty. */
    private Map<InetAddress, Link> announceOn = Map.of();
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
        this.sender = new AdvertSender(vipLink, source, check.authType(), check.authData(), peers);
        this.tracking = new Tracking(config.priority(), router, loop);
        this.conflictWatch = ConflictWatch.of(config, link, loop, source, router, receiver, sender, this::announceVips);
        this.garps = new GarpPacer(loop, vipLink::send);
        this.routing = new Routing(config.name(), link.netlink(), loop, router, policy);
    }

    /** Loop thread: where to find the links of VIPs on other interfaces (opened by {@link Instances}). */
    void linksByName(java.util.function.Function<String, Link> lookup) {
        this.linksByName = lookup;
        announceOn = announceOn(policy.config());
    }

    private Map<InetAddress, Link> announceOn(InstanceConfig c) {
        Map<InetAddress, Link> on = new java.util.HashMap<>();
        for (VirtualIp vip : c.heldIps()) {
            Link other = vip.interfaceName() == null ? null : linksByName.apply(vip.interfaceName());
            if (other != null) {
                on.put(vip.address(), other);
            }
        }
        return on.isEmpty() ? Map.of() : on;
    }

    /** The link {@code vip} goes on, or null if its interface is not open. */
    Link linkOf(VirtualIp vip) {
        return vip.interfaceName() == null ? vipLink : linksByName.apply(vip.interfaceName());
    }

    /** " on eth0" for an address on the instance's own interface; one on another says "dev eth1" itself. */
    private String onOwn(VirtualIp vip) {
        return vip.interfaceName() == null ? " on " + vipLink.name() : "";
    }

    /** Loop thread: a reload that changes only what may change in place (see ReloadPlan). */
    void reconfigure(InstanceConfig next) {
        announceOn = announceOn(next);
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
    public List<Claim> addVips(List<VirtualIp> vips, List<InetAddress> announce, int repeat) {
        List<Netlink.AddressToAdd> adds = new ArrayList<>(vips.size());
        List<VirtualIp> placed = new ArrayList<>(vips.size());
        List<Claim> unplaced = new ArrayList<>(0);
        for (VirtualIp vip : vips) {
            Link on = linkOf(vip);
            if (on == null) { // its interface could not be opened: said when it was tried
                unplaced.add(new Claim(vip, false, "interface " + vip.interfaceName() + " is not open"));
                continue;
            }
            adds.add(new Netlink.AddressToAdd(on.ifIndex(), vip.address(), vip.prefixLength(), null));
            placed.add(vip);
        }
        announceRepeat = repeat;
        // The ARPs go out as soon as the kernel has the addresses, before its acknowledgements are read.
        Runnable thenAnnounce = announce == policy.announced() ? announceAll : () -> announce(announce, repeat);
        List<Netlink.AddOutcome> outcomes = adds.isEmpty() ? List.of() : link.netlink().addAddresses(adds,
                thenAnnounce);
        List<Claim> claims = new ArrayList<>(vips.size());
        for (int k = 0; k < placed.size(); k++) {
            Netlink.AddOutcome o = outcomes.get(k);
            claims.add(new Claim(placed.get(k), o.added(), o.error() == null ? null : o.error().getMessage()));
        }
        claims.addAll(unplaced);
        return claims;
    }

    private void announceAll() {
        announce(policy.announced(), announceRepeat);
    }

    /** Logged once the ARPs and the takeover's advert are out: lines written first would delay them. */
    @Override
    public void claimed(List<Claim> claims) {
        toLog.addAll(claims);
        loop.execute(logClaims);
    }

    private void logClaims() {
        for (Claim c : toLog) {
            log.info("{}: claimed {}{}{}", name(), c.vip(), onOwn(c.vip()), c.added() ? "" : " (already there)");
        }
        toLog.clear();
    }

    @Override
    public void claimFailed(Claim claim) {
        log.error("{}: cannot claim {}{}: {}; staying BACKUP, not preempting for {} s, then twice as long "
                        + "after each failed claim (up to {} s) until one succeeds; status shows the back-off", name(),
                claim.vip(), onOwn(claim.vip()), claim.error(), ClaimBackoff.FIRST_NANOS / 1_000_000_000,
                ClaimBackoff.MAX_NANOS / 1_000_000_000);
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
        firewall.refuse(name(), vipLink.name(), addresses); // a link-local VIP lives there
    }

    /** Removes an address if present; used on release and to clean up after a run that was killed. */
    @Override
    public void removeVip(VirtualIp vip) {
        Link on = linkOf(vip);
        if (on == null) {
            return; // never opened, so never claimed there
        }
        try {
            if (link.netlink().deleteAddress(on.ifIndex(), vip.address(), vip.prefixLength())) {
                log.info("{}: released {}{}", name(), vip, onOwn(vip));
            }
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                log.debug("{}: {} went with its interface {}", name(), vip, on.name());
                return;
            }
            log.error("{}: cannot release {} on {}: {}", name(), vip, on.name(), e.getMessage());
        }
    }

    /** Gratuitous ARPs for IPv4 VIPs; unsolicited neighbour advertisements (override set) for IPv6 ones. */
    @Override
    public void announce(List<InetAddress> which, int repeat) {
        garps.interval(policy.config().garp().intervalMillis());
        for (int i = 0; i < repeat; i++) {
            for (InetAddress a : which) {
                Link on = announceOn.isEmpty() ? vipLink : announceOn.getOrDefault(a, vipLink);
                byte[] frame = a instanceof Inet6Address v6 ? NdpCodec.unsolicitedAdvert(on.mac(), v6, false)
                        : ArpCodec.gratuitousRequest(on.mac(), (Inet4Address) a);
                if (on == vipLink) {
                    garps.send(frame);
                } else {
                    garps.send(frame, on::send);
                }
            }
        }
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
            garps.clear();
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
