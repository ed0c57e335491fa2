package io.floatip.agent;

import io.floatip.base.LogLimit;
import io.floatip.config.InstanceConfig;
import io.floatip.net.InterfaceSysctl;
import io.floatip.net.LinkDetails;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.policy.VmacMark;
import io.floatip.policy.VmacPlan;
import io.floatip.protocol.VirtualMac;
import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
 * use_vmac is for. With 2 the request names the parent's own address.
 *
 * <p>Each macvlan carries a {@link VmacMark} in its alias (this process, the parent's values before floatip),
 * so that the next start after a crash finds and removes it ({@link VmacLeftovers}). One deleted by something
 * else while the agent runs is made again at once, as keepalived's recreate_vmac_thread does. Loop thread, and
 * the stopping thread.
 */
final class Vmacs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    private static final String V4 = "ipv4";
    private static final String V6 = "ipv6";
    private static final String[] PARENT_KEYS = {"arp_ignore", "arp_filter", "arp_announce"};
    private static final int[] PARENT_SET = {1, 1, 2};

    private final Netlink netlink;
    private final InterfaceSysctl sysctl;
    private final long pid = ProcessHandle.current().pid();
    /** By instance name. */
    private final Map<String, Made> made = new LinkedHashMap<>();
    /** By parent name: the parent's values before the first macvlan, and how many use it. */
    private final Map<String, Saved> parents = new HashMap<>();
    /** Macvlans something else deleted (or replaced) while the agent ran, made again: the log's count. */
    private final AtomicLong recreated = new AtomicLong();

    private static final class Made {
        final InstanceConfig config;
        final Link parent;
        final Link link;
        final AtomicLong recreated = new AtomicLong();

        Made(InstanceConfig config, Link parent, Link link) {
            this.config = config;
            this.parent = parent;
            this.link = link;
        }
    }

    private static final class Saved {
        final int[] values;
        int users;

        Saved(int[] values) {
            this.values = values;
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
        Saved saved = null;
        if (!ipv6) {
            saved = parents.get(parent.name());
            if (saved == null) {
                int[] before = new int[PARENT_KEYS.length];
                for (int k = 0; k < before.length; k++) {
                    before[k] = sysctl.get(V4, parent.name(), PARENT_KEYS[k]);
                }
                saved = new Saved(before);
                parents.put(parent.name(), saved);
            }
            saved.users++;
        }
        int index;
        try {
            index = build(ic, parent, name, mac);
        } catch (AgentException e) {
            release(parent.name(), !ipv6);
            throw e;
        }
        Link link = new Link(name, index, mac, parent.primaryAddress(), netlink);
        link.transport(parent.transport());
        link.linkLocal(parent.linkLocal());
        made.put(ic.name(), new Made(ic, parent, link));
        log.info("{}: VIPs on macvlan {} ({}) over {}", ic.name(), name, Peers.format(mac), parent.name());
        return link;
    }

    /** Creates (or reuses) the macvlan, marks it, sets its sysctls and the parent's, brings it up: its index. */
    private int build(InstanceConfig ic, Link parent, String name, byte[] mac) throws AgentException {
        int index;
        try {
            LinkDetails existing = netlink.details(name);
            VmacPlan.Action action = existing == null ? VmacPlan.Action.CREATE : VmacPlan.decide(true, existing.kind(),
                    existing.parentIndex(), existing.mac(), parent.ifIndex(), mac);
            switch (action) {
                case REFUSE -> throw new AgentException(ic.name() + ": use_vmac needs the interface name " + name
                        + ", and an interface that is not a macvlan has it; rename or remove it");
                case REUSE -> log.info("{}: reusing the macvlan {} that was there", ic.name(), name);
                case REPLACE -> {
                    log.info("{}: replacing {}, a macvlan with another MAC or parent", ic.name(), name);
                    netlink.deleteLink(existing.ifIndex());
                    netlink.createMacvlan(parent.ifIndex(), name, mac);
                }
                case CREATE -> netlink.createMacvlan(parent.ifIndex(), name, mac);
            }
            index = netlink.details(name).ifIndex();
            Saved saved = ic.ipv6() ? null : parents.get(parent.name());
            // Marked before any sysctl changes: a crash from here on leaves what the next start needs.
            netlink.alias(index, VmacMark.format(pid, ic.name(), saved == null ? null : saved.values));
            // No link-local from the VMAC (the backup's macvlan has the same MAC): RFC 9568 7.4.
            netlink.addrGenModeNone(index);
        } catch (NetlinkException e) {
            throw new AgentException(ic.name() + ": cannot set up the macvlan " + name + " on " + parent.name()
                    + " for use_vmac: " + e.getMessage(), e);
        }
        try {
            if (ic.ipv6()) {
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
            try {
                netlink.deleteLink(index);
            } catch (NetlinkException gone) {
                log.debug("{}: cannot delete {} after a failed set-up: {}", ic.name(), name, gone.getMessage());
            }
            throw new AgentException(ic.name() + ": cannot set up the macvlan " + name + " for use_vmac: "
                    + e.getMessage(), e);
        }
        return index;
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
        // Every time, not only for the first macvlan: a parent made again has its defaults back.
        for (int k = 0; k < PARENT_KEYS.length; k++) {
            if (sysctl.get(V4, parent, PARENT_KEYS[k]) != PARENT_SET[k]) {
                sysctl.set(V4, parent, PARENT_KEYS[k], PARENT_SET[k]);
            }
        }
    }

    /** How often the instance's macvlan was made again (status). Any thread. */
    synchronized long recreated(String instance) {
        Made m = made.get(instance);
        return m == null ? 0 : m.recreated.get();
    }

    /** The macvlan's name for an instance that has one, else null. */
    synchronized String nameOf(String instance) {
        Made m = made.get(instance);
        return m == null ? null : m.link.name();
    }

    /**
     * Loop thread, on RTM_DELLINK: if {@code ifIndex} was one of our macvlans (ours deleted by us are out of
     * {@link #made} first), makes it again on its parent and points the instance's link at it. The names of the
     * instances whose macvlan is back; their VIPs went with the old one.
     */
    synchronized List<String> deleted(int ifIndex) {
        List<String> back = new ArrayList<>(0);
        for (Map.Entry<String, Made> e : made.entrySet()) {
            Made m = e.getValue();
            if (m.link.ifIndex() == ifIndex && rebuild(e.getKey(), m, "was deleted by something other than floatip")) {
                back.add(e.getKey());
            }
        }
        return back;
    }

    /**
     * Loop thread, when an interface was created again ({@code parent} rebound to its new index): its macvlans
     * went with the old one; makes them again. The names of the instances whose macvlan is back.
     */
    synchronized List<String> parentBack(Link parent) {
        List<String> back = new ArrayList<>(0);
        for (Map.Entry<String, Made> e : made.entrySet()) {
            if (e.getValue().parent == parent && rebuild(e.getKey(), e.getValue(), "went with " + parent.name())) {
                back.add(e.getKey());
            }
        }
        return back;
    }

    /**
     * Loop thread, on RTM_NEWLINK without IFF_UP for {@code ifIndex}: one of our macvlans set down by something else
     * (`ip link set vrrp.51 down`) is set up again at once, as a deleted one is made again; its IPv6 addresses
     * went with the down, so it is set up the whole way. keepalived puts the instance in FAULT instead. An event
     * of ours (a macvlan is made down, then set up) finds it up by now, and nothing is done. The names of the
     * instances whose macvlan is back.
     */
    synchronized List<String> setDown(int ifIndex, String name) {
        List<String> back = new ArrayList<>(0);
        for (Map.Entry<String, Made> e : made.entrySet()) {
            Made m = e.getValue();
            if (m.link.ifIndex() == ifIndex && !isUp(name)
                    && rebuild(e.getKey(), m, "was set down by something other than floatip", "set it up again")) {
                back.add(e.getKey());
            }
        }
        return back;
    }

    /** Up as this network namespace sees it now (an ioctl); true when it cannot be read: do nothing then. */
    private static boolean isUp(String name) {
        try {
            java.net.NetworkInterface nic = java.net.NetworkInterface.getByName(name);
            return nic == null || nic.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** After an ENOBUFS: every macvlan that is gone without our hearing of it is made again. */
    synchronized List<String> verify() {
        List<String> back = new ArrayList<>(0);
        for (Map.Entry<String, Made> e : made.entrySet()) {
            Made m = e.getValue();
            try {
                LinkDetails now = netlink.details(m.link.name());
                if ((now == null || now.ifIndex() != m.link.ifIndex())
                        && rebuild(e.getKey(), m, "is gone or was replaced")) {
                    back.add(e.getKey());
                }
            } catch (NetlinkException ex) {
                log.debug("{}: cannot check {}: {}", e.getKey(), m.link.name(), ex.getMessage());
            }
        }
        return back;
    }

    private boolean rebuild(String instance, Made m, String why) {
        return rebuild(instance, m, why, "made it again");
    }

    private boolean rebuild(String instance, Made m, String why, String done) {
        try {
            int index = build(m.config, m.parent, m.link.name(), m.link.mac());
            m.link.rebind(index, m.link.mac());
            m.recreated.incrementAndGet();
            long n = recreated.incrementAndGet();
            if (LogLimit.shouldLog(n)) {
                log.warn("{}: the macvlan {} {}; {} (index {}; {} so far)", instance, m.link.name(), why, done,
                        index, n);
            }
            return true;
        } catch (AgentException e) {
            // Its parent gone too, most likely: the instance is in FAULT until the parent is back (parentBack).
            log.error("{}: the macvlan {} {} and cannot be made again: {}", instance, m.link.name(), why,
                    e.getMessage());
            return false;
        }
    }

    /** Deletes the instance's macvlan (its VIPs go with it) and puts the parent's sysctls back if it was the last. */
    synchronized void close(String instance) {
        Made m = made.remove(instance);
        if (m == null) {
            return;
        }
        try {
            if (netlink.deleteLink(m.link.ifIndex())) {
                log.info("{}: deleted the macvlan {}", instance, m.link.name());
            }
        } catch (NetlinkException e) {
            log.warn("{}: cannot delete the macvlan {}: {}", instance, m.link.name(), e.getMessage());
        }
        release(m.parent.name(), !m.config.ipv6());
    }

    private void release(String parent, boolean ipv4) {
        Saved saved = ipv4 ? parents.get(parent) : null;
        if (saved != null && --saved.users == 0) {
            parents.remove(parent);
            for (int k = 0; k < PARENT_KEYS.length; k++) {
                restore(parent, PARENT_KEYS[k], saved.values[k], PARENT_SET[k]);
            }
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
