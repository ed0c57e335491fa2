package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.control.ReloadResult;
import io.floatip.firewall.AcceptFirewall;
import io.floatip.firewall.Nft;
import io.floatip.net.LibpcapCheck;
import io.floatip.net.LinkMonitor;
import io.floatip.net.NativeHeap;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.router.State;
import io.floatip.status.AgentStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final List<AutoCloseable> edges = new ArrayList<>();
    private Netlink netlink;
    private TrackingSetup tracking;
    private volatile Instances instances;
    private AcceptFirewall firewall;
    private ReloadExecutor reloads;
    private LinkMonitor linkMonitor;
    /** One for the agent's life: its start time is the agent's, whatever reloads came since. */
    private StatusCollector statusCollector;
    /** Written on the loop (a reload), read by the thread that re-reads the file. */
    private volatile Config config;
    private volatile boolean stopped;
    private final Shutdown shutdown = new Shutdown(loop);
    private volatile java.util.function.Consumer<String> summaryListener;
    /** Loop thread: the instances drained by the operator (floatip drain), kept in the state directory. */
    private final Drains drains = new Drains();
    private final Object drainCommands = new Object();

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
        // Closed after the instances let go of their VIPs: it removes the table last.
        firewall = new AcceptFirewall(Nft.system());
        firewall.removeStale(config.instances().values().stream().anyMatch(ic -> !ic.refusedWhileMaster().isEmpty()));
        edges.add(firewall);
        tracking = new TrackingSetup(config, loop, netlink);
        edges.add(tracking);
        instances = new Instances(loop, netlink, tracking, edges, this::transitioned,
                config.global().realtimePriority(), drains);
        instances.firewall(firewall);
        shutdown.opened(netlink, instances);
        drains.load(config);
        instances.open(config);
        reloads = new ReloadExecutor(instances, tracking);
        try {
            VipGuard guard = new VipGuard(netlink, instances.all());
            edges.add(linkMonitor = LinkMonitor.start(new LinkEvents(loop, instances, guard), true,
                    ReloadExecutor.holdsRouting(config)));
        } catch (NetlinkException e) {
            throw new AgentException("cannot watch links through netlink: " + e.getMessage(), e);
        }
        statusCollector = new StatusCollector(config, instances.all(), instances.links(), tracking, loop,
                System.currentTimeMillis());
        loop.realtimePriority(config.global().realtimePriority());
        loop.start();
        trimNativeHeapLater(START_SETTLED_NANOS);
        trimNativeHeapLater(JIT_SETTLED_NANOS);
        loop.execute(() -> {
            tracking.buildGroups();
            instances.all().forEach(instances::startRouter);
            tracking.start();
        });
        // Capture only once the routers are queued for startup, so no advert reaches a router in INIT.
        instances.links().values().forEach(instances::startCapture);
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
        for (Instance i : instances.all()) {
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

    // ---- drain ----

    /**
     * floatip drain / undrain: every instance when {@code names} is empty. A drained master hands over at once
     * (priority 0); a drained instance stays BACKUP at the lowest priority while another node can serve. The
     * state is saved before the reply, so it survives a restart: by this thread, not the loop, whose adverts
     * must not wait for a disk's fsync. Any thread; bounded by the loop's answer and one file write.
     */
    public io.floatip.control.DrainResult drain(List<String> names, boolean on)
            throws InterruptedException, TimeoutException {
        // One drain command at a time, so the file is written in the order the loop applied them. A drain the
        // loop applies after the time-out below is not answered, and is written with the next command's.
        synchronized (drainCommands) {
            return loop.call(() -> drains.apply(instances.all(), names, on, loop.now()), 10, TimeUnit.SECONDS,
                    "drain").save();
        }
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
        return loop.call(() -> applyReload(next), 10, TimeUnit.SECONDS, "reload");
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
        linkMonitor.watchRouting(ReloadExecutor.holdsRouting(next)); // before the reload adds them
        ReloadResult result = reloads.apply(config, next);
        config = next;
        statusCollector.reloaded(next);
        return result;
    }

    // ---- stop ----

    /**
     * The first half of {@link #stop()}, which it does itself if no one did: every master sends priority 0,
     * from the calling thread (Instance.resign), and releases its addresses, on the loop. Returns at once, so
     * a signal handler can start the handover before anything else (systemd's STOPPING=1, say). Any thread.
     */
    public void handOver() {
        shutdown.handOver();
    }

    /** {@link LastResort}'s hand-over, without the loop: see {@link Shutdown#lastResort}. */
    void lastResort() {
        shutdown.lastResort();
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
            if (!shutdown.awaitHandedOver(700)) {
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
        return loop.call(() -> statusCollector.collect(), 1, TimeUnit.SECONDS, "status");
    }

    /** States by instance name, read from any thread (for tests and the sd_notify status line). */
    public Map<String, State> states() {
        Map<String, State> m = new LinkedHashMap<>();
        for (Instance i : instances.all()) {
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
