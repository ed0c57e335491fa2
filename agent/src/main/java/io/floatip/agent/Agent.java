package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.net.InterfaceAddress;
import io.floatip.net.LibpcapCheck;
import io.floatip.net.LinkMonitor;
import io.floatip.net.LinkState;
import io.floatip.net.MulticastMembership;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.net.PcapTransport;
import io.floatip.net.ProtocolSocket;
import io.floatip.net.TransportException;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.router.State;
import io.floatip.status.AgentStatus;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running agent: every instance of a config, its interfaces, the event loop, and an orderly stop. */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final EventLoop loop = new EventLoop();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<AutoCloseable> edges = new ArrayList<>();
    private Netlink netlink;
    private LinkMonitor linkMonitor;
    private TrackingSetup tracking;
    private StatusCollector statusCollector;
    /** How long stopping waits for the stop notifications: SIGTERM must still end within about a second. */
    static final long STOP_NOTIFY_MILLIS = 800;
    private volatile boolean stopped;

    private Agent() {
    }

    /** Opens every edge, then starts the routers. Any failure closes what was opened and says why. */
    public static Agent start(Config config) throws AgentException {
        Agent agent = new Agent();
        try {
            agent.open(config);
        } catch (AgentException | RuntimeException e) {
            agent.closeEdges();
            throw e;
        }
        return agent;
    }

    private void open(Config config) throws AgentException {
        String pcapProblem = LibpcapCheck.problem();
        if (pcapProblem != null) {
            throw new AgentException(pcapProblem);
        }
        try {
            netlink = new Netlink();
        } catch (NetlinkException e) {
            throw new AgentException("cannot open netlink: " + e.getMessage(), e);
        }
        edges.add(netlink);
        Map<String, LinkState> states = new LinkedHashMap<>();
        Map<String, List<InstanceConfig>> byInterface = new LinkedHashMap<>();
        for (InstanceConfig ic : config.instances().values()) {
            byInterface.computeIfAbsent(ic.interfaceName(), k -> new ArrayList<>()).add(ic);
        }
        for (Map.Entry<String, List<InstanceConfig>> e : byInterface.entrySet()) {
            Link link = openLink(e.getKey(), e.getValue(), config, states);
            links.put(e.getKey(), link);
            for (InstanceConfig ic : e.getValue()) {
                Instance instance = new Instance(ic, link, loop);
                link.attach(instance);
                instances.add(instance);
            }
        }
        if (instances.stream().anyMatch(Instance::unicast)) {
            try {
                edges.add(ProtocolSocket.open(VrrpPacket.PROTOCOL));
            } catch (NetlinkException e) {
                // Not fatal: the kernel will answer unicast adverts with ICMP protocol unreachable, that is all.
                log.warn("cannot open a raw socket for VRRP: {}; the kernel will send ICMP protocol unreachable "
                        + "for each unicast advert", e.getMessage());
            }
        }
        removeStaleVips();
        try {
            linkMonitor = LinkMonitor.start(state -> loop.execute(() -> linkChanged(state)));
            edges.add(linkMonitor);
        } catch (NetlinkException e) {
            throw new AgentException("cannot watch links through netlink: " + e.getMessage(), e);
        }
        tracking = new TrackingSetup(config, instances, loop, netlink);
        edges.add(tracking);
        statusCollector = new StatusCollector(config, instances, links, tracking, loop);
        loop.start();
        loop.execute(() -> {
            tracking.initialStates();
            for (Instance i : instances) {
                loop.add(i.router());
                i.startResolvingPeers();
                i.router().startup(loop.now());
                LinkState s = states.get(i.config().interfaceName());
                i.tracking().link(s == null || s.usable() ? null : describe(s), "start");
            }
            tracking.start();
        });
        // Capture only once the routers are queued for startup, so no advert reaches a router in INIT.
        for (AutoCloseable edge : edges) {
            if (edge instanceof PcapTransport transport) {
                transport.start();
            }
        }
    }

    private Link openLink(String name, List<InstanceConfig> onLink, Config config, Map<String, LinkState> states)
            throws AgentException {
        int ifIndex;
        byte[] mac;
        try {
            LinkState state = netlink.query(name);
            if (state == null) {
                throw new AgentException("interface " + name + " does not exist (see `ip link`)");
            }
            states.put(name, state);
            ifIndex = state.ifIndex();
            mac = netlink.macAddress(name);
        } catch (NetlinkException e) {
            if (e.errno() == io.floatip.net.Errno.ENODEV) {
                throw new AgentException("interface " + name + " does not exist (see `ip link`)", e);
            }
            throw new AgentException("interface " + name + ": " + e.getMessage(), e);
        }
        if (mac == null || mac.length != 6) {
            throw new AgentException("interface " + name + " has no Ethernet address; VRRP needs an Ethernet link");
        }
        Link link = new Link(name, ifIndex, mac, primaryAddress(name, ifIndex, config), netlink);
        try {
            boolean anyUnicast = onLink.stream().anyMatch(InstanceConfig::unicast);
            PcapTransport transport = PcapTransport.open(name, Link.filter(anyUnicast), link::onFrame);
            edges.add(transport);
            link.transport(transport);
        } catch (TransportException e) {
            throw new AgentException(e.getMessage(), e);
        }
        if (onLink.stream().allMatch(InstanceConfig::unicast)) {
            return link;
        }
        try {
            edges.add(MulticastMembership.join(VrrpCodec.MULTICAST_GROUP, name));
        } catch (IOException | RuntimeException e) {
            // Not fatal: most links deliver the group anyway; say so, since some NICs will not.
            log.warn("cannot join 224.0.0.18 on {}: {}; adverts may not arrive on NICs that filter multicast",
                    name, e.getMessage());
        }
        return link;
    }

    /** The source of our adverts: the interface's first primary IPv4 address that is not one of our VIPs. */
    private Inet4Address primaryAddress(String name, int ifIndex, Config config) throws AgentException {
        Set<java.net.InetAddress> vips = new HashSet<>();
        config.instances().values().forEach(ic -> ic.virtualIps().forEach(v -> vips.add(v.address())));
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

    /** A VIP present at start was left by a run that was killed: remove it, and claim it again only as master. */
    private void removeStaleVips() {
        for (Instance i : instances) {
            for (VirtualIp vip : i.config().virtualIps()) {
                i.release(vip);
            }
        }
    }

    private void linkChanged(LinkState s) {
        for (Instance i : instances) {
            if (i.config().interfaceName().equals(s.name())) {
                i.tracking().link(s.usable() ? null : describe(s), "interface " + s.name() + " is up");
            }
        }
        tracking.linkChanged(s);
    }

    private static String describe(LinkState s) {
        if (s.deleted()) {
            return "interface " + s.name() + " was deleted";
        }
        return s.up() ? "interface " + s.name() + " has no carrier" : "interface " + s.name() + " is down";
    }

    /**
     * Every master sends priority 0 and releases its addresses; then the edges close. Bounded: returns within
     * about a second even if the loop is stuck.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            long now = loop.now();
            for (Instance i : instances) {
                i.router().shutdown(now);
            }
            done.countDown();
        });
        try {
            if (!done.await(700, TimeUnit.MILLISECONDS)) {
                log.error("event loop did not stop in time; addresses may remain configured");
            }
            loop.stop(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tracking != null) {
            tracking.drain(STOP_NOTIFY_MILLIS); // the stop notifications, bounded
        }
        closeEdges();
    }

    private void closeEdges() {
        for (int k = edges.size() - 1; k >= 0; k--) {
            try {
                edges.get(k).close();
            } catch (Exception e) {
                log.debug("closing {} failed: {}", edges.get(k), e.getMessage());
            }
        }
        edges.clear();
    }

    /**
     * A consistent snapshot of everything, taken on the event loop; any thread may ask. Waits at most a
     * second (a stuck loop is itself news: the caller says so).
     */
    public AgentStatus status() throws java.util.concurrent.TimeoutException, InterruptedException {
        java.util.concurrent.CompletableFuture<AgentStatus> f = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(statusCollector.collect());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("status failed", e.getCause());
        }
    }

    /** States by instance name, read from any thread (for tests and status). */
    public Map<String, State> states() {
        Map<String, State> m = new LinkedHashMap<>();
        for (Instance i : instances) {
            m.put(i.config().name(), i.router().state());
        }
        return m;
    }

    @Override
    public void close() {
        stop();
    }
}
