package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.config.InstanceConfig;
import io.floatip.net.Errno;
import io.floatip.net.InterfaceAddress;
import io.floatip.net.LinkState;
import io.floatip.net.MulticastMembership;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.net.PcapTransport;
import io.floatip.net.TransportException;
import io.floatip.protocol.VrrpCodec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens an interface for VRRP: its identity from netlink, its capture, and the multicast group when needed. */
final class LinkOpener {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Netlink netlink;
    private final List<AutoCloseable> edges;

    /** @param edges where what is opened goes, to be closed with the agent */
    LinkOpener(Netlink netlink, List<AutoCloseable> edges) {
        this.netlink = netlink;
        this.edges = edges;
    }

    /** The interface's state now; an error names it when it does not exist. */
    LinkState state(String name) throws AgentException {
        try {
            LinkState state = netlink.query(name);
            if (state == null) {
                throw new AgentException("interface " + name + " does not exist (see `ip link`)");
            }
            return state;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                throw new AgentException("interface " + name + " does not exist (see `ip link`)", e);
            }
            throw new AgentException("interface " + name + ": " + e.getMessage(), e);
        }
    }

    /** @param onLink the instances that will run on it; @param vips every VIP of the config (never a source) */
    Link open(String name, Collection<InstanceConfig> onLink, Set<InetAddress> vips) throws AgentException {
        LinkState state = state(name);
        byte[] mac;
        try {
            mac = netlink.macAddress(name);
        } catch (NetlinkException e) {
            throw new AgentException("interface " + name + ": " + e.getMessage(), e);
        }
        if (mac == null || mac.length != 6) {
            throw new AgentException("interface " + name + " has no Ethernet address; VRRP needs an Ethernet link");
        }
        boolean v4 = onLink.stream().anyMatch(c -> !c.ipv6());
        boolean v6 = onLink.stream().anyMatch(InstanceConfig::ipv6);
        Link link = new Link(name, state.ifIndex(), mac, v4 ? primaryAddress(name, state.ifIndex(), vips) : null,
                netlink);
        if (v6) {
            link.linkLocal(linkLocal(name, state.ifIndex()));
        }
        try {
            PcapTransport transport = PcapTransport.open(name, filter(onLink), link);
            edges.add(transport);
            link.transport(transport);
        } catch (TransportException e) {
            throw new AgentException(e.getMessage(), e);
        }
        refresh(link, onLink);
        return link;
    }

    /** After a reload: ARP in the filter for unicast instances, the multicast group for the others. */
    /** Whether the link lacks a group membership or the link-local address its instances need. */
    static boolean missesSomething(Link link, Collection<InstanceConfig> onLink) {
        for (InstanceConfig c : onLink) {
            if (!c.unicast() && link.membership(c.ipv6()) == null || c.ipv6() && link.linkLocal() == null) {
                return true;
            }
        }
        return false;
    }

    void refresh(Link link, Collection<InstanceConfig> onLink) {
        try {
            link.transportFilter(filter(onLink));
        } catch (TransportException e) {
            log.warn("{}", e.getMessage());
        }
        for (boolean ipv6 : new boolean[]{false, true}) {
            boolean wanted = onLink.stream().anyMatch(c -> c.ipv6() == ipv6 && !c.unicast());
            if (!wanted || link.membership(ipv6) != null) {
                continue;
            }
            InetAddress group = ipv6 ? VrrpCodec.MULTICAST_GROUP_V6 : VrrpCodec.MULTICAST_GROUP;
            try {
                MulticastMembership m = MulticastMembership.join(group, link.name());
                edges.add(m);
                link.membership(ipv6, m);
            } catch (IOException | RuntimeException e) {
                // Not fatal: most links deliver the group anyway; say so, since some NICs will not.
                log.warn("cannot join {} on {}: {}; adverts may not arrive on NICs that filter multicast",
                        AddressText.format(group), link.name(), e.getMessage());
            }
        }
        if (onLink.stream().anyMatch(InstanceConfig::ipv6) && link.linkLocal() == null) {
            try {
                link.linkLocal(linkLocal(link.name(), link.ifIndex()));
            } catch (AgentException e) {
                log.warn("{}", e.getMessage());
            }
        }
    }

    /** RFC 9568 5.1.2.1: IPv6 adverts come from the interface's link-local address. */
    private java.net.Inet6Address linkLocal(String name, int ifIndex) throws AgentException {
        try {
            for (InterfaceAddress a : netlink.addresses(ifIndex)) {
                if (a.address() instanceof java.net.Inet6Address v6 && v6.isLinkLocalAddress() && !a.dadFailed()) {
                    return (java.net.Inet6Address) InetAddress.getByAddress(v6.getAddress()); // without a scope
                }
            }
        } catch (NetlinkException | java.net.UnknownHostException e) {
            throw new AgentException("cannot read the addresses of " + name + ": " + e.getMessage(), e);
        }
        throw new AgentException("interface " + name + " has no IPv6 link-local address; VRRPv3 over IPv6 sends "
                + "from it (is IPv6 enabled on " + name + "? see sysctl net.ipv6.conf." + name + ".disable_ipv6)");
    }

    private static List<InetAddress> vipsOf(Collection<InstanceConfig> onLink) {
        return onLink.stream().flatMap(c -> io.floatip.policy.AdvertCheck.addresses(c).stream()).distinct().toList();
    }

    /** No instance on it: it only holds VIPs of an instance elsewhere (keepalived's dev), and hears nothing. */
    static String filter(Collection<InstanceConfig> onLink) {
        return onLink.isEmpty() ? Link.NO_FRAMES : Link.filter(anyUnicast(onLink), vipsOf(onLink));
    }

    private static boolean anyUnicast(Collection<InstanceConfig> onLink) {
        return onLink.stream().anyMatch(InstanceConfig::unicast);
    }

    /** The source of our adverts: the interface's first primary IPv4 address that is not one of our VIPs. */
    private Inet4Address primaryAddress(String name, int ifIndex, Set<InetAddress> vips) throws AgentException {
        try {
            Inet4Address fallback = null;
            for (InterfaceAddress a : netlink.addresses(ifIndex)) {
                if (a.address() instanceof Inet4Address v4 && !vips.contains(v4)) {
                    if (!a.secondary()) {
                        return v4;
                    }
                    if (fallback == null) {
                        fallback = v4;
                    }
                }
            }
            if (fallback != null) {
                return fallback;
            }
        } catch (NetlinkException e) {
            throw new AgentException("cannot read the addresses of " + name + ": " + e.getMessage(), e);
        }
        throw new AgentException("interface " + name + " has no IPv4 address of its own; VRRP adverts need one as "
                + "their source (add one, e.g. `ip addr add 198.51.100.11/24 dev " + name + "`)");
    }
}
