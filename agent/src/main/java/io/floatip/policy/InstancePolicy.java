package io.floatip.policy;

import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRoute;
import io.floatip.config.VirtualRouting;
import io.floatip.config.VirtualRule;
import io.floatip.router.Router;
import io.floatip.router.RouterActions;
import io.floatip.router.RouterConfig;
import io.floatip.router.State;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What one instance decides beside its {@link Router}: which VIPs it holds, what a failed claim does, when its
 * gratuitous ARPs go out, how often it asks for its unicast peers' MACs, and what a reload changes in place.
 * Pure: no threads, sockets or clock; it reports through an {@link InstancePort} and is woken by its timers.
 * Loop thread only, except {@link #addresses()} and {@link #master()}.
 */
public final class InstancePolicy implements RouterActions {
    /** While a unicast peer's MAC is unknown, ask again this often; once known, re-check this often. */
    public static final long RESOLVE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    public static final long RESOLVE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InstancePort port;
    private final InetAddress source;
    private final Router router;
    /** Replaced whole on reload: a stopping thread's advert reads it. */
    private volatile InstanceConfig config;
    /** Immutable, replaced whole on reload: a stopping thread's advert reads it. */
    private volatile List<InetAddress> addresses;
    /** What the gratuitous ARPs / NAs announce: the VIPs and the excluded addresses. Loop thread. */
    private List<InetAddress> announced;
    /** The VIPs this instance added (and so must remove), not those it failed to add. */
    private final Set<VirtualIp> held = new HashSet<>();
    /** The routes and rules this instance added as master (and so must remove); NONE when not master. */
    private VirtualRouting heldRouting = VirtualRouting.NONE;
    /** What this master drops packets to (Accept_Mode false); empty when not master. Loop thread. */
    private List<VirtualIp> refusing = List.of();
    /** Counts master terms, so a GARP burst scheduled in an earlier term does not fire in a later one. */
    private long term;
    /** The router's state is the loop's; this copy tells a stopping thread whether there is a term to end. */
    private volatile boolean master;

    /** @param source our advert source, which wins an equal-priority tie by being higher */
    public InstancePolicy(InstanceConfig config, InetAddress source, InstancePort port) {
        this.config = config;
        this.source = source;
        this.port = port;
        this.addresses = AdvertCheck.addresses(config);
        this.announced = announced(config);
        this.router = new Router(routerConfig(config), this);
    }

    private RouterConfig routerConfig(InstanceConfig c) {
        return new RouterConfig(c.name(), c.vrid(), c.version(), c.priority(), c.advertIntervalCentis(), c.preempt(),
                TimeUnit.MILLISECONDS.toNanos(c.preemptDelayMillis()), source, c.fastPreempt());
    }

    public Router router() {
        return router;
    }

    public InstanceConfig config() {
        return config;
    }

    /** Any thread: the VIPs' addresses, the list an advert carries. */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** Loop thread: the addresses a takeover announces, VIPs then excluded ones; immutable. */
    public List<InetAddress> announced() {
        return announced;
    }

    private static List<InetAddress> announced(InstanceConfig c) {
        if (c.excludedIps().isEmpty()) {
            return AdvertCheck.addresses(c);
        }
        List<InetAddress> list = new ArrayList<>();
        for (VirtualIp vip : c.heldIps()) {
            list.add(vip.address());
        }
        return List.copyOf(list);
    }

    /** Any thread: whether the last transition was to MASTER. */
    public boolean master() {
        return master;
    }

    /** Whether this instance added {@code vip} and has not released it. */
    public boolean holds(VirtualIp vip) {
        return held.contains(vip);
    }

    /** The routes and rules this instance holds now: its config's while master, else none. */
    public VirtualRouting heldRouting() {
        return heldRouting;
    }

    /** The addresses this instance has packets to dropped: its own while a non-owner master with accept false. */
    public List<VirtualIp> refusing() {
        return refusing;
    }

    private void refuse(List<VirtualIp> addresses) {
        if (!addresses.equals(refusing)) {
            refusing = addresses;
            port.refuse(addresses);
        }
    }

    /** The VIPs and excluded addresses this instance holds now, in config order. */
    public List<VirtualIp> heldVips() {
        List<VirtualIp> out = new ArrayList<>(held.size());
        for (VirtualIp vip : config.heldIps()) {
            if (held.contains(vip)) {
                out.add(vip);
            }
        }
        return out;
    }

    /** Asks for every unicast peer's MAC, and keeps asking: often until all are known, seldom after. */
    public void resolvePeers() {
        if (!config.unicast()) {
            return;
        }
        for (UnicastPeer p : config.unicastPeers()) {
            port.arpRequest(p.address());
        }
        port.schedule(port.peersResolved() ? RESOLVE_REFRESH_NANOS : RESOLVE_RETRY_NANOS, Timer.RESOLVE_PEERS, 0);
    }

    /** A timer this policy scheduled is due; {@code ofTerm}: the master term it was scheduled in. */
    public void fired(Timer timer, long ofTerm) {
        switch (timer) {
            case GARP_REPEAT -> {
                if (inTerm(ofTerm)) {
                    announceVips(router);
                }
            }
            case GARP_REFRESH -> {
                if (inTerm(ofTerm)) {
                    announceVips(router);
                    scheduleRefresh(ofTerm);
                }
            }
            case RESOLVE_PEERS -> resolvePeers();
        }
    }

    private boolean inTerm(long ofTerm) {
        return term == ofTerm && router.state() == State.MASTER;
    }

    /**
     * A reload changed only what may change in place (see {@link ReloadPlan}): a master lets go of the VIPs
     * that went and claims and announces the new ones at once; the router takes the new settings. The caller
     * then reports the new base priority to tracking, which a master advertises at once.
     */
    public void reconfigure(InstanceConfig next) {
        InstanceConfig before = config;
        Set<VirtualIp> oldVips = Set.copyOf(before.heldIps());
        Set<VirtualIp> newVips = Set.copyOf(next.heldIps());
        boolean isMaster = router.state() == State.MASTER;
        for (VirtualIp vip : before.heldIps()) {
            if (!newVips.contains(vip) && isMaster) {
                held.remove(vip);
                port.removeVip(vip);
            }
        }
        config = next;
        addresses = AdvertCheck.addresses(next);
        announced = announced(next);
        for (VirtualIp vip : next.heldIps()) {
            String failed = !oldVips.contains(vip) && isMaster ? claim(List.of(vip), List.of(vip.address())) : null;
            if (failed != null) {
                port.stepDownLater(failed);
            }
        }
        if (isMaster) {
            refuse(next.refusedWhileMaster());
            VirtualRouting gone = minus(before.routing(), next.routing());
            VirtualRouting added = minus(next.routing(), before.routing());
            if (!gone.isEmpty()) {
                port.removeRouting(gone);
            }
            heldRouting = next.routing();
            if (!added.isEmpty()) {
                port.addRouting(added);
            }
        }
        router.reconfigure(routerConfig(next));
    }

    /** What {@code a} has and {@code b} has not, in {@code a}'s order. */
    static VirtualRouting minus(VirtualRouting a, VirtualRouting b) {
        List<VirtualRoute> routes = new ArrayList<>(a.routes());
        routes.removeAll(b.routes());
        List<VirtualRule> rules = new ArrayList<>(a.rules());
        rules.removeAll(b.rules());
        return new VirtualRouting(routes, rules);
    }

    // ---- RouterActions ----

    @Override
    public void sendAdvert(Router r, int priority) {
        port.sendAdvert(priority);
    }

    @Override
    public void sendAdvertAsBackup(Router r, int priority) {
        port.sendAdvertAsBackup(priority);
    }

    @Override
    public String claimVips(Router r) {
        term++;
        // Asked for before the VIPs, keepalived's order (vrrp.c, vrrp_state_become_master); nft writes them on a
        // thread of its own, so as not to delay the takeover, milliseconds after the VIPs are up.
        refuse(config.refusedWhileMaster());
        String failed = claim(config.heldIps(), announced);
        if (failed != null) {
            return failed; // the router releases what was added and stays BACKUP: no GARP timers
        }
        // After the VIPs: a route through a gateway on a VIP's subnet, or from a VIP, needs the VIP first.
        heldRouting = config.routing();
        if (!heldRouting.isEmpty()) {
            port.addRouting(heldRouting);
        }
        long delay = config.garp().delayMillis();
        if (delay > 0) {
            port.schedule(TimeUnit.MILLISECONDS.toNanos(delay), Timer.GARP_REPEAT, term);
        }
        scheduleRefresh(term);
        return null;
    }

    /**
     * Adds {@code vips}; returns why the first that failed did, or null. A master that cannot add its VIP
     * serves nobody, so the router gives up the claim ({@link Router#claimFailed}) and backs off; the error is
     * logged once per episode (the first failure after a claim that succeeded), the rest are in the status.
     */
    private String claim(List<VirtualIp> vips, List<InetAddress> announce) {
        List<Claim> results = port.addVips(vips, announce, config.garp().repeat());
        List<Claim> claimed = new ArrayList<>(results.size());
        String failed = null;
        for (Claim c : results) {
            if (c.ok()) {
                held.add(c.vip());
                claimed.add(c);
            } else if (failed == null) {
                failed = "cannot add VIP " + c.vip() + ": " + c.error();
                if (router.claimBackoff().failures() == 0) {
                    port.claimFailed(c);
                }
            }
        }
        if (!claimed.isEmpty()) {
            port.claimed(claimed);
        }
        return failed;
    }

    private void scheduleRefresh(long ofTerm) {
        long refresh = config.garp().refreshMillis();
        if (refresh > 0) {
            port.schedule(TimeUnit.MILLISECONDS.toNanos(refresh), Timer.GARP_REFRESH, ofTerm);
        }
    }

    @Override
    public void releaseVips(Router r) {
        term++;
        if (!heldRouting.isEmpty()) {
            port.removeRouting(heldRouting);
        }
        heldRouting = VirtualRouting.NONE;
        for (VirtualIp vip : config.heldIps()) {
            if (held.remove(vip)) {
                port.removeVip(vip);
            }
        }
        // After the VIPs, as keepalived does (vrrp.c, vrrp_restore_interface): no VIP stays
        // on the link unfiltered.
        refuse(List.of());
    }

    @Override
    public void announceVips(Router r) {
        port.announce(announced, config.garp().repeat());
    }

    @Override
    public void stateChanged(Router r, State from, State to, String reason) {
        master = to == State.MASTER;
        port.transitioned(from, to, reason, r.priority());
    }
}
