package io.floatip.policy;

import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.GarpConfig;
import io.floatip.config.GlobalConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ProcessConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.SyncGroupConfig;
import io.floatip.config.TrackedScript;
import io.floatip.config.VirtualIp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload decided from the two configs alone: each instance's step, its change list, the order. */
class ReloadPlanTest {
    private static final VirtualIp A = vip("198.51.100.100");
    private static final VirtualIp B = vip("198.51.100.101");
    private static final GlobalConfig GLOBAL = new GlobalConfig("node-a", "info");

    private static InstanceConfig instance(String name, String iface, int vrid, int priority, List<VirtualIp> vips,
                                           List<TrackedScript> scripts) {
        return InstanceConfig.builder(name, iface, vrid).priority(priority).virtualIps(vips).trackScripts(scripts)
                .build();
    }

    private static InstanceConfig instance(String name, int priority, List<VirtualIp> vips) {
        return instance(name, "eth0", 51, priority, vips, List.of());
    }

    private static ScriptConfig script(String name, String command) {
        return new ScriptConfig(name, Command.of(command), 1_000, 1_000, 1, 1, 0, false);
    }

    private static Config config(GlobalConfig global, List<ScriptConfig> scripts, InstanceConfig... instances) {
        Map<String, InstanceConfig> byName = new LinkedHashMap<>();
        for (InstanceConfig i : instances) {
            byName.put(i.name(), i);
        }
        Map<String, ScriptConfig> scriptsByName = new LinkedHashMap<>();
        scripts.forEach(s -> scriptsByName.put(s.name(), s));
        return new Config(global, byName, Path.of("floatip.yaml"), scriptsByName, Map.of());
    }

    private static Config config(InstanceConfig... instances) {
        return config(GLOBAL, List.of(), instances);
    }

    @Test
    void theSameConfigKeepsEveryInstanceAndSaysNoChanges() {
        Config c = config(instance("VI_1", 150, List.of(A)), instance("VI_2", 100, List.of(B)));
        List<ReloadStep> steps = ReloadPlan.between(c, c);
        assertEquals(List.of(new ReloadStep.Keep("VI_1"), new ReloadStep.Keep("VI_2"), new ReloadStep.RefreshLinks()),
                steps);
        assertEquals(List.of(), ReloadPlan.messages(steps));
    }

    @Test
    void priorityIntervalPreemptGarpAndVipsChangeInPlaceWithTheirOwnWords() {
        InstanceConfig before = instance("VI_1", 150, List.of(A));
        InstanceConfig after = InstanceConfig.builder("VI_1", "eth0", 51).priority(120).advertIntervalCentis(50)
                .preempt(false).preemptDelayMillis(2_000).virtualIps(List.of(B)).garp(new GarpConfig(1_000, 2)).build();
        List<ReloadStep> steps = ReloadPlan.between(config(before), config(after));
        ReloadStep.Reconfigure r = (ReloadStep.Reconfigure) steps.get(0);
        assertEquals(List.of(InstanceChange.Kind.PRIORITY, InstanceChange.Kind.ADVERT_INTERVAL,
                        InstanceChange.Kind.PREEMPT, InstanceChange.Kind.GARP, InstanceChange.Kind.VIP_REMOVED,
                        InstanceChange.Kind.VIP_ADDED),
                r.changes().stream().map(InstanceChange::kind).toList());
        assertEquals(List.of("VI_1: priority 150 -> 120, advert_interval 1000 ms -> 500 ms, preempt false, "
                + "preempt_delay 2000 ms, garp " + new GarpConfig(1_000, 2) + ", VIP " + A + " removed, VIP " + B
                + " added (in place)"), ReloadPlan.messages(steps));
        assertEquals("priority 150 -> 120", r.changes().get(0).toString(), "a change printed reads as its words");
    }

    @Test
    void onlyAnotherVipOrderChangesInPlaceWithNothingToSay() {
        List<ReloadStep> steps = ReloadPlan.between(config(instance("VI_1", 150, List.of(A, B))),
                config(instance("VI_1", 150, List.of(B, A))));
        assertEquals(new ReloadStep.Reconfigure(instance("VI_1", 150, List.of(B, A)), List.of()), steps.get(0));
        assertEquals(List.of("VI_1: unchanged"), ReloadPlan.messages(steps));
    }

    @Test
    void anotherInterfaceOrVridReplacesTheInstance() {
        InstanceConfig before = instance("VI_1", 150, List.of(A));
        for (InstanceConfig after : List.of(instance("VI_1", "eth1", 51, 150, List.of(A), List.of()),
                instance("VI_1", "eth0", 52, 150, List.of(A), List.of()))) {
            List<ReloadStep> steps = ReloadPlan.between(config(before), config(after));
            assertEquals(new ReloadStep.Replace(after), steps.get(0));
            assertEquals(List.of("VI_1: restarted (its interface, VRID, version, peers, authentication, tracking or "
                    + "notify changed)"), ReloadPlan.messages(steps));
        }
    }

