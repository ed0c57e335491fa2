package io.floatip.agent;

import io.floatip.config.InstanceConfig;
import io.floatip.net.InterfaceSysctl;
import io.floatip.net.LinkDetails;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.VmacPlan;
import io.floatip.protocol.VirtualMac;
import java.io.IOException;
import java.net.Inet6Address;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The macvlans of use_vmac instances, as keepalived's vrrp_vmac.c makes them: created (or a leftover reused)
 * when the instance is built, up at once, holding the VIPs only while master, deleted when the instance goes.
 * The sysctls are keepalived's (vrrp_if_config.c): on the macvlan arp_ignore=1 (it must not answer for the
 * parent's addresses with the VMAC), accept_local=1, rp_filter=0, promote_secondaries=1; on the parent
 * arp_ignore=1 and arp_filter=1 (it must not answer for the VIPs with its own MAC), put back when its last
 * macvlan goes. One more on the parent than keepalived: arp_announce=2. Replies from the VIP leave through the
 * parent (its subnet route comes first), and its ARP request for the client then said "tell VIP" from the
 * parent's MAC: the client moved its entry for the VIP to that MAC (measured, VmacHostTest), the very thing
 * use_vmac is for. With 2 the request names the parent's own address. Loop thread, and the stopping thread.
 */
