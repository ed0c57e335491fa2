package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.net.LibpcapCheck;
import io.floatip.net.LinkMonitor;
import io.floatip.net.LinkState;
import io.floatip.net.NativeHeap;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.net.PcapTransport;
import io.floatip.net.ProtocolSocket;
import io.floatip.protocol.VrrpPacket;
import io.floatip.router.State;
import io.floatip.status.AgentStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: every instance of a config, its interfaces, the event loop, a reload that changes only
 * what changed, and an orderly stop.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** How long stopping waits for the stop notifications: SIGTERM must still end within about a second. */
    static final long STOP_NOTIFY_MILLIS = 800;

    private final EventLoop loop = new EventLoop();
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** Changed on the loop thread only; read by {@link #states()} from any thread. */
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> edges = new ArrayList<>();
    private Netlink netlink;
    private LinkOpener opener;
    private TrackingSetup tracking;
    private StatusCollector statusCollector;
    private ProtocolSocket protocolSocket;
    private Config config;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicBoolean handOverQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch handedOver = new CountDownLatch(1);
    private final Runnable shutdownRouters = this::shutdownRouters;
    private volatile java.util.function.Consumer<String> summaryListener;
    /** Loop thread: the instances drained by the operator (floatip drain), kept in the state directory. */
    private final Set<String> drained = new java.util.LinkedHashSet<>();
    private java.nio.file.Path stateDir;

    /** What a reload did, line by line; {@code applied} false when the new config was refused. */
    public record ReloadResult(boolean applied, List<String> messages) {
    }

    /** A start's garbage is freed within seconds; the JIT compiles the steady state's code within a minute. */
    private static final long START_SETTLED_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long JIT_SETTLED_NANOS = TimeUnit.SECONDS.toNanos(60);

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
        this.config = config;
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
        opener = new LinkOpener(netlink, edges);
        tracking = new TrackingSetup(config, loop, netlink);
        edges.add(tracking);
        Map<String, List<InstanceConfig>> byInterface = new LinkedHashMap<>();
        for (InstanceConfig ic : config.instances().values()) {
            byInterface.computeIfAbsent(ic.interfaceName(), k -> new ArrayList<>()).add(ic);
        }
        for (Map.Entry<String, List<InstanceConfig>> e : byInterface.entrySet()) {
            links.put(e.getKey(), opener.open(e.getKey(), e.getValue(), vips(config)));
        }
        loadDrains(config);
        for (InstanceConfig ic : config.instances().values()) {
            Instance i = create(ic);
            // A VIP present at start was left by a run that was killed: remove it; claim it only as master.
            Set<InetAddress> present = present(links.get(ic.interfaceName()));
            ic.virtualIps().stream().filter(v -> present.contains(v.address())).forEach(i::release);
        }
        openProtocolSocketIfNeeded();
        try {
            VipGuard guard = new VipGuard(netlink, instances, links);
            edges.add(LinkMonitor.start(new io.floatip.net.LinkListener() {
                @Override
                public void linkChanged(LinkState state) {
                    linkChanged(state, System.nanoTime());
                }

                @Override
                public void linkChanged(LinkState state, long readAt) {
                    loop.execute(() -> Agent.this.linkChanged(state, readAt));
                }

                @Override
                public void addressChanged(io.floatip.net.InterfaceAddress address, boolean added) {
                    loop.execute(() -> guard.addressChanged(address, added));
                }
            }, true));
        } catch (NetlinkException e) {
            throw new AgentException("cannot watch links through netlink: " + e.getMessage(), e);
        }
        statusCollector = new StatusCollector(config, instances, links, tracking, loop);
        loop.realtimePriority(config.global().realtimePriority());
        loop.start();
        trimNativeHeapLater(START_SETTLED_NANOS);
        trimNativeHeapLater(JIT_SETTLED_NANOS);
        loop.execute(() -> {
            tracking.buildGroups();
            instances.forEach(this::startRouter);
            tracking.start();
        });
        // Capture only once the routers are queued for startup, so no advert reaches a router in INIT.
        links.values().forEach(this::startCapture);
    }

    private void startCapture(Link link) {
        link.transport().realtimePriority(config.global().realtimePriority());
        link.transport().start();
    }

    /** Builds an instance on its (open) link and wires its tracking; the router starts separately. */
    private Instance create(InstanceConfig ic) {
        Link link = links.get(ic.interfaceName());
        Instance i = new Instance(ic, link, loop);
        link.attach(i);
        tracking.attach(i);
        instances.add(i);
        i.afterTransition(this::transitioned);
        return i;
    }

    /** Loop thread: tells the listener the one-line summary, e.g. "VI_1 MASTER, VI_2 BACKUP". */
    private void transitioned() {
        java.util.function.Consumer<String> l = summaryListener;
        if (l != null) {
            l.accept(summary());
        }
    }

    /** "VI_1 MASTER, VI_2 BACKUP": the instances' states on one line. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Instance i : instances) {
            sb.append(sb.length() == 0 ? "" : ", ").append(i.config().name()).append(' ')
                    .append(i.router().state());
        }
        return sb.toString();
    }

    /** Called on the loop thread with {@link #summary()} after every transition. */
    public void onTransitions(java.util.function.Consumer<String> listener) {
        this.summaryListener = listener;
    }

    /**
     * Runs {@code task} on the event loop every {@code periodNanos}, for as long as the loop runs: a task
     * that proves the loop is alive (systemd's watchdog) must run there, not on a timer thread of its own.
     */
    public void everyOnLoop(long periodNanos, Runnable task) {
        loop.execute(() -> repeat(periodNanos, task));
    }

    private void repeat(long periodNanos, Runnable task) {
        task.run();
        loop.schedule(loop.now() + periodNanos, () -> repeat(periodNanos, task));
    }

    /** Loop thread. */
    private void startRouter(Instance i) {
        loop.add(i.router());
        if (drained.contains(i.config().name())) {
            i.router().drain(loop.now(), true, "drained");
            log.info("{}: drained (in {}); it stays BACKUP at priority {} while another node can serve; "
                    + "floatip undrain ends it", i.config().name(), stateDir.resolve(DrainState.FILE),
                    io.floatip.router.Router.DRAINED_PRIORITY);
        }
        i.startResolvingPeers();
        i.router().startup(loop.now());
        try {
            LinkState s = opener.state(i.config().interfaceName());
            i.tracking().link(s.usable() ? null : describe(s), "start");
        } catch (AgentException e) {
            i.tracking().link(e.getMessage(), "start");
        }
        i.primeTakeover();
    }

    /** Loop thread: a removed instance hands over like a stopping one (priority 0, VIPs released). */
    private void remove(Instance i) {
        i.router().shutdown(loop.now());
        loop.remove(i.router());
        links.get(i.config().interfaceName()).detach(i);
        tracking.detach(i);
        instances.remove(i);
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
        config.instances().values().forEach(ic -> ic.virtualIps().forEach(v -> vips.add(v.address())));
        return vips;
    }

    // ---- drain ----

    /** At start, before any router: what was drained survives the restart. An unreadable file drains nothing. */
    private void loadDrains(Config config) {
        stateDir = config.global().stateDir();
        try {
            for (String name : DrainState.load(stateDir)) {
                if (config.instances().containsKey(name)) {
                    drained.add(name);
                } else {
                    log.warn("{} drains instance {}, which the config does not have; ignored", stateDir
                            .resolve(DrainState.FILE), name);
                }
            }
        } catch (java.io.IOException e) {
            log.error("cannot read the drain state, starting with nothing drained: {}", e.getMessage());
        }
    }

    /**
     * floatip drain / undrain: every instance when {@code names} is empty. A drained master hands over at once
     * (priority 0); a drained instance stays BACKUP at the lowest priority while another node can serve. The
     * state is saved before the reply, so it survives a restart. Any thread; bounded.
     */
    public io.floatip.control.DrainResult drain(List<String> names, boolean on)
            throws InterruptedException, TimeoutException {
        CompletableFuture<io.floatip.control.DrainResult> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(applyDrain(names, on));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drain failed", e.getCause());
        }
    }

    private io.floatip.control.DrainResult applyDrain(List<String> names, boolean on) {
        Map<String, Instance> byName = new LinkedHashMap<>();
        instances.forEach(i -> byName.put(i.config().name(), i));
        List<String> unknown = names.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            return new io.floatip.control.DrainResult(false, List.copyOf(drained), List.of("no instance named "
                    + String.join(", ", unknown) + "; instances: " + String.join(", ", byName.keySet())));
        }
        List<String> messages = new ArrayList<>();
        for (String name : names.isEmpty() ? byName.keySet() : names) {
            Instance i = byName.get(name);
            boolean changed = on ? drained.add(name) : drained.remove(name);
            if (!changed) {
                messages.add(name + ": already " + (on ? "drained" : "not drained"));
                continue;
            }
            State before = i.router().state();
            i.router().drain(loop.now(), on, on ? "drained by floatip drain" : "undrained by floatip undrain");
            String what = on ? (before == State.MASTER ? "drained: handed over (priority 0), stays BACKUP at "
                    + "priority " + io.floatip.router.Router.DRAINED_PRIORITY : "drained: stays BACKUP at priority "
                    + io.floatip.router.Router.DRAINED_PRIORITY)
                    : "undrained: priority " + i.router().priority() + ", preempts as usual once its checks pass";
            log.info("{}: {}", name, what);
            messages.add(name + ": " + what);
        }
        try {
            DrainState.save(stateDir, drained);
        } catch (java.io.IOException e) {
            String m = "the drain state could not be saved in " + stateDir + " (" + e.getMessage()
                    + "): it holds until the agent restarts";
            log.error("{}", m);
            messages.add("warning: " + m);
        }
        return new io.floatip.control.DrainResult(true, List.copyOf(drained), messages);
    }

    // ---- reload ----

    /**
     * Applies a new (valid) config, changing only what changed: an unchanged instance keeps its state and its
     * VIPs with no gap in its adverts; a changed priority, interval, preemption, VIP list or GARP setting is
     * applied in place; an instance whose identity or tracking changed is replaced (the old one hands over
     * like a stopping one); a new one starts in INIT; a removed one releases its VIPs and stops. Global
     * settings and sync groups take effect at the next start. Any thread; bounded.
     */
    public ReloadResult reload(Config next) throws InterruptedException, TimeoutException {
        CompletableFuture<ReloadResult> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(applyReload(next));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reload failed", e.getCause());
        }
    }

    /**
     * SIGHUP and `floatip reload`: re-reads the config file the agent runs. An invalid file changes nothing:
     * every error is logged with its file:line and returned, and the old config keeps running unchanged.
     */
    public ReloadResult reloadFromFile() throws InterruptedException, TimeoutException {
        java.nio.file.Path file = config.source();
        Config next;
        try {
            next = io.floatip.config.ConfigLoader.load(file);
        } catch (io.floatip.config.ConfigException e) {
            log.error("reload refused, the running config stays as it was: {} error(s) in {}", e.errors().size(),
                    file);
            e.errors().forEach(line -> log.error("reload: {}", line));
            return new ReloadResult(false, e.errors());
        }
        return reload(next);
    }

    /** Once the start's (or a reload's) garbage is freed: the C heap's free pages go back to the kernel. */
    private void trimNativeHeapLater(long afterNanos) {
        loop.schedule(loop.now() + afterNanos, () -> {
            long t0 = System.nanoTime();
            boolean released = NativeHeap.trim();
            log.debug("native heap trimmed in {} us (pages released: {})", (System.nanoTime() - t0) / 1000, released);
        });
    }

    private ReloadResult applyReload(Config next) {
        trimNativeHeapLater(START_SETTLED_NANOS);
        List<String> messages = new ArrayList<>();
        Config before = config;
        List<String> changedScripts = tracking.replaceConfig(next);
        Map<String, Instance> current = new LinkedHashMap<>();
        instances.forEach(i -> current.put(i.config().name(), i));
        for (Instance i : current.values()) {
            if (!next.instances().containsKey(i.config().name())) {
                remove(i);
                messages.add(i.config().name() + ": removed (VIPs released)");
            }
        }
        for (InstanceConfig ic : next.instances().values()) {
            Instance old = current.get(ic.name());
            boolean scriptChanged = ic.trackScripts().stream().anyMatch(ts -> changedScripts.contains(ts.name()));
            if (old != null && old.config().equals(ic) && !scriptChanged) {
                continue; // unchanged: nothing at all happens to it
            }
            if (old != null && !scriptChanged && Instance.changeableInPlace(old.config(), ic)) {
                String what = old.reconfigure(ic);
                messages.add(ic.name() + ": " + (what == null ? "unchanged" : what + " (in place)"));
                continue;
            }
            if (old != null) {
                remove(old);
            }
            try {
                if (!links.containsKey(ic.interfaceName())) {
                    Link link = opener.open(ic.interfaceName(), List.of(ic), vips(next));
                    links.put(ic.interfaceName(), link);
                    startCapture(link);
                }
                Link link = links.get(ic.interfaceName());
                if (ic.ipv6() && link.linkLocal() == null) {
                    opener.refresh(link, List.of(ic));
                    if (link.linkLocal() == null) {
                        throw new AgentException("interface " + ic.interfaceName() + " has no IPv6 link-local address");
                    }
                }
                Instance i = create(ic);
                startRouter(i);
                messages.add(ic.name() + ": " + (old == null ? "added" : "restarted (its interface, VRID, "
                        + "version, peers, authentication, tracking or notify changed)"));
            } catch (AgentException e) {
                messages.add(ic.name() + ": not started: " + e.getMessage());
            }
        }
        for (Link link : links.values()) {
            opener.refresh(link, instances.stream().map(Instance::config)
                    .filter(c -> c.interfaceName().equals(link.name())).toList());
        }
        openProtocolSocketIfNeeded();
        if (!Objects.equals(before.global(), next.global()) || !before.syncGroups().equals(next.syncGroups())) {
            messages.add("global settings and sync_groups changes take effect at the next start");
        }
        if (!before.processes().equals(next.processes())) {
            messages.add("processes changes take effect at the next start");
        }
        config = next;
        statusCollector = new StatusCollector(next, instances, links, tracking, loop);
        if (messages.isEmpty()) {
            messages.add("no changes");
        }
        messages.forEach(m -> log.info("reload: {}", m));
        return new ReloadResult(true, messages);
    }

    // ---- events ----

    /** Loop thread; {@code readAt}: when the monitor read the change (a returning link's timers run from then). */
    private void linkChanged(LinkState s, long readAt) {
        Link link = links.get(s.name());
        if (link != null && !s.deleted() && s.ifIndex() != link.ifIndex()) {
            try {
                link.rebind(s.ifIndex(), netlink.macAddress(s.name()));
            } catch (NetlinkException e) {
                link.rebind(s.ifIndex(), null);
            }
            opener.refresh(link, configsOn(s.name()));
            log.info("interface {} was created again (index {}); following it", s.name(), s.ifIndex());
        } else if (link != null && s.usable() && LinkOpener.missesSomething(link, configsOn(s.name()))) {
            // A join that failed while the interface was being created: try again now it is up.
            opener.refresh(link, configsOn(s.name()));
        }
        for (Instance i : instances) {
            if (i.config().interfaceName().equals(s.name())) {
                i.tracking().link(s.usable() ? null : describe(s), "interface " + s.name() + " is up", readAt);
            }
        }
        tracking.linkChanged(s);
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

    private static String describe(LinkState s) {
        if (s.deleted()) {
            return "interface " + s.name() + " was deleted";
        }
        return s.up() ? "interface " + s.name() + " has no carrier" : "interface " + s.name() + " is down";
    }

    // ---- stop ----

    /**
     * The first half of {@link #stop()}, which it does itself if no one did: every master sends priority 0,
     * from the calling thread (Instance.resign), and releases its addresses, on the loop. Returns at once, so
     * a signal handler can start the handover before anything else (systemd's STOPPING=1, say). Any thread.
     */
    public void handOver() {
        if (handOverQueued.compareAndSet(false, true)) {
            for (Instance i : instances) {
                i.resign(); // the priority 0 adverts first, from this thread: the backups' Skew_Time starts now
            }
            loop.execute(shutdownRouters);
        }
    }

    /** Loop thread. A field, bound at construction: linking a lambda on first use costs a stop a millisecond. */
    private void shutdownRouters() {
        long now = loop.now();
        for (Instance i : instances) {
            i.router().shutdown(now);
        }
        handedOver.countDown();
    }

    /**
     * Every master sends priority 0 and releases its addresses; the stop notifications run (bounded); then
     * the edges close. Returns within about a second even if the loop is stuck.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        handOver();
        try {
            if (!handedOver.await(700, TimeUnit.MILLISECONDS)) {
                log.error("event loop did not stop in time; addresses may remain configured");
            }
            loop.stop(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tracking != null) {
            tracking.drain(STOP_NOTIFY_MILLIS);
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

    // ---- what runs ----

    /**
     * A consistent snapshot of everything, taken on the event loop; any thread may ask. Waits at most a
     * second (a stuck loop is itself news: the caller says so).
     */
    public AgentStatus status() throws TimeoutException, InterruptedException {
        CompletableFuture<AgentStatus> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(statusCollector.collect());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("status failed", e.getCause());
        }
    }

    /** States by instance name, read from any thread (for tests and the sd_notify status line). */
    public Map<String, State> states() {
        Map<String, State> m = new LinkedHashMap<>();
        for (Instance i : instances) {
            m.put(i.config().name(), i.router().state());
        }
        return m;
    }

    /** The loop, for edges that must run work on it (the watchdog, which proves the loop is alive). */
    public java.util.concurrent.Executor loop() {
        return loop;
    }

    @Override
    public void close() {
        stop();
    }
}
