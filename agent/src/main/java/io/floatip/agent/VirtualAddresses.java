package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.net.Errno;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.Claim;
import io.floatip.policy.InstancePolicy;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.NdpCodec;
import io.floatip.router.ClaimBackoff;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's IPvX addresses (RFC 9568's term for the VIPs) on the links: added with netlink when its policy
 * claims them, announced with gratuitous ARPs or unsolicited neighbour advertisements, and removed on release.
 * Loop thread.
 */
final class VirtualAddresses {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final String name;
    private final InstancePolicy policy;
    /** The instance's own link, whose netlink socket adds and removes every address. */
    private final Link link;
    /** Where the VIPs go and ARPs come from: the link itself, or use_vmac's macvlan over it. */
    private final Link vipLink;
    private final EventLoop loop;
    private final GarpPacer garps; // spaces the gratuitous ARPs/NAs by garp.interval
    private final List<Claim> toLog = new ArrayList<>(); // to log once the takeover's frames are out
    private final Runnable logClaims = this::logClaims;
    /** A takeover's first announcement, bound here so that a takeover links no code on first use. */
    private final Runnable announceAll = this::announceAll;
    private int announceRepeat;
    /** The open links by name, for VIPs on another interface than the instance's (keepalived's dev). */
    private Function<String, Link> linksByName = name -> null;
    /** The link of each address not on the instance's own, for its ARPs; usually empty. */
    private Map<InetAddress, Link> announceOn = Map.of();

    VirtualAddresses(InstancePolicy policy, Link link, Link vipLink, EventLoop loop) {
        this.name = policy.config().name();
        this.policy = policy;
        this.link = link;
        this.vipLink = vipLink;
        this.loop = loop;
        this.garps = new GarpPacer(loop, vipLink::send);
    }

    /** Where to find the links of VIPs on other interfaces (opened by {@link Instances}). */
    void linksByName(Function<String, Link> lookup) {
        this.linksByName = lookup;
        reconfigure(policy.config());
    }

    /** A reload: the links the addresses of {@code next} are announced on. */
    void reconfigure(InstanceConfig next) {
        Map<InetAddress, Link> on = new HashMap<>();
        for (VirtualIp vip : next.heldIps()) {
            Link other = vip.interfaceName() == null ? null : linksByName.apply(vip.interfaceName());
            if (other != null) {
                on.put(vip.address(), other);
            }
        }
        announceOn = on.isEmpty() ? Map.of() : on;
    }

    /** The link {@code vip} goes on, or null if its interface is not open. */
    Link linkOf(VirtualIp vip) {
        return vip.interfaceName() == null ? vipLink : linksByName.apply(vip.interfaceName());
    }

    /** " on eth0" for an address on the instance's own interface; one on another says "dev eth1" itself. */
    private String onOwn(VirtualIp vip) {
        return vip.interfaceName() == null ? " on " + vipLink.name() : "";
    }

    /** Adds {@code vips}, then announces {@code announce} {@code repeat} times once the kernel has them. */
    List<Claim> add(List<VirtualIp> vips, List<InetAddress> announce, int repeat) {
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
    void claimed(List<Claim> claims) {
        toLog.addAll(claims);
        loop.execute(logClaims);
    }

    private void logClaims() {
        for (Claim c : toLog) {
            log.info("{}: claimed {}{}{}", name, c.vip(), onOwn(c.vip()), c.added() ? "" : " (already there)");
        }
        toLog.clear();
    }

    void claimFailed(Claim claim) {
        log.error("{}: cannot claim {}{}: {}; staying BACKUP, not preempting for {} s, then twice as long "
                        + "after each failed claim (up to {} s) until one succeeds; status shows the back-off", name,
                claim.vip(), onOwn(claim.vip()), claim.error(), ClaimBackoff.FIRST_NANOS / 1_000_000_000,
                ClaimBackoff.MAX_NANOS / 1_000_000_000);
    }

    /** Removes an address if present; used on release and to clean up after a run that was killed. */
    void remove(VirtualIp vip) {
        Link on = linkOf(vip);
        if (on == null) {
            return; // never opened, so never claimed there
        }
        try {
            if (link.netlink().deleteAddress(on.ifIndex(), vip.address(), vip.prefixLength())) {
                log.info("{}: released {}{}", name, vip, onOwn(vip));
            }
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                log.debug("{}: {} went with its interface {}", name, vip, on.name());
                return;
            }
            log.error("{}: cannot release {} on {}: {}", name, vip, on.name(), e.getMessage());
        }
    }

    /** Gratuitous ARPs for IPv4 VIPs; unsolicited neighbour advertisements (override set) for IPv6 ones. */
    void announce(List<InetAddress> which, int repeat) {
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

    /** Drops the announcements still waiting for garp.interval: no longer master. */
    void clearAnnouncements() {
        garps.clear();
    }
}
