package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.net.LinkState;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.net.ProtocolSocket;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instances and the links they speak on: how one is built, started and removed, and what a link
 * change does to them. Loop thread, except the opening at start (before the loop runs) and the reads of
 * {@link #all()} (any thread).
 */
final class Instances {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final EventLoop loop;
    private final Netlink netlink;
    private final LinkOpener opener;
    private final TrackingSetup tracking;
    private final List<AutoCloseable> edges;
    /** Loop thread once the loop runs. */
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** Changed on the loop thread only; read from any thread. */
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final Runnable transitioned;
    private final int realtimePriority;
    private final Drains drains;
    private ProtocolSocket protocolSocket;
    /** Accept_Mode false's nftables table, shared by every instance. */
    private io.floatip.firewall.AcceptFirewall firewall;
    /** use_vmac's macvlans; an edge, so they go after the captures close and before netlink does. */
    private final Vmacs vmacs;

    /** @param transitioned run on the loop after every instance's transition */
    Instances(EventLoop loop, Netlink netlink, TrackingSetup tracking, List<AutoCloseable> edges,
              Runnable transitioned, int realtimePriority, Drains drains) {
        this.loop = loop;
        this.netlink = netlink;
        this.opener = new LinkOpener(netlink, edges);
        this.tracking = tracking;
        this.edges = edges;
        this.transitioned = transitioned;
        this.realtimePriority = realtimePriority;
        this.drains = drains;
        this.vmacs = new Vmacs(netlink, new io.floatip.net.InterfaceSysctl(netlink));
        edges.add(vmacs);
    }

    /** The use_vmac macvlan of the instance named, or null. */
    String vmacOf(String instance) {
        return vmacs.nameOf(instance);
    }

    /** How often the instance's use_vmac macvlan was made again. */
    long vmacRecreated(String instance) {
        return vmacs.recreated(instance);
    }

    void firewall(io.floatip.firewall.AcceptFirewall firewall) {
        this.firewall = firewall;
    }

    List<Instance> all() {
        return instances;
    }

    Map<String, Link> links() {
        return links;
    }

    /** At start: every interface opened, every instance built on it (routers start on the loop). */
    /** global.split_brain: yield, as of the last start or reload. */
    private boolean splitBrainYield;

    void open(Config config) throws AgentException {
        splitBrainYield = config.global().splitBrainYield();
        VmacLeftovers.remove(netlink, new io.floatip.net.InterfaceSysctl(netlink), ProcessHandle.current().pid(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        Map<String, List<InstanceConfig>> byInterface = new LinkedHashMap<>();
        for (InstanceConfig ic : config.instances().values()) {
            byInterface.computeIfAbsent(ic.interfaceName(), k -> new ArrayList<>()).add(ic);
        }
        for (Map.Entry<String, List<InstanceConfig>> e : byInterface.entrySet()) {
            links.put(e.getKey(), opener.open(e.getKey(), e.getValue(), vips(config)));
        }
        for (InstanceConfig ic : config.instances().values()) {
            for (String name : vipInterfaces(ic)) {
                links.put(name, opener.open(name, List.of(), vips(config)));
            }
        }
        for (InstanceConfig ic : config.instances().values()) {
            Instance i = create(ic, vipLink(ic));
            // An address present at start was left by a run that was killed: remove it; claim it only as master.
            for (io.floatip.config.VirtualIp v : ic.heldIps()) {
                Link on = i.linkOf(v);
                if (on != null && present(on).contains(v.address())) {
                    i.removeVip(v);
                }
            }
            i.routing.removeStale();
            Link own = links.get(ic.interfaceName());
            if (ic.unicastSource() != null && own != null && !present(own).contains(ic.unicastSource())) {
                // keepalived sends from a configured source it does not hold too; say so, since replies to it
                // (and a unicast peer's check of it) go astray.
                log.warn("{}: the advert source {} ({}) is not an address of {}; adverts are sent from it anyway",
                        ic.name(), AddressText.format(ic.unicastSource()), ic.unicast() ? "unicast_source"
                                : "multicast_source", ic.interfaceName());
            }
        }
        openProtocolSocketIfNeeded();
    }

    void startCapture(Link link) {
        link.transport().realtimePriority(realtimePriority);
        link.transport().start();
    }

    /** The link {@code ic}'s VIPs go on: its own, or with use_vmac its macvlan, made now. */
    private Link vipLink(InstanceConfig ic) throws AgentException {
        Link link = links.get(ic.interfaceName());
        return ic.useVmac() ? vmacs.open(ic, link) : link;
    }

    /** Builds an instance on its (open) link and wires its tracking; the router starts separately. */
    private Instance create(InstanceConfig ic, Link vipLink) {
        Link link = links.get(ic.interfaceName());
        Instance i = new Instance(ic, link, vipLink, loop);
        i.firewall = firewall;
        i.linksByName(links::get);
        link.attach(i);
        tracking.attach(i);
        instances.add(i);
        i.afterTransition(() -> { // the split-brain watch first: it must know whether we are master
            i.conflictWatch.role(i.router().state() == io.floatip.router.State.MASTER);
            if (transitioned != null) {
                transitioned.run();
            }
        });
        i.conflictWatch.yieldWith(splitBrainYield ? i.tracking() : null);
        return i;
    }

    /**
     * Loop thread: an instance of a reload, on a link opened now if it is the first there; it starts in INIT.
     * An error says why it could not start, and nothing of it remains.
     */
    Instance add(InstanceConfig ic, Config next) throws AgentException {
        if (!links.containsKey(ic.interfaceName())) {
            Link link = opener.open(ic.interfaceName(), List.of(ic), vips(next));
            links.put(ic.interfaceName(), link);
            startCapture(link);
        }
        openVipLinks(ic, next);
        Link link = links.get(ic.interfaceName());
        if (ic.ipv6() && link.linkLocal() == null) {
            opener.refresh(link, List.of(ic));
            if (link.linkLocal() == null) {
                throw new AgentException("interface " + ic.interfaceName() + " has no IPv6 link-local address");
            }
        }
        Instance i = create(ic, vipLink(ic));
        startRouter(i);
        return i;
    }

    /** The interfaces {@code ic} puts addresses on that no link is open on yet. */
    private List<String> vipInterfaces(InstanceConfig ic) {
        List<String> names = new ArrayList<>();
        for (io.floatip.config.VirtualIp v : ic.heldIps()) {
            String name = v.interfaceName();
            if (name != null && !links.containsKey(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Loop thread, on reload: opens the interfaces {@code ic}'s addresses go on, for their ARPs. One that
     * cannot be opened is logged here, and each claim there fails (FAULT) until a reload fixes it.
     */
    void openVipLinks(InstanceConfig ic, Config next) {
        for (String name : vipInterfaces(ic)) {
            try {
                Link link = opener.open(name, List.of(), vips(next));
                links.put(name, link);
                startCapture(link);
            } catch (AgentException e) {
                log.error("{}: cannot open {} for its virtual_ips: {}", ic.name(), name, e.getMessage());
            }
        }
        Instance running = named(ic.name());
        if (running != null) {
            running.linksByName(links::get);
        }
    }

    /** Loop thread. */
    void startRouter(Instance i) {
        loop.add(i.router());
        drains.starting(i, loop.now());
        i.startResolvingPeers();
        i.router().startup(loop.now());
        try {
            LinkState s = opener.state(i.config().interfaceName());
            i.tracking().link(ownLinkFault(i, s), "start");
        } catch (AgentException e) {
            i.tracking().link(e.getMessage(), "start");
        }
        i.primeTakeover();
    }

    /** Loop thread: a removed instance hands over like a stopping one (priority 0, VIPs released). */
    void remove(Instance i) {
        i.router().shutdown(loop.now());
        loop.remove(i.router());
        links.get(i.config().interfaceName()).detach(i);
        tracking.detach(i);
        instances.remove(i);
        vmacs.close(i.config().name());
    }

    /** The instance of this name, or null. */
    Instance named(String name) {
        for (Instance i : instances) {
            if (i.config().name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** Loop thread: every link's filter, groups and link-local address follow its instances now. */
    void refreshLinks() {
        for (Link link : links.values()) {
            opener.refresh(link, configsOn(link.name()));
        }
        openProtocolSocketIfNeeded();
    }

    private void openProtocolSocketIfNeeded() {
        if (protocolSocket != null || instances.stream().noneMatch(Instance::unicast)) {
            return;
        }
        try {
            protocolSocket = ProtocolSocket.open(VrrpPacket.PROTOCOL);
            edges.add(protocolSocket);
        } catch (NetlinkException e) {
            // Not fatal: the kernel will answer unicast adverts with ICMP protocol unreachable, that is all.
            log.warn("cannot open a raw socket for VRRP: {}; the kernel will send ICMP protocol unreachable "
                    + "for each unicast advert", e.getMessage());
        }
    }

    private Set<InetAddress> present(Link link) {
        Set<InetAddress> set = new HashSet<>();
        try {
            netlink.addresses(link.ifIndex()).forEach(a -> set.add(a.address()));
        } catch (NetlinkException e) {
            log.debug("cannot list the addresses of {}: {}", link.name(), e.getMessage());
        }
        return set;
    }

    private static Set<InetAddress> vips(Config config) {
        Set<InetAddress> vips = new HashSet<>();
        config.instances().values().forEach(ic -> ic.heldIps().forEach(v -> vips.add(v.address())));
        return vips;
    }

    /** Loop thread; {@code readAt}: when the monitor read the change (a returning link's timers run from then). */
    void linkChanged(LinkState s, long readAt) {
        Link link = links.get(s.name());
        if (link != null && !s.deleted() && s.ifIndex() != link.ifIndex()) {
            try {
                link.rebind(s.ifIndex(), netlink.macAddress(s.name()));
            } catch (NetlinkException e) {
                link.rebind(s.ifIndex(), null);
            }
            opener.refresh(link, configsOn(s.name()));
            log.info("interface {} was created again (index {}); following it", s.name(), s.ifIndex());
            vmacsBack(vmacs.parentBack(link));
        } else if (link != null && s.usable() && LinkOpener.missesSomething(link, configsOn(s.name()))) {
            // A join that failed while the interface was being created: try again now it is up.
            opener.refresh(link, configsOn(s.name()));
        }
        if (s.deleted() && link == null) {
            vmacsBack(vmacs.deleted(s.ifIndex())); // one of use_vmac's macvlans, perhaps
        } else if (!s.up() && link == null) {
            vmacsBack(vmacs.setDown(s.ifIndex(), s.name())); // set down by hand, perhaps
        }
        for (Instance i : instances) {
            if (i.config().interfaceName().equals(s.name())) {
                i.tracking().link(ownLinkFault(i, s), "interface " + s.name() + " is up", readAt);
            }
        }
        tracking.linkChanged(s);
    }

    /** Loop thread: the link monitor lost events (ENOBUFS); a macvlan deleted meanwhile is made again. */
    void eventsLost() {
        vmacsBack(vmacs.verify());
    }

    /** A master whose macvlan was made again puts its VIPs back on it (they went with the old one). */
    private void vmacsBack(List<String> names) {
        for (String name : names) {
            Instance i = named(name);
            if (i != null) {
                VipGuard.putBack(netlink, i);
            }
        }
    }

    /**
     * The configs of the instances on interface {@code name}. A plain loop, as is all of a link change's
     * path: it runs rarely, so a stream's classes and lambdas would be linked right then, milliseconds that
     * delay a returning master's Master_Down_Interval.
     */
    private List<InstanceConfig> configsOn(String name) {
        List<InstanceConfig> on = new ArrayList<>();
        for (Instance i : instances) {
            if (i.config().interfaceName().equals(name)) {
                on.add(i.config());
            }
        }
        return on;
    }

    /**
     * Why the instance's own interface puts it in FAULT, or null. With dont_track_primary only its deletion
     * does, as keepalived's cleanup_lost_interface (vrrp_if.c) downs the instance while its up/down events
     * skip it (VRRP_NOT_TRACK_IF in keepalived_netlink.c process_if_status_change).
     */
    private static String ownLinkFault(Instance i, LinkState s) {
        if (s.usable() || (i.config().dontTrackPrimary() && !s.deleted())) {
            return null;
        }
        return describe(s);
    }

    private static String describe(LinkState s) {
        if (s.deleted()) {
            return "interface " + s.name() + " was deleted";
        }
        return s.up() ? "interface " + s.name() + " has no carrier" : "interface " + s.name() + " is down";
    }
}
