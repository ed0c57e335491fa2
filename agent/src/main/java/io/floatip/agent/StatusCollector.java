package io.floatip.agent;

import io.floatip.base.AddressText;
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

    StatusCollector(Config config, List<Instance> instances, Map<String, Link> links, TrackingSetup tracking,
                    Scheduler clock, long startedAtMillis) {
        this.config = config;
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

    /** As configured: "198.51.100.50/24", "203.0.113.60/24 dev eth1". */
    private static List<String> texts(List<VirtualIp> ips) {
        return ips.stream().map(VirtualIp::toString).toList();
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
            is.add(AgentStatus.InstanceStatus.builder(c.name(), c.interfaceName(), c.vrid()).version(c.version())
                    .state(r.state().name()).priority(c.priority())
                    .effectivePriority(r.drained() ? r.priority() : i.tracking().effectivePriority())
                    .advertIntervalMillis(c.advertIntervalCentis() * 10).virtualIps(texts(c.virtualIps()))
                    .heldVips(texts(i.heldVips())).unicast(c.unicast())
                    .masterAddress(r.masterAddress() == null ? null : AddressText.format(r.masterAddress()))
                    .sinceMillis(nowMillis - (nowNanos - r.since()) / 1_000_000).reason(r.reason())
                    .faults(i.tracking().faultSummary()).tracked(tracked)
                    .counters(new AgentStatus.Counters(i.advertsSent(), i.receiver().advertsReceived.get(),
                            i.transitions.get(), i.receiver().addressMismatches.get(), drops(i.receiver().drops),
                            i.vipsRestored.get(), i.routing.restored.get(), i.routing.failures.get(),
                            i.conflictWatch.conflicts.get()))
                    .drained(r.drained()).reasonCode(r.why().code().key())
                    .claimBackoff(claimBackoff(r.claimBackoff(), nowNanos)).conflict(conflict(i, nowNanos, nowMillis))
                    .acceptMode(new AgentStatus.AcceptStatus(c.accept(), texts(i.firewall.refused(c.name())),
                            i.firewall.failures.get(), i.firewall.lastError()))
                    .vmac(i.vmacName()).excludedIps(texts(c.excludedIps())).build());
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
                c.peerAddress() == null ? null : AddressText.format(c.peerAddress()), c.peerMac(), c.peerPriority(),
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
