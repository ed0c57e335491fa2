package io.floatip.agent;

import io.floatip.base.Scheduler;
import io.floatip.base.Version;
import io.floatip.config.Config;
import io.floatip.config.VirtualIp;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.router.ClaimBackoff;
import io.floatip.router.Router;
import io.floatip.router.SyncGroup;
import io.floatip.status.AgentStatus;
import io.floatip.track.CheckScript;
import io.floatip.track.Health;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Takes an {@link AgentStatus} snapshot. Loop thread only, so every value comes from one moment. */
final class StatusCollector {
    /** Loop thread: the running config, replaced by a reload. */
    private Config config;
    private final List<Instance> instances;
    private final Map<String, Link> links;
    private final TrackingSetup tracking;
    private final Scheduler clock;
    /** When the agent started: one collector lives as long as the agent, so a reload keeps it. */
    private final long startedAtMillis;
    /** Instance name to how often its use_vmac macvlan was made again. */
    private final java.util.function.ToLongFunction<String> vmacRecreated;

    StatusCollector(Config config, List<Instance> instances, Map<String, Link> links, TrackingSetup tracking,
                    Scheduler clock, long startedAtMillis, java.util.function.ToLongFunction<String> vmacRecreated) {
        this.config = config;
        this.vmacRecreated = vmacRecreated;
        this.startedAtMillis = startedAtMillis;
        this.instances = instances;
        this.links = links;
        this.tracking = tracking;
        this.clock = clock;
    }

    /** Loop thread: a reload's config (router_id and the like) from now on; the start time stays. */
    void reloaded(Config next) {
        this.config = next;
    }

    private static AgentStatus.ClaimBackoffStatus claimBackoff(ClaimBackoff b, long nowNanos) {
        return b.failures() == 0 ? null : new AgentStatus.ClaimBackoffStatus(b.failures(), b.waitNanos() / 1_000_000,
                Math.max(0, b.until() - nowNanos) / 1_000_000, b.lastError());
    }

    AgentStatus collect() {
        long nowNanos = clock.now();
        long nowMillis = System.currentTimeMillis();
        List<AgentStatus.InstanceStatus> is = new ArrayList<>();
        for (Instance i : instances) {
            Router r = i.router();
            List<AgentStatus.TrackedStatus> tracked = new ArrayList<>();
            for (Health.Entry e : i.tracking().entries()) {
                tracked.add(new AgentStatus.TrackedStatus(e.key().kind(), e.key().name(), e.weight(), e.state()));
            }
            var c = i.config();
            is.add(new AgentStatus.InstanceStatus(c.name(), c.interfaceName(), c.vrid(), c.version(),
                    r.state().name(), c.priority(), r.drained() ? r.priority() : i.tracking().effectivePriority(),
                    c.advertIntervalCentis() * 10,
                    c.virtualIps().stream().map(VirtualIp::toString).toList(),
                    i.heldVips().stream().map(VirtualIp::toString).toList(), c.unicast(),
                    r.masterAddress() == null ? null : r.masterAddress().getHostAddress(),
                    nowMillis - (nowNanos - r.since()) / 1_000_000, r.reason(), i.tracking().faultSummary(), tracked,
                    new AgentStatus.Counters(i.advertsSent(), i.receiver().advertsReceived.get(),
                            i.transitions.get(), i.receiver().addressMismatches.get(), drops(i.receiver().drops),
                            i.vipsRestored.get(), i.routing.restored.get(), i.routing.failures.get(),
                            i.conflictWatch.conflicts.get(), vmacRecreated.applyAsLong(c.name())), r.drained(),
                    r.why().code().key(), claimBackoff(r.claimBackoff(), nowNanos), conflict(i, nowNanos, nowMillis),
                    new AgentStatus.AcceptStatus(c.accept(),
                            i.firewall.refused(c.name()).stream().map(VirtualIp::toString).toList(),
                            i.firewall.failures.get(), i.firewall.lastError(), i.firewall.rewritten.get()),
                    i.vmacName(),
                    c.excludedIps().stream().map(VirtualIp::toString).toList()));
        }
        List<AgentStatus.ScriptStatus> ss = new ArrayList<>();
        for (CheckScript s : tracking.scripts().values()) {
            ss.add(new AgentStatus.ScriptStatus(s.name(), s.up(), s.runs(), s.failures(), s.skips(),
                    s.last() == null ? null : s.last().detail()));
        }
        List<AgentStatus.GroupStatus> gs = new ArrayList<>();
        for (SyncGroup g : tracking.groups()) {
            gs.add(new AgentStatus.GroupStatus(g.name(), g.state().name(),
                    g.members().stream().map(SyncGroup.Member::name).toList()));
        }
        List<AgentStatus.InterfaceStatus> ifs = new ArrayList<>();
        links.forEach((name, l) -> ifs.add(new AgentStatus.InterfaceStatus(name, drops(l.drops), l.sendErrors())));
        return new AgentStatus(config.global().routerId(), Version.current(), ProcessHandle.current().pid(),
                startedAtMillis, is, ss, gs, ifs, io.floatip.status.Refusals.snapshot());
    }

    private static AgentStatus.ConflictStatus conflict(Instance i, long nowNanos, long nowMillis) {
        io.floatip.policy.Conflict c = i.conflictWatch.conflict();
        if (c == null) {
            return null;
        }
        var cfg = i.config();
        return new AgentStatus.ConflictStatus(c.cause().key(), c.describe(cfg.vrid(), cfg.version(),
                cfg.advertIntervalCentis(), io.floatip.policy.AdvertCheck.addresses(cfg)),
                c.peerAddress() == null ? null : io.floatip.config.Ipv6Text.format(c.peerAddress()), c.peerMac(), c.peerPriority(),
                nowMillis - (nowNanos - c.since()) / 1_000_000);
    }

    private static Map<String, Long> drops(DropCounters counters) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<DropReason, Long> e : counters.snapshot().entrySet()) {
            m.put(e.getKey().key(), e.getValue());
        }
        return m;
    }
}
