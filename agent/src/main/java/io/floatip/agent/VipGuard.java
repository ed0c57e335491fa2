package io.floatip.agent;

import io.floatip.base.LogLimit;
import io.floatip.config.VirtualIp;
import io.floatip.net.InterfaceAddress;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.AddressGuard;
import io.floatip.router.State;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each VIP where the protocol put it when something else changes the addresses (systemd-networkd
 * restarting, NetworkManager, an operator's {@code ip addr del}): a master puts back a VIP it holds as soon
 * as the kernel reports it gone, and a backup or faulty node removes a VIP that appears on it, since clients
 * would otherwise be answered by two nodes ({@link AddressGuard} decides; this class matches and acts). The same for a master's virtual_routes and virtual_rules. Loop thread only; the address events come from the link monitor.
 * Our own claims and releases also produce events: each case below is a no-op for those.
 */
final class VipGuard {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Netlink netlink;
    private final List<Instance> instances;
    private final AtomicLong removedOnBackup = new AtomicLong();

    VipGuard(Netlink netlink, List<Instance> instances) {
        this.netlink = netlink;
        this.instances = instances;
    }

    void addressChanged(InterfaceAddress address, boolean added) {
        for (Instance i : instances) {
            // The VIPs and the excluded addresses, each on its own interface (keepalived's dev).
            for (VirtualIp vip : i.config().heldIps()) {
                if (!vip.address().equals(address.address())) {
                    continue;
                }
                Link link = i.linkOf(vip);
                if (link == null || link.ifIndex() != address.ifIndex()) {
                    continue;
                }
                State state = i.router().state();
                switch (AddressGuard.decide(added, state, i.holds(vip))) {
                    case RESTORE -> restore(i, link, vip);
                    case REMOVE -> remove(i, link, vip, state);
                    case NONE -> { }
                }
            }
        }
    }

    /** A route or rule floatip added was deleted: every master puts back what it is missing (counted). */
    void routingRemoved() {
        for (Instance i : instances) {
            i.routing.restoreIfMaster();
        }
    }

    private void restore(Instance i, Link link, VirtualIp vip) {
        try {
            // EEXIST (false): the event was our own release of an earlier term, and we claimed it again since.
            if (netlink.addAddress(link.ifIndex(), vip.address(), vip.prefixLength(), null)) {
                long n = i.vipsRestored.incrementAndGet();
                i.announceVips();
                // The kernel dropped the routes that needed the VIP (a gateway on its subnet, src VIP) without
                // a notification for IPv4: put them back with it.
                i.routing.restoreIfMaster();
                if (LogLimit.shouldLog(n)) {
                    log.warn("{}: {} was removed from {} by something other than floatip while MASTER; put it "
                            + "back and announced it ({} so far)", i.config().name(), vip, link.name(), n);
                }
            }
        } catch (NetlinkException e) {
            if (e.errno() == io.floatip.net.Errno.ENODEV) {
                // The interface went with it: its deletion is the link watch's (a macvlan is made again).
                log.debug("{}: {} went with {}", i.config().name(), vip, link.name());
                return;
            }
            log.error("{}: {} was removed from {} and cannot be put back: {}", i.config().name(), vip, link.name(),
                    e.getMessage());
            // A master without its VIP serves nobody: hand over and back off, as after a failed claim.
            i.stepDownLater("cannot put back VIP " + vip + ": " + e.getMessage());
        }
    }

    /**
     * A master's VIP interface was made again (use_vmac's macvlan): its VIPs went with the old one; put each back
     * and announce them. A VIP the kernel refuses hands over, as after a failed claim.
     */
    static void putBack(Netlink netlink, Instance i) {
        if (i.router().state() != State.MASTER) {
            return;
        }
        for (VirtualIp vip : i.heldVips()) {
            Link link = i.linkOf(vip);
            if (link == null || vip.interfaceName() != null) {
                continue; // on an interface of its own, which did not go
            }
            try {
                netlink.addAddress(link.ifIndex(), vip.address(), vip.prefixLength(), null);
            } catch (NetlinkException e) {
                log.error("{}: cannot put {} back on {}: {}", i.config().name(), vip, link.name(), e.getMessage());
                i.stepDownLater("cannot put back VIP " + vip + ": " + e.getMessage());
                return;
            }
        }
        log.info("{}: VIPs back on {}", i.config().name(), i.vmacName());
        i.announceVips();
        i.routing.restoreIfMaster();
    }

    private void remove(Instance i, Link link, VirtualIp vip, State state) {
        try {
            // False: already gone, the event was our own claim of a term that has ended.
            if (netlink.deleteAddress(link.ifIndex(), vip.address(), vip.prefixLength())) {
                long n = removedOnBackup.incrementAndGet();
                if (LogLimit.shouldLog(n)) {
                    log.warn("{}: {} was added to {} by something other than floatip while {}; removed it, a "
                            + "node that is not master must not answer for it ({} so far)", i.config().name(), vip,
                            link.name(), state, n);
                }
            }
        } catch (NetlinkException e) {
            log.debug("{}: cannot remove {} from {}: {}", i.config().name(), vip, link.name(), e.getMessage());
        }
    }
}
