package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.SyncGroupConfig;
import io.floatip.config.TrackedFile;
import io.floatip.config.TrackedInterface;
import io.floatip.config.TrackedScript;
import io.floatip.net.LinkState;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.notify.NotifyFifo;
import io.floatip.notify.NotifyQueue;
import io.floatip.router.SyncGroup;
import io.floatip.script.PooledScriptRunner;
import io.floatip.script.ScriptProcess;
import io.floatip.script.ScriptUser;
import io.floatip.track.CheckScript;
import io.floatip.track.ScriptOutcome;
import io.floatip.track.TrackedFileWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what keeps the VIP on a healthy node: check scripts (each run once, however many instances track
 * it), tracked interfaces and files, notifications and sync groups, and connects them to the instances.
 */
final class TrackingSetup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** Each notify script may run this long; then its process group is killed and the next one runs. */
    static final long NOTIFY_TIMEOUT_MILLIS = 10_000;

    private final Config config;
    private final List<Instance> instances;
    private final EventLoop loop;
    private final Netlink netlink;
    private final PooledScriptRunner runner;
    private final ScriptProcess process;
    private final Map<String, CheckScript> scripts = new LinkedHashMap<>();
    private final List<SyncGroup> groups = new ArrayList<>();
    private final List<TrackedFileWatch> files = new ArrayList<>();
    private final List<NotifyQueue> queues = new ArrayList<>();
    private final NotifyFifo fifo;

    TrackingSetup(Config config, List<Instance> instances, EventLoop loop, Netlink netlink) {
        this.config = config;
        this.instances = instances;
        this.loop = loop;
        this.netlink = netlink;
        this.process = new ScriptProcess(ScriptUser.resolve(config.global().scriptUser(), runsAsRoot()));
        this.runner = new PooledScriptRunner(process, loop);
        Path fifoPath = config.global().notifyFifo();
        this.fifo = fifoPath == null ? null : new NotifyFifo(fifoPath);
        build();
    }

    private void build() {
        Map<String, Instance> byName = new LinkedHashMap<>();
        for (Instance i : instances) {
            byName.put(i.config().name(), i);
            i.notifications(notifications("INSTANCE", i.config().name(), i.config().notifications()));
            for (TrackedScript ts : i.config().trackScripts()) {
                CheckScript script = scripts.computeIfAbsent(ts.name(), name -> {
                    ScriptConfig sc = config.scripts().get(name);
                    return new CheckScript(sc, loop, runner);
                });
                String key = "script " + ts.name();
                script.addListener(s -> i.tracking().set(key, ts.weight(), s.up(),
                        key + " is " + (s.up() ? "up" : "down")));
            }
        }
        for (SyncGroupConfig g : config.syncGroups().values()) {
            List<SyncGroup.Member> members = new ArrayList<>();
            g.instances().forEach(name -> members.add(byName.get(name)));
            Notifications groupNotifications = notifications("GROUP", g.name(), g.notifications());
            SyncGroup group = new SyncGroup(g.name(), members, (sg, to) -> {
                log.info("sync group {}: {}", sg.name(), to);
                if (groupNotifications != null) {
                    groupNotifications.changed(to, 0);
                }
            });
            g.instances().forEach(name -> byName.get(name).tracking().joinGroup(group));
            groups.add(group);
        }
    }

    private Notifications notifications(String kind, String name, NotifyConfig notify) {
        boolean any = notify.master() != null || notify.backup() != null || notify.fault() != null
                || notify.stop() != null || notify.any() != null;
        if (!any && fifo == null) {
            return null;
        }
        NotifyQueue queue = null;
        if (any) {
            queue = new NotifyQueue(name, argv -> {
                ScriptOutcome outcome = process.run(argv, NOTIFY_TIMEOUT_MILLIS);
                if (!outcome.success()) {
                    log.warn("notify {} for {} {}: {}", argv.get(0), kind.toLowerCase(), name, outcome.detail());
                }
            });
            queues.add(queue);
        }
        return new Notifications(kind, name, notify, queue, fifo);
    }

    /** Loop thread, before the routers start: the tracked things' first states, so startup sees them. */
    void initialStates() {
        for (Instance i : instances) {
            InstanceConfig ic = i.config();
            for (TrackedScript ts : ic.trackScripts()) {
                i.tracking().set("script " + ts.name(), ts.weight(), !config.scripts().get(ts.name()).initFail(),
                        "start");
            }
            for (TrackedInterface ti : ic.trackInterfaces()) {
                i.tracking().set("interface " + ti.name(), ti.weight(), usable(ti.name()), "start");
            }
        }
    }

    /** Loop thread, after the routers started: scripts run and files are watched from now on. */
    void start() {
        for (Instance i : instances) {
            for (TrackedFile tf : i.config().trackFiles()) {
                String key = "file " + tf.path();
                TrackedFileWatch watch = new TrackedFileWatch(tf.path(), loop,
                        v -> i.tracking().setValue(key, tf.weight(), v, key + " is " + v));
                files.add(watch);
                watch.start();
            }
        }
        scripts.values().forEach(CheckScript::start);
    }

    /** Loop thread: a link event, for the instances that track that interface. */
    void linkChanged(LinkState s) {
        for (Instance i : instances) {
            for (TrackedInterface ti : i.config().trackInterfaces()) {
                if (ti.name().equals(s.name())) {
                    i.tracking().set("interface " + ti.name(), ti.weight(), s.usable(),
                            "interface " + ti.name() + (s.usable() ? " is up" : " is down"));
                }
            }
        }
    }

    private boolean usable(String name) {
        try {
            LinkState s = netlink.query(name);
            return s != null && s.usable();
        } catch (NetlinkException e) {
            return false; // absent counts as down
        }
    }

    Map<String, CheckScript> scripts() {
        return scripts;
    }

    List<SyncGroup> groups() {
        return groups;
    }

    /** Lets the stop notifications run, all queues together, for at most {@code millis}. */
    void drain(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (NotifyQueue q : queues) {
            try {
                q.drain(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        runner.close();
        queues.forEach(NotifyQueue::close);
        if (fifo != null) {
            fifo.close();
        }
    }

    static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
