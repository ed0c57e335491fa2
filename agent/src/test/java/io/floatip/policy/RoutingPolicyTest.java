package io.floatip.policy;

import static io.floatip.policy.PolicyBench.MS;
import static io.floatip.policy.PolicyBench.config;
import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRoute;
import io.floatip.config.VirtualRouting;
import io.floatip.config.VirtualRule;
import io.floatip.router.State;
import io.floatip.router.Timers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** virtual_routes and virtual_rules: held with the VIPs, only as master; a reload applies the difference. */
class RoutingPolicyTest {
    private static final VirtualIp A = vip("198.51.100.100");
    private static final long MDI = Timers.masterDownInterval(100, 10);
    private static final VirtualRoute R1 = route("203.0.113.0", 25);
    private static final VirtualRoute R2 = route("203.0.113.128", 25);
    private static final VirtualRule RULE = new VirtualRule(false, A, null, 100, 1000, null, null, -1, -1);

    private static VirtualRoute route(String to, int length) {
        return new VirtualRoute(VirtualRoute.Type.BLACKHOLE, new VirtualIp(PolicyBench.ip(to), length), null, null, null, 254, 0, null);
    }

    private static InstanceConfig with(VirtualRouting routing) {
        return with(routing, List.of());
    }

    private static InstanceConfig with(VirtualRouting routing, List<VirtualIp> excluded) {
        InstanceConfig c = config(100, new GarpConfig(0, 1), A);
        return c.toBuilder().excludedIps(excluded).routing(routing).build();
    }

    @Test
    void addedAfterTheVipsAsMasterAndRemovedBeforeThemOnLeaving() {
        VirtualRouting routing = new VirtualRouting(List.of(R1), List.of(RULE));
        PolicyBench b = new PolicyBench(with(routing));
        b.start();
        b.runUntil(MDI - 1);
        assertEquals(List.of(), b.lines("routing"), "a backup holds none");
        b.runUntil(MDI);
        assertEquals(State.MASTER, b.router.state());
        assertEquals(List.of("360ms add [" + A + "]", "360ms add routing " + routing),
                b.lines("add"), "the VIPs first: a route may need one");
        assertEquals(routing, b.policy.heldRouting());
        b.log.clear();
        b.router.shutdown(b.now());
        assertEquals(List.of("360ms remove routing " + routing, "360ms remove " + A), b.lines("remove"),
                "in the reverse order");
        assertEquals(VirtualRouting.NONE, b.policy.heldRouting());
    }

    @Test
    void aReloadOfAMasterRemovesWhatWentAndAddsWhatCame() {
        PolicyBench b = new PolicyBench(with(new VirtualRouting(List.of(R1), List.of(RULE))));
        b.start();
        b.runUntil(500 * MS);
        b.log.clear();
        InstanceConfig next = with(new VirtualRouting(List.of(R1, R2), List.of()));
        b.policy.reconfigure(next);
        assertEquals(List.of("500ms remove routing " + new VirtualRouting(List.of(), List.of(RULE)),
                "500ms add routing " + new VirtualRouting(List.of(R2), List.of())), b.log);
        assertEquals(next.routing(), b.policy.heldRouting());
        assertEquals("virtual_routes/virtual_rules: 1 removed, 1 added",
                InstanceChange.between(with(new VirtualRouting(List.of(R1), List.of(RULE))), next).get(0).detail());
        assertEquals(true, InstanceChange.inPlace(with(VirtualRouting.NONE), next), "a routing change is in place");
    }

    @Test
    void aReloadOfABackupTouchesNoRoute() {
        PolicyBench b = new PolicyBench(with(new VirtualRouting(List.of(R1), List.of())));
        b.start();
        b.log.clear();
        b.policy.reconfigure(with(new VirtualRouting(List.of(R2), List.of())));
        assertEquals(List.of(), b.log);
        b.runUntil(MDI);
        assertEquals(List.of("360ms add routing " + new VirtualRouting(List.of(R2), List.of())),
                b.lines("add routing"), "it adds the new list when it takes over");
    }

    @Test
    void aReloadSaysHowManyRoutesAndRulesItAddsAndWhichExcludedAddresses() {
        VirtualIp excluded = vip("198.51.100.200");
        List<InstanceChange> changes = InstanceChange.between(with(VirtualRouting.NONE),
                with(new VirtualRouting(List.of(R1, R2), List.of(RULE)), List.of(excluded)));
        assertEquals(List.of("excluded address " + excluded + " added", "virtual_routes/virtual_rules: 0 removed, 3 added"),
                changes.stream().map(InstanceChange::detail).toList());
        assertEquals(List.of("excluded address " + excluded + " removed"), InstanceChange.between(
                with(VirtualRouting.NONE, List.of(excluded)), with(VirtualRouting.NONE)).stream()
                .map(InstanceChange::detail).toList());
    }
}
