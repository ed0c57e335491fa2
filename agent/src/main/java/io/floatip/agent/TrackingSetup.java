package io.floatip.agent;

import io.floatip.config.Config;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ProcessConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.SyncGroupConfig;
import io.floatip.config.TrackedFile;
import io.floatip.config.TrackedInterface;
import io.floatip.config.TrackedProcess;
import io.floatip.config.TrackedScript;
import io.floatip.net.LinkState;
import io.floatip.net.Netlink;
import io.floatip.net.NetlinkException;
import io.floatip.notify.FifoReader;
import io.floatip.notify.NotifyFifo;
import io.floatip.notify.NotifyQueue;
import io.floatip.os.Privileges;
import io.floatip.router.SyncGroup;
import io.floatip.script.PooledScriptRunner;
import io.floatip.script.ScriptProcess;
import io.floatip.script.ScriptUser;
import io.floatip.track.CheckScript;
import io.floatip.track.Health;
import io.floatip.track.ProcessCheck;
import io.floatip.track.ProcessMatch;
import io.floatip.track.ProcessWatch;
import io.floatip.track.ScriptOutcome;
import io.floatip.track.TrackedFileWatch;
import io.floatip.track.UpDown;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what keeps the VIP on a healthy node and connects it to the instances: check scripts (each run once,
 * however many instances track it), tracked interfaces and files, notifications and sync groups. Instances
 * are attached and detached one by one, so a reload can replace one without touching the others. Loop thread
 * only, except construction and {@link #drain}.
 */
final class TrackingSetup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    /** Each notify script may run this long; then its process group is killed and the next one runs. */
    static final long NOTIFY_TIMEOUT_MILLIS = 10_000;

    private final EventLoop loop;
    private final Netlink netlink;
    private final PooledScriptRunner runner;
    /** One runner per script user other than global.script_user (a vrrp_script's own user), made when needed. */
    private final Map<String, PooledScriptRunner> userRunners = new LinkedHashMap<>();
    private final ScriptProcess process;
    private final NotifyFifo fifo;
    /** The notify_fifo_script, started once the FIFO is open; null without one. */
    private final FifoReader reader;
    /** Tracked files are stat'ed and read here, never on the loop: one daemon thread, made when first needed. */
    private java.util.concurrent.ExecutorService filesThread;
    private final java.util.concurrent.Executor files = task -> filesThread().execute(task);
    private final Map<String, CheckScript> scripts = new LinkedHashMap<>();
    /** Every process the config defines at start, watched by one thread; a reload's new ones wait for a restart. */
    private final Map<String, ProcessCheck> processes = new LinkedHashMap<>();
    private final ProcessWatch processWatch;
    private final List<SyncGroup> groups = new ArrayList<>();
    private final List<NotifyQueue> groupQueues = new ArrayList<>();
    private final Map<Instance, Attachment> attachments = new LinkedHashMap<>();
    private Config config;
    private boolean started;

    /** What one instance is hooked to, so it can be unhooked. */
    private static final class Attachment {
        final List<Runnable> undo = new ArrayList<>();
        final List<TrackedFileWatch> watches = new ArrayList<>();
        NotifyQueue queue;
    }

    TrackingSetup(Config config, EventLoop loop, Netlink netlink) throws AgentException {
        this.config = config;
        this.loop = loop;
        this.netlink = netlink;
        this.process = new ScriptProcess(ScriptUser.resolve(config.global().scriptUser(), runsAsRoot()));
        this.runner = new PooledScriptRunner(process, loop);
        Path fifoPath = config.global().notifyFifo();
        try {
            // The reader runs as the script user, who must be able to open what the agent makes.
            String owner = config.global().notifyFifoScript() == null ? null
                    : ScriptUser.resolve(config.global().scriptUser(), runsAsRoot()).name();
            this.fifo = fifoPath == null ? null : new NotifyFifo(fifoPath, owner);
        } catch (IOException e) {
            runner.close();
            throw new AgentException(e.getMessage(), e);
        }
        io.floatip.config.Command readerCommand = config.global().notifyFifoScript();
        this.reader = readerCommand == null ? null : new FifoReader(readerCommand.argv(), fifoPath,
                process::startDaemon);
        if (reader != null) {
            reader.start();
        }
        this.processWatch = watchProcesses(config);
    }

    private ProcessWatch watchProcesses(Config config) {
        if (config.processes().isEmpty()) {
            return null;
        }
        List<ProcessConfig> defined = List.copyOf(config.processes().values());
        List<ProcessMatch> matches = defined.stream().map(ProcessMatch::of).toList();
        int[] quorums = defined.stream().mapToInt(ProcessConfig::quorum).toArray();
        List<ProcessCheck> checks = new ArrayList<>();
        ProcessWatch watch = new ProcessWatch(matches, quorums, (k, n) -> loop.execute(() -> checks.get(k).counted(n)));
        for (int k = 0; k < defined.size(); k++) {
            ProcessCheck check = new ProcessCheck(defined.get(k), loop, watch.count(k));
            checks.add(check);
            processes.put(defined.get(k).name(), check);
        }
        return watch;
    }

    /**
     * Wires one instance: notifications, tracked scripts, interfaces and files, with their current states
     * applied (a script already running keeps its state). Once started, its scripts and watches run at once.
     */
    void attach(Instance i) {
        Attachment a = new Attachment();
        Notifications n = notifications("INSTANCE", i.config().name(), i.config().notifications());
        i.notifications(n);
        i.conflictWatch.notifications(n);
        a.queue = n == null ? null : n.queue();
        for (TrackedScript ts : i.config().trackScripts()) {
            CheckScript script = scripts.get(ts.name());
            boolean fresh = script == null;
            if (fresh) {
                ScriptConfig sc = config.scripts().get(ts.name());
                script = new CheckScript(sc, loop, runnerFor(sc));
                scripts.put(ts.name(), script);
            }
            follow(a, i, script, Health.Key.script(ts.name()), ts.weight());
            if (fresh && started) {
                script.start();
            }
        }
        for (TrackedInterface ti : i.config().trackInterfaces()) {
            i.tracking().set(Health.Key.iface(ti.name()), ti.weight(), usable(ti.name()), "start");
        }
        for (TrackedProcess tp : i.config().trackProcesses()) {
            ProcessCheck check = processes.get(tp.name());
            if (check == null) {
                log.warn("{}: process {} is defined since the last start; it is watched from the next start",
                        i.config().name(), tp.name());
                continue;
            }
            follow(a, i, check, new Health.Key("process", tp.name()), tp.weight());
        }
        for (TrackedFile tf : i.config().trackFiles()) {
            Health.Key key = Health.Key.file(tf.path().toString());
            TrackedFileWatch watch = new TrackedFileWatch(tf.path(), loop, files, loop,
                    v -> i.tracking().setValue(key, tf.weight(), v, key + " is " + v));
            a.watches.add(watch);
            if (started) {
                watch.start();
            }
        }
        attachments.put(i, a);
    }

    /** The runner for a script: its own user's when it names one, else the one for global.script_user. */
    private PooledScriptRunner runnerFor(ScriptConfig sc) {
        if (sc.user() == null) {
            return runner;
        }
        return userRunners.computeIfAbsent(sc.user(), user -> new PooledScriptRunner(
                new ScriptProcess(ScriptUser.resolve(user, runsAsRoot())), loop));
    }

    /** The instance follows {@code thing} with {@code weight} from now (its state now applied) until detached. */
    private static void follow(Attachment a, Instance i, UpDown thing, Health.Key key, int weight) {
        UpDown.Listener listener = t -> i.tracking().set(key, weight, t.up(),
                key + " is " + (t.up() ? "up" : "down") + t.detail());
        thing.addListener(listener);
        a.undo.add(() -> thing.removeListener(listener));
        i.tracking().set(key, weight, thing.up(), "start");
    }

    /** Unhooks an instance that a reload removed; its stop notifications still run, in the background. */
    void detach(Instance i) {
        Attachment a = attachments.remove(i);
        if (a == null) {
            return;
        }
        a.undo.forEach(Runnable::run);
        a.watches.forEach(TrackedFileWatch::stop);
        if (a.queue != null) {
            NotifyQueue q = a.queue;
            Thread t = new Thread(() -> {
                try {
                    q.drain(NOTIFY_TIMEOUT_MILLIS);
                } catch (InterruptedException ignored) {
                    // gone
                }
            }, "notify-drain");
            t.setDaemon(true);
            t.start();
        }
        dropUntracked();
    }

    /** Builds the sync groups over the attached instances; once, at start (group changes need a restart). */
    void buildGroups() {
        Map<String, Instance> byName = new LinkedHashMap<>();
        attachments.keySet().forEach(i -> byName.put(i.config().name(), i));
        for (SyncGroupConfig g : config.syncGroups().values()) {
            List<SyncGroup.Member> members = new ArrayList<>();
            g.instances().forEach(name -> members.add(byName.get(name)));
            Notifications groupNotifications = notifications("GROUP", g.name(), g.notifications());
            if (groupNotifications != null && groupNotifications.queue() != null) {
                groupQueues.add(groupNotifications.queue());
            }
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

    /** Scripts run and files are watched from now on. */
    void start() {
        started = true;
        for (Attachment a : attachments.values()) {
            a.watches.forEach(TrackedFileWatch::start);
        }
        scripts.values().forEach(CheckScript::start);
        if (processWatch != null) {
            processWatch.start();
        }
    }

    /**
     * A reload's new config: the scripts in {@code changed} (their definition changed, or they are gone) stop
     * now; the instances that track them are replaced, and attaching those starts the new definitions.
     */
    void replaceConfig(Config next, List<String> changed) {
        for (String name : changed) {
            CheckScript old = scripts.remove(name);
            if (old != null) {
                old.stop();
            }
        }
        this.config = next;
    }

    /** Stops the scripts that no attached instance tracks any more. */
    private void dropUntracked() {
        scripts.entrySet().removeIf(e -> {
            boolean tracked = attachments.keySet().stream()
                    .anyMatch(i -> i.config().trackScripts().stream().anyMatch(ts -> ts.name().equals(e.getKey())));
            if (!tracked) {
                e.getValue().stop();
            }
            return !tracked;
        });
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
                if (log.isDebugEnabled()) {
                    log.debug("notify for {} {}: {}: {}", kind.toLowerCase(), name, String.join(" ", argv),
                            outcome.detail());
                }
                if (!outcome.success()) {
                    log.warn("notify {} for {} {}: {}", argv.get(0), kind.toLowerCase(), name, outcome.detail());
                }
            });
        }
        return new Notifications(kind, name, notify, queue, fifo);
    }

    /** Loop thread: a link event, for the instances that track that interface. */
    void linkChanged(LinkState s) {
        for (Instance i : attachments.keySet()) {
            for (TrackedInterface ti : i.config().trackInterfaces()) {
                if (ti.name().equals(s.name())) {
                    i.tracking().set(Health.Key.iface(ti.name()), ti.weight(), s.usable(),
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

    /** Lets the stop notifications run, all queues together, for at most {@code millis}. Any thread. */
    void drain(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<NotifyQueue> all = new ArrayList<>(groupQueues);
        attachments.values().forEach(a -> {
            if (a.queue != null) {
                all.add(a.queue);
            }
        });
        for (NotifyQueue q : all) {
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
        if (processWatch != null) {
            processWatch.close();
        }
        runner.close();
        userRunners.values().forEach(PooledScriptRunner::close);
        attachments.values().forEach(a -> {
            if (a.queue != null) {
                a.queue.close();
            }
        });
        groupQueues.forEach(NotifyQueue::close);
        stopReader();
        if (fifo != null) {
            fifo.close();
        }
        synchronized (this) {
            if (filesThread != null) {
                filesThread.shutdownNow();
            }
        }
    }

    /** The reader gets the last lines (the STOP ones) before its SIGTERM, then the FIFO closes. */
    private void stopReader() {
        if (reader == null) {
            return;
        }
        try {
            fifo.flush(READER_FLUSH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.stop();
    }

    /** How long a stopping agent waits for its FIFO reader to read what is left. */
    static final long READER_FLUSH_MILLIS = 500;

    private synchronized java.util.concurrent.ExecutorService filesThread() {
        if (filesThread == null) {
            filesThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "floatip-files");
                t.setDaemon(true);
                return t;
            });
        }
        return filesThread;
    }

    static boolean runsAsRoot() {
        return Privileges.isRoot();
    }
}
