package io.floatip.policy;

import static io.floatip.policy.PolicyBench.MS;
import static io.floatip.policy.PolicyBench.config;
import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.router.State;
import io.floatip.router.Timers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9568 Accept_Mode: which addresses a master refuses, and when (6.4.3: a non-owner master with Accept_Mode
 * false MUST NOT accept packets addressed to them), in virtual time.
 */
class AcceptModePolicyTest {
    private static final VirtualIp A = vip("198.51.100.100");
    private static final VirtualIp B = vip("198.51.100.101");

    private static InstanceConfig with(int priority, boolean accept, VirtualIp... vips) {
        InstanceConfig c = config(priority, new GarpConfig(0, 1), vips);
        return c.toBuilder().accept(accept).build();
    }

    private static PolicyBench masterOf(InstanceConfig c) {
        PolicyBench b = new PolicyBench(c);
        b.start();
        b.runUntil(Timers.masterDownInterval(c.priority(), 100) + 10 * MS);
        assertEquals(State.MASTER, b.router.state());
        return b;
    }

    @Test
    void refusedFromBeforeTheVipsAreAddedUntilAfterTheyAreRemoved() {
        PolicyBench b = new PolicyBench(with(100, false, A, B));
        b.start();
        b.runUntil(100 * MS);
        assertEquals(List.of(), b.lines("refuse"), "a backup holds nothing to refuse");
        b.runUntil(Timers.masterDownInterval(100, 100) + 10 * MS);
        List<String> order = b.log.stream().filter(l -> l.contains(" refuse ") || l.contains(" add ")).toList();
        assertEquals(2, order.size(), order::toString);
        assertEquals(true, order.get(0).endsWith("refuse [" + A + ", " + B + "]"), order::toString);
        assertEquals(true, order.get(1).endsWith("add [" + A + ", " + B + "]"), order::toString);
        assertEquals(List.of(A, B), b.policy.refusing());
        b.log.clear();
        b.router.shutdown(b.now());
        List<String> release = b.log.stream().filter(l -> l.contains(" refuse ") || l.contains(" remove ")).toList();
        assertEquals(List.of("remove " + A, "remove " + B, "refuse []"),
                release.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList());
        assertEquals(List.of(), b.policy.refusing());
    }

    @Test
    void acceptTrueAndTheAddressOwnerRefuseNothing() {
        assertEquals(List.of(), masterOf(with(100, true, A)).lines("refuse"));
        PolicyBench owner = masterOf(with(255, false, A));
        assertEquals(List.of(), owner.lines("refuse"), "priority 255 owns its addresses (RFC 9568 6.4.3)");
    }

    @Test
    void aReloadOfAMasterAppliesAcceptAndTheVipsAtOnceAndOfABackupNothing() {
        PolicyBench b = masterOf(with(100, true, A));
        b.log.clear();
        b.policy.reconfigure(with(100, false, A));
        assertEquals(List.of("refuse [" + A + "]"), strip(b.lines("refuse")));
        b.policy.reconfigure(with(100, false, A, B));
        assertEquals(List.of("refuse [" + A + "]", "refuse [" + A + ", " + B + "]"), strip(b.lines("refuse")));
        b.policy.reconfigure(with(255, false, A, B));
        assertEquals("refuse []", strip(b.lines("refuse")).get(2), "becoming the owner accepts");
        b.policy.reconfigure(with(100, true, A, B));
        assertEquals(3, b.lines("refuse").size(), "already accepting: nothing to do");

        PolicyBench backup = new PolicyBench(with(100, true, A));
        backup.start();
        backup.policy.reconfigure(with(100, false, A));
        assertEquals(List.of(), backup.lines("refuse"));
        assertEquals(List.of(), backup.policy.refusing());
    }

    @Test
    void changingAcceptIsAReloadInPlaceWithItsOwnLine() {
        InstanceConfig before = with(100, true, A);
        InstanceConfig after = with(100, false, A);
        assertEquals(true, InstanceChange.inPlace(before, after));
        assertEquals(List.of("accept true -> false"),
                InstanceChange.between(before, after).stream().map(InstanceChange::detail).toList());
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }
}