    @Test
    void aChangedScriptReplacesEveryInstanceThatTracksItAndNoOther() {
        List<TrackedScript> tracks = List.of(new TrackedScript("chk", 0));
        InstanceConfig one = instance("VI_1", "eth0", 51, 150, List.of(A), tracks);
        InstanceConfig two = instance("VI_2", "eth0", 52, 150, List.of(B), tracks);
        InstanceConfig other = instance("VI_3", "eth0", 53, 150, List.of(vip("198.51.100.102")), List.of());
        Config before = config(GLOBAL, List.of(script("chk", "/bin/true")), one, two, other);
        Config after = config(GLOBAL, List.of(script("chk", "/bin/false")), one, two, other);
        assertEquals(List.of("chk"), ReloadPlan.changedScripts(before, after));
        assertEquals(List.of(new ReloadStep.Replace(one), new ReloadStep.Replace(two), new ReloadStep.Keep("VI_3"),
                new ReloadStep.RefreshLinks()), ReloadPlan.between(before, after));
        assertEquals(List.of(), ReloadPlan.changedScripts(before, before));
    }

    @Test
    void removedInstancesGoFirstThenTheNewConfigInItsOrder() {
        Config before = config(instance("VI_1", 150, List.of(A)), instance("VI_2", 100, List.of(B)));
        InstanceConfig added = instance("VI_3", "eth1", 60, 100, List.of(vip("198.51.100.102")), List.of());
        Config after = config(added, instance("VI_1", 150, List.of(A)));
        List<ReloadStep> steps = ReloadPlan.between(before, after);
        assertEquals(List.of(new ReloadStep.Remove("VI_2"), new ReloadStep.Add(added), new ReloadStep.Keep("VI_1"),
                new ReloadStep.RefreshLinks()), steps);
        assertEquals(List.of("VI_2: removed (VIPs released)", "VI_3: added"), ReloadPlan.messages(steps));
    }

    @Test
    void globalAndSyncGroupChangesWaitForTheNextStart() {
        InstanceConfig one = instance("VI_1", 150, List.of(A));
        Config before = config(one);
        Config otherId = config(new GlobalConfig("node-b", "info"), List.of(), one);
        List<ReloadStep> steps = ReloadPlan.between(before, otherId);
        assertEquals(new ReloadStep.AtNextStart(), steps.get(steps.size() - 1));
        assertEquals(List.of("global settings and sync_groups changes take effect at the next start"),
                ReloadPlan.messages(steps));
        InstanceConfig two = instance("VI_2", "eth0", 52, 100, List.of(B), List.of());
        Config pair = config(one, two);
        Config grouped = new Config(GLOBAL, pair.instances(), Path.of("floatip.yaml"), Map.of(),
                Map.of("G", new SyncGroupConfig("G", List.of("VI_1", "VI_2"), NotifyConfig.NONE)));
        assertTrue(ReloadPlan.between(pair, grouped).contains(new ReloadStep.AtNextStart()));
    }

    /** The FIFO and its reader are opened and started once: a new reader is started at the next start. */
    @Test
    void aNewFifoReaderWaitsForTheNextStart() {
        InstanceConfig one = instance("VI_1", 150, List.of(A));
        java.nio.file.Path fifo = java.nio.file.Path.of("/run/floatip/notify.fifo");
        GlobalConfig withFifo = new GlobalConfig("node-a", "info", null, false, fifo);
        GlobalConfig withReader = new GlobalConfig("node-a", "info", null, false, fifo,
                GlobalConfig.DEFAULT_CONTROL_SOCKET, null, 0, GlobalConfig.DEFAULT_STATE_DIR, false,
                io.floatip.config.Command.of("/usr/local/bin/reader"));
        List<ReloadStep> steps = ReloadPlan.between(config(withFifo, List.of(), one), config(withReader, List.of(),
                one));
        assertEquals(List.of(new ReloadStep.Keep("VI_1"), new ReloadStep.RefreshLinks(), new ReloadStep.AtNextStart()),
                steps, "the instance is kept; only the reader waits");
        assertEquals(List.of("global settings and sync_groups changes take effect at the next start"),
                ReloadPlan.messages(steps));
    }

    @Test
    void processChangesWaitForTheNextStart() {
        Map<String, InstanceConfig> one = Map.of("VI_1", instance("VI_1", 150, List.of(A)));
        Config before = config(instance("VI_1", 150, List.of(A)));
        Config tracked = new Config(GLOBAL, one, Path.of("floatip.yaml"), Map.of(), Map.of(),
                Map.of("haproxy", new ProcessConfig("haproxy", "haproxy", List.of(), 1, 0, 0)));
        List<ReloadStep> steps = ReloadPlan.between(before, tracked);
        assertEquals(List.of(new ReloadStep.Keep("VI_1"), new ReloadStep.RefreshLinks(),
                new ReloadStep.ProcessesAtNextStart()), steps);
        assertEquals(List.of("processes changes take effect at the next start"), ReloadPlan.messages(steps));
    }
}
