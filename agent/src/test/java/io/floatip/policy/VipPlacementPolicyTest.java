package io.floatip.policy;

import static io.floatip.policy.PolicyBench.MS;
import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.router.State;
import io.floatip.router.Timers;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18: excluded addresses, VIPs on another interface and instances with no VIP, in virtual time. */
class VipPlacementPolicyTest {
    private static final VirtualIp A = vip("198.51.100.100");
    private static final VirtualIp EXT = new VirtualIp(PolicyBench.ip("203.0.113.50"), 24, "eth1");
    private static final VirtualIp X = vip("198.51.100.160");
    private static final long MDI = Timers.masterDownInterval(100, 10);

    private static InstanceConfig config(List<VirtualIp> vips, List<VirtualIp> excluded) {
        return InstanceConfig.builder("VI_1", "eth0", 51).advertIntervalCentis(10).virtualIps(vips)
                .garp(new GarpConfig(0, 1)).excludedIps(excluded).build();
    }

    @Test
    void excludedAddressesAreClaimedAnnouncedAndReleasedButNeverAdvertised() {
        PolicyBench b = new PolicyBench(config(List.of(A, EXT), List.of(X)));
        assertEquals(List.of(A.address(), EXT.address()), b.policy.addresses(), "adverts carry every VIP, EXT too");
        b.start();
        b.runUntil(MDI);
        assertEquals(State.MASTER, b.router.state());
        assertEquals(List.of("360ms add [" + A + ", " + EXT + ", " + X + "]"), b.lines("add"));
        assertEquals(List.of("360ms announce [198.51.100.100, 203.0.113.50, 198.51.100.160] x1"), b.lines("announce"));
        assertEquals(List.of(A, EXT, X), b.policy.heldVips());
        assertEquals(List.of(A.address(), EXT.address(), X.address()), b.policy.announced(),
                "what a takeover announces: the VIPs, then the excluded addresses");
        b.router.shutdown(b.now());
        assertEquals(List.of("360ms remove " + A, "360ms remove " + EXT, "360ms remove " + X), b.lines("remove"));
    }

    @Test
    void aReloadMovingAVipToAnotherInterfaceReleasesItHereAndClaimsItThere() {
        VirtualIp here = vip("203.0.113.50");
        PolicyBench b = new PolicyBench(config(List.of(A, here), List.of()));
        b.start();
        b.runUntil(500 * MS);
        b.log.clear();
        b.policy.reconfigure(config(List.of(A, EXT), List.of(X)));
        assertEquals(List.of("500ms remove " + here, "500ms add [" + EXT + "]", "500ms announce [203.0.113.50] x1",
                "500ms claimed [" + EXT + "]", "500ms add [" + X + "]", "500ms announce [198.51.100.160] x1",
                "500ms claimed [" + X + "]"), b.log);
        assertEquals(List.of(A.address(), EXT.address()), b.policy.addresses());
    }

    @Test
    void anInstanceWithNoVipElectsAdvertisesAndAddsNothing() {
        PolicyBench b = new PolicyBench(config(List.of(), List.of()));
        assertEquals(List.<InetAddress>of(), b.policy.addresses(), "count 0 in its adverts");
        b.start();
        b.runUntil(MDI);
        assertEquals(State.MASTER, b.router.state(), b.log.toString());
        assertEquals(List.of(), b.lines("remove"));
        assertEquals(1, b.lines("BACKUP->MASTER").size(), b.log.toString());
        b.heard("198.51.100.12", 200);
        assertEquals(State.BACKUP, b.router.state(), "a higher priority advert still wins: " + b.log);
    }
}