final class Vmacs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    private static final String V4 = "ipv4";
    private static final String V6 = "ipv6";

    private final Netlink netlink;
    private final InterfaceSysctl sysctl;
    /** By instance name. */
    private final Map<String, Made> made = new LinkedHashMap<>();
    /** By parent name: the parent's arp_ignore and arp_filter before the first macvlan, and how many use it. */
    private final Map<String, Saved> parents = new HashMap<>();

    private record Made(String name, int ifIndex, String parent, boolean ipv4) {
    }

    private static final class Saved {
        final int arpIgnore;
        final int arpFilter;
        final int arpAnnounce;
        int users;

        Saved(int arpIgnore, int arpFilter, int arpAnnounce) {
            this.arpIgnore = arpIgnore;
            this.arpFilter = arpFilter;
            this.arpAnnounce = arpAnnounce;
        }
    }

    Vmacs(Netlink netlink, InterfaceSysctl sysctl) {
        this.netlink = netlink;
        this.sysctl = sysctl;
    }

    /** The macvlan for {@code ic} on {@code parent}, made ready; a Link that sends through the parent's capture. */
    synchronized Link open(InstanceConfig ic, Link parent) throws AgentException {
        boolean ipv6 = ic.ipv6();
        String name = VirtualMac.interfaceName(ic.vrid(), ipv6);
        byte[] mac = VirtualMac.of(ic.vrid(), ipv6);
        int index;
        try {
            LinkDetails existing = netlink.details(name);
            VmacPlan.Action action = existing == null ? VmacPlan.Action.CREATE : VmacPlan.decide(true, existing.kind(),
                    existing.parentIndex(), existing.mac(), parent.ifIndex(), mac);
            switch (action) {
                case REFUSE -> throw new AgentException(ic.name() + ": use_vmac needs the interface name " + name
                        + ", and an interface that is not a macvlan has it; rename or remove it");
                case REUSE -> log.info("{}: reusing the macvlan {} left by an earlier run", ic.name(), name);
                case REPLACE -> {
                    log.info("{}: replacing {}, a macvlan with another MAC or parent", ic.name(), name);
                    netlink.deleteLink(existing.ifIndex());
                    netlink.createMacvlan(parent.ifIndex(), name, mac);
                }
                case CREATE -> netlink.createMacvlan(parent.ifIndex(), name, mac);
            }
            index = netlink.details(name).ifIndex();
            // No link-local from the VMAC (the backup's macvlan has the same MAC): RFC 9568 7.4.
            netlink.addrGenModeNone(index);
        } catch (NetlinkException e) {
            throw new AgentException(ic.name() + ": cannot set up the macvlan " + name + " on " + parent.name()
                    + " for use_vmac: " + e.getMessage(), e);
        }
        made.put(ic.name(), new Made(name, index, parent.name(), !ipv6));
        try {
            if (ipv6) {
                // keepalived gives the macvlan the parent's link-local, the advert source, so that it is one
                // of the macvlan's addresses as well.
                Inet6Address ll = parent.linkLocal();
                if (ll != null) {
                    netlink.addAddress(index, ll, 64, null);
                }
            } else {
                setIpv4(ic, name, parent.name());
            }
            netlink.up(index);
        } catch (NetlinkException | IOException e) {
            close(ic.name());
            throw new AgentException(ic.name() + ": cannot set up the macvlan " + name + " for use_vmac: "
                    + e.getMessage(), e);
        }
        Link link = new Link(name, index, mac, parent.primaryAddress(), netlink);
        link.transport(parent.transport());
        link.linkLocal(parent.linkLocal());
        log.info("{}: VIPs on macvlan {} ({}) over {}", ic.name(), name, io.floatip.agent.Peers.format(mac),
                parent.name());
        return link;
    }

    private void setIpv4(InstanceConfig ic, String name, String parent) throws IOException {
        sysctl.set(V4, name, "arp_ignore", 1);
        sysctl.set(V4, name, "accept_local", 1);
        sysctl.set(V4, name, "rp_filter", 0);
        sysctl.set(V4, name, "promote_secondaries", 1);
        if (ic.heldIps().stream().noneMatch(v -> v.address() instanceof Inet6Address)) {
            try {
                sysctl.set(V6, name, "disable_ipv6", 1); // as keepalived: no IPv6 where none is held
            } catch (IOException e) {
                // Netlink cannot set it, and /proc/sys is read-only under the shipped unit: addrgenmode none
                // already keeps the macvlan without an IPv6 address.
                log.debug("{}: net.ipv6.conf.{}.disable_ipv6 left as it is: {}", ic.name(), name, e.getMessage());
            }
        }
        Saved saved = parents.get(parent);
        if (saved == null) {
            saved = new Saved(sysctl.get(V4, parent, "arp_ignore"), sysctl.get(V4, parent, "arp_filter"),
                    sysctl.get(V4, parent, "arp_announce"));
            parents.put(parent, saved);
            if (saved.arpIgnore != 1) {
                sysctl.set(V4, parent, "arp_ignore", 1);
            }
            if (saved.arpFilter != 1) {
                sysctl.set(V4, parent, "arp_filter", 1);
            }
            if (saved.arpAnnounce != 2) {
                sysctl.set(V4, parent, "arp_announce", 2);
            }
        }
        saved.users++;
    }

    /** The macvlan's name for an instance that has one, else null. */
    synchronized String nameOf(String instance) {
        Made m = made.get(instance);
        return m == null ? null : m.name();
    }

    /** Deletes the instance's macvlan (its VIPs go with it) and puts the parent's sysctls back if it was the last. */
    synchronized void close(String instance) {
        Made m = made.remove(instance);
        if (m == null) {
            return;
        }
        try {
            if (netlink.deleteLink(m.ifIndex())) {
                log.info("{}: deleted the macvlan {}", instance, m.name());
            }
        } catch (NetlinkException e) {
            log.warn("{}: cannot delete the macvlan {}: {}", instance, m.name(), e.getMessage());
        }
        Saved saved = m.ipv4() ? parents.get(m.parent()) : null;
        if (saved != null && --saved.users == 0) {
            parents.remove(m.parent());
            restore(m.parent(), "arp_ignore", saved.arpIgnore, 1);
            restore(m.parent(), "arp_filter", saved.arpFilter, 1);
            restore(m.parent(), "arp_announce", saved.arpAnnounce, 2);
        }
    }

    private void restore(String parent, String key, int value, int set) {
        if (value < 0 || value == set) {
            return; // unreadable before, or unchanged
        }
        try {
            sysctl.set(V4, parent, key, value);
        } catch (IOException e) {
            log.warn("cannot put back net.ipv4.conf.{}.{} = {}: {}", parent, key, value, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        for (String instance : made.keySet().toArray(new String[0])) {
            close(instance);
        }
    }
}
