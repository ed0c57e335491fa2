package io.floatip.agent;

import io.floatip.base.LogLimit;
import io.floatip.policy.InstancePolicy;
import io.floatip.router.Router;
import io.floatip.router.State;
import io.floatip.config.VirtualRoute;
import io.floatip.config.VirtualRouting;
import io.floatip.config.VirtualRule;
import io.floatip.net.Errno;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.net.RouteRequest;
import io.floatip.net.RuleRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one instance's virtual_routes and virtual_rules over netlink: added after the VIPs on becoming
 * master, removed on leaving it, put back when something else deletes them. A route or rule the kernel refuses
 * (a gateway not on any link, an interface that does not exist) is logged and counted, and the instance stays
 * master: its VIPs still serve, as keepalived's do. Loop thread, except a stopping thread's removal.
 */
final class Routing {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final String instance;
    private final Netlink netlink;
    /** Routes and rules something else deleted from this master and it put back. */
    final AtomicLong restored = new AtomicLong();
    /** Routes and rules the kernel refused to add. */
    final AtomicLong failures = new AtomicLong();
    /**
     * What {@link #add} put in place and {@link #remove} has not taken away: only these are put back, so a
     * deletion seen before a reload's (deferred) add is not counted as something else's doing.
     */
    private final Set<Object> installed = ConcurrentHashMap.newKeySet();

    private final EventLoop loop;
    private final Router router;
    /** What the instance holds now ({@link InstancePolicy#heldRouting}) and its config now. */
    private final InstancePolicy policy;

    Routing(String instance, Netlink netlink, EventLoop loop, Router router, InstancePolicy policy) {
        this.instance = instance;
        this.netlink = netlink;
        this.loop = loop;
        this.router = router;
        this.policy = policy;
    }

    /**
     * After this event, once the takeover's advert is out (the router sends it right after claiming), so the
     * routes' netlink round trips and lines do not delay it; only if still master by then.
     */
    void addAfterThisEvent(VirtualRouting routing) {
        loop.execute(() -> {
            if (router.state() == State.MASTER) {
                add(routing);
            }
        });
    }

    /** At start: what a killed run left goes (quietly); it is added only as master. */
    void removeStale() {
        remove(policy.config().routing(), true);
    }

    /** Loop thread: a master puts back what something else deleted (the VIP guard). */
    void restoreIfMaster() {
        if (router.state() == State.MASTER) {
            restore(policy.heldRouting());
        }
    }

    void add(VirtualRouting routing) {
        for (VirtualRoute r : routing.routes()) {
            try {
                boolean added = netlink.addRoute(request(r));
                installed.add(r);
                log.info("{}: added route {}{}", instance, r, added ? "" : " (already there)");
            } catch (NetlinkException e) {
                fail("route " + r, e);
            }
        }
        for (VirtualRule r : routing.rules()) {
            try {
                boolean added = netlink.addRule(request(r));
                installed.add(r);
                log.info("{}: added rule {}{}", instance, r, added ? "" : " (already there)");
            } catch (NetlinkException e) {
                fail("rule " + r, e);
            }
        }
    }

    /** Rules first, then routes: the reverse of {@link #add}. */
    void remove(VirtualRouting routing, boolean quiet) {
        for (VirtualRule r : routing.rules()) {
            installed.remove(r);
            try {
                if (netlink.deleteRule(request(r)) && !quiet) {
                    log.info("{}: removed rule {}", instance, r);
                }
            } catch (NetlinkException e) {
                log.error("{}: cannot remove rule {}: {}", instance, r, e.getMessage());
            }
        }
        for (VirtualRoute r : routing.routes()) {
            installed.remove(r);
            try {
                if (netlink.deleteRoute(request(r)) && !quiet) {
                    log.info("{}: removed route {}", instance, r);
                }
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENODEV) { // went with its interface
                    log.error("{}: cannot remove route {}: {}", instance, r, e.getMessage());
                }
            }
        }
    }

    /** Puts back what is missing of what a master holds; counts and logs (1st, 10th, 100th...) each one. */
    void restore(VirtualRouting held) {
        for (VirtualRoute r : held.routes()) {
            if (!installed.contains(r)) {
                continue;
            }
            try {
                if (netlink.addRoute(request(r))) {
                    restored("route " + r);
                }
            } catch (NetlinkException e) {
                fail("route " + r, e);
            }
        }
        for (VirtualRule r : held.rules()) {
            if (!installed.contains(r)) {
                continue;
            }
            try {
                if (netlink.addRule(request(r))) {
                    restored("rule " + r);
                }
            } catch (NetlinkException e) {
                fail("rule " + r, e);
            }
        }
    }

    private void restored(String what) {
        long n = restored.incrementAndGet();
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: {} was removed by something other than floatip while MASTER; put it back ({} so far)",
                    instance, what, n);
        }
    }

    private void fail(String what, NetlinkException e) {
        long n = failures.incrementAndGet();
        if (LogLimit.shouldLog(n)) {
            log.error("{}: cannot add {}: {} ({} so far)", instance, what, e.getMessage(), n);
        }
    }

    private RouteRequest request(VirtualRoute r) throws NetlinkException {
        int oif = r.dev() == null ? 0 : netlink.ifIndex(r.dev());
        return new RouteRequest(r.to().address(), r.to().prefixLength(), r.via(), oif, r.src(), r.table(),
                r.metric(), r.effectiveScope().rt, r.type().rtn);
    }

    private static RuleRequest request(VirtualRule r) {
        return new RuleRequest(r.ipv6(), r.from() == null ? null : r.from().address(),
                r.from() == null ? 0 : r.from().prefixLength(), r.to() == null ? null : r.to().address(),
                r.to() == null ? 0 : r.to().prefixLength(), r.table(), r.priority(), r.iif(), r.oif(), r.fwmark(),
                r.fwmask());
    }
}
