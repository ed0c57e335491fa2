package io.floatip.policy;

import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One setting a reload changes in a running instance, and the words the reload's line uses for it.
 *
 * @param detail what the operator reads, e.g. "priority 150 -> 120"
 */
public record InstanceChange(Kind kind, String detail) {
    public enum Kind {
        PRIORITY, ADVERT_INTERVAL, PREEMPT, GARP, VIP_REMOVED, VIP_ADDED, ROUTING, ACCEPT
    }

    @Override
    public String toString() {
        return detail;
    }

    /**
     * Whether a reload from {@code before} to {@code after} can be applied to the running instance: only the
     * priority, the interval, preemption, the VIPs, the GARP settings, the routes and rules and {@code accept}
     * differ.
     */
    public static boolean inPlace(InstanceConfig before, InstanceConfig after) {
        return before.interfaceName().equals(after.interfaceName()) && before.vrid() == after.vrid()
                && before.version() == after.version() && before.ipv6() == after.ipv6()
                && Objects.equals(before.unicastSource(), after.unicastSource())
                && before.unicastPeers().equals(after.unicastPeers())
                && Objects.equals(before.authPassword(), after.authPassword())
                && before.trackScripts().equals(after.trackScripts())
                && before.trackInterfaces().equals(after.trackInterfaces())
                && before.trackFiles().equals(after.trackFiles())
                && before.trackProcesses().equals(after.trackProcesses())
                && before.dontTrackPrimary() == after.dontTrackPrimary()
                && before.useVmac() == after.useVmac()
                && before.notifications().equals(after.notifications());
    }

    /** What differs among the settings that change in place, in the order the reload line gives them. */
    public static List<InstanceChange> between(InstanceConfig before, InstanceConfig next) {
        List<InstanceChange> changes = new ArrayList<>();
        if (before.priority() != next.priority()) {
            changes.add(new InstanceChange(Kind.PRIORITY, "priority " + before.priority() + " -> " + next.priority()));
        }
        if (before.advertIntervalCentis() != next.advertIntervalCentis()) {
            changes.add(new InstanceChange(Kind.ADVERT_INTERVAL, "advert_interval " + before.advertIntervalCentis() * 10
                    + " ms -> " + next.advertIntervalCentis() * 10 + " ms"));
        }
        if (before.preempt() != next.preempt() || before.preemptDelayMillis() != next.preemptDelayMillis()
                || before.fastPreempt() != next.fastPreempt()) {
            changes.add(new InstanceChange(Kind.PREEMPT, "preempt " + next.preempt() + ", preempt_delay "
                    + next.preemptDelayMillis() + " ms"
                    + (before.fastPreempt() != next.fastPreempt() ? ", fast_preempt " + next.fastPreempt() : "")));
        }
        if (!before.garp().equals(next.garp())) {
            changes.add(new InstanceChange(Kind.GARP, "garp " + next.garp()));
        }
        vips(changes, "VIP ", before.virtualIps(), next.virtualIps());
        vips(changes, "excluded address ", before.excludedIps(), next.excludedIps());
        if (!before.routing().equals(next.routing())) {
            VirtualRouting gone = InstancePolicy.minus(before.routing(), next.routing());
            VirtualRouting added = InstancePolicy.minus(next.routing(), before.routing());
            changes.add(new InstanceChange(Kind.ROUTING, "virtual_routes/virtual_rules: "
                    + (gone.routes().size() + gone.rules().size()) + " removed, "
                    + (added.routes().size() + added.rules().size()) + " added"));
        }
        if (before.accept() != next.accept()) {
            changes.add(new InstanceChange(Kind.ACCEPT, "accept " + before.accept() + " -> " + next.accept()));
        }
        return List.copyOf(changes);
    }

    // A VIP moved to another interface is one removed and one added: the record holds its interface.
    private static void vips(List<InstanceChange> changes, String what, List<VirtualIp> before, List<VirtualIp> next) {
        Set<VirtualIp> oldVips = Set.copyOf(before);
        Set<VirtualIp> newVips = Set.copyOf(next);
        for (VirtualIp vip : before) {
            if (!newVips.contains(vip)) {
                changes.add(new InstanceChange(Kind.VIP_REMOVED, what + vip + " removed"));
            }
        }
        for (VirtualIp vip : next) {
            if (!oldVips.contains(vip)) {
                changes.add(new InstanceChange(Kind.VIP_ADDED, what + vip + " added"));
            }
        }
    }
}
