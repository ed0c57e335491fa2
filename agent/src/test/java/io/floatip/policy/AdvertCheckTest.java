package io.floatip.policy;

import static io.floatip.policy.PolicyBench.ip;
import static io.floatip.policy.PolicyBench.vip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instance's own checks of an advert for its VRID: what is dropped, what is only worth a line. */
class AdvertCheckTest {
    private static final InetAddress PEER = ip("198.51.100.12");
    private static final InetAddress GROUP = ip("224.0.0.18");
    private static final List<InetAddress> OURS = List.of(ip("198.51.100.100"), ip("198.51.100.101"));

    /** What the sink was told, one line each. */
    private final List<String> told = new ArrayList<>();
    private final AdvertCheck.Sink sink = new AdvertCheck.Sink() {
        @Override
        public void dropped(DropReason reason, VrrpPacket p) {
            told.add("drop " + reason.key());
        }

        @Override
        public void followsInterval(VrrpPacket p, int ourIntervalCentis) {
            told.add("follows " + p.advertInterval() + " (ours " + ourIntervalCentis + ")");
        }

        @Override
        public void addressMismatch(VrrpPacket p, List<InetAddress> ours, boolean log) {
            told.add("mismatch " + p.addresses().size() + (log ? " logged" : ""));
        }
    };

    private static InstanceConfig v3() {
        return InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(List.of(vip("198.51.100.100"), vip("198.51.100.101"))).build();
    }

    private static InstanceConfig v2(String password) {
        return InstanceConfig.builder("VI_1", "eth0", 51).version(2).virtualIps(List.of(vip("198.51.100.100"), vip("198.51.100.101")))
                .authPassword(password).build();
    }

    private static InstanceConfig unicast(UnicastPeer peer) {
        return InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(List.of(vip("198.51.100.100"), vip("198.51.100.101")))
                .unicastPeers(List.of(peer)).build();
    }

    private static VrrpPacket v3(int interval, int ttl, List<InetAddress> addresses) {
        return new VrrpPacket(3, 51, 150, interval, addresses, AuthType.NONE, new byte[0], PEER, GROUP, ttl);
    }

    private static VrrpPacket v2(int interval, AuthType type, String password) {
        return new VrrpPacket(2, 51, 150, interval, OURS, type, AdvertCheck.passwordBytes(password), PEER, GROUP, 255);
    }

    @Test
    void aMatchingAdvertPassesSilently() {
        assertTrue(new AdvertCheck(v3()).accept(v3(100, 255, OURS), sink));
        assertTrue(new AdvertCheck(v2("secret")).accept(v2(100, AuthType.PASS, "secret"), sink));
        assertEquals(List.of(), told);
    }

    @Test
    void anotherVersionIsDropped() {
        assertFalse(new AdvertCheck(v3()).accept(v2(100, AuthType.NONE, null), sink));
        assertFalse(new AdvertCheck(v2(null)).accept(v3(100, 255, OURS), sink));
        assertEquals(List.of("drop version_mismatch", "drop version_mismatch"), told);
    }

    @Test
    void inMulticastModeOnlyTtl255Passes() {
        AdvertCheck check = new AdvertCheck(v3());
        assertFalse(check.accept(v3(100, 254, OURS), sink));
        assertFalse(check.accept(v3(100, 1, OURS), sink));
        assertEquals(List.of("drop ttl_not_255", "drop ttl_not_255"), told);
    }

    @Test
    void inUnicastModeOnlyAConfiguredPeerWithinItsTtlRangePasses() {
        AdvertCheck check = new AdvertCheck(unicast(new UnicastPeer((Inet4Address) PEER, 250, 254)));
        assertTrue(check.accept(v3(100, 250, OURS), sink));
        assertTrue(check.accept(v3(100, 254, OURS), sink));
        assertFalse(check.accept(v3(100, 249, OURS), sink));
        assertFalse(check.accept(v3(100, 255, OURS), sink), "255 is outside 250..254");
        VrrpPacket stranger = new VrrpPacket(3, 51, 150, 100, OURS, AuthType.NONE, new byte[0],
                ip("198.51.100.13"), ip("198.51.100.11"), 255);
        assertFalse(check.accept(stranger, sink));
        assertEquals(List.of("drop ttl_out_of_range", "drop ttl_out_of_range", "drop unknown_peer"), told);
    }

    @Test
    void aVersion2AdvertNeedsOurPasswordAndAuthType() {
        AdvertCheck check = new AdvertCheck(v2("secret"));
        assertFalse(check.accept(v2(100, AuthType.PASS, "wrong"), sink));
        assertFalse(check.accept(v2(100, AuthType.NONE, null), sink));
        assertEquals(List.of("drop auth_mismatch", "drop auth_mismatch"), told);
        AdvertCheck none = new AdvertCheck(v2(null));
        assertFalse(none.accept(v2(100, AuthType.PASS, "secret"), sink));
        assertTrue(none.accept(v2(100, AuthType.NONE, null), sink));
    }

    @Test
    void anInstanceSendsTheAuthenticationItExpects() {
        AdvertCheck pass = new AdvertCheck(v2("secret"));
        assertEquals(AuthType.PASS, pass.authType());
        assertArrayEquals(AdvertCheck.passwordBytes("secret"), pass.authData());
        VrrpPacket ours = new VrrpPacket(2, 51, 150, 100, OURS, pass.authType(), pass.authData(), PEER, GROUP, 255);
        assertTrue(pass.accept(ours, sink), "a peer with the same config accepts what we send: " + told);
        AdvertCheck none = new AdvertCheck(v3());
        assertEquals(AuthType.NONE, none.authType());
        assertArrayEquals(new byte[8], none.authData());
    }

    @Test
    void aVersion2AdvertWithAnotherIntervalIsDroppedAfterTheAuthCheck() {
        AdvertCheck check = new AdvertCheck(v2("secret"));
        assertFalse(check.accept(v2(200, AuthType.PASS, "secret"), sink));
        assertFalse(check.accept(v2(200, AuthType.PASS, "other"), sink));
        assertEquals(List.of("drop interval_mismatch", "drop auth_mismatch"), told);
    }

    @Test
    void aVersion3MastersOtherIntervalIsFollowedAndLoggedOncePerInterval() {
        AdvertCheck check = new AdvertCheck(v3());
        assertTrue(check.accept(v3(50, 255, OURS), sink));
        assertTrue(check.accept(v3(50, 255, OURS), sink));
        assertTrue(check.accept(v3(100, 255, OURS), sink));
        assertTrue(check.accept(v3(200, 255, OURS), sink));
        assertTrue(check.accept(v3(200, 255, OURS), sink));
        assertEquals(List.of("follows 50 (ours 100)", "follows 200 (ours 100)"), told);
    }

    @Test
    void anotherVipListIsCountedEveryTimeAndLoggedOncePerList() {
        AdvertCheck check = new AdvertCheck(v3());
        List<InetAddress> fewer = List.of(ip("198.51.100.100"));
        List<InetAddress> other = List.of(ip("198.51.100.100"), ip("198.51.100.102"));
        assertTrue(check.accept(v3(100, 255, fewer), sink), "counted, not dropped");
        assertTrue(check.accept(v3(100, 255, fewer), sink));
        assertTrue(check.accept(v3(100, 255, other), sink));
        assertTrue(check.accept(v3(100, 255, List.of(OURS.get(1), OURS.get(0))), sink), "order does not matter");
        assertEquals(List.of("mismatch 1 logged", "mismatch 1", "mismatch 2 logged"), told);
    }

    @Test
    void aReloadKeepsWhatWasLoggedAndTakesTheNewSettings() {
        AdvertCheck check = new AdvertCheck(v3());
        assertTrue(check.accept(v3(50, 255, OURS), sink));
        InstanceConfig slower = InstanceConfig.builder("VI_1", "eth0", 51).advertIntervalCentis(200)
                .virtualIps(List.of(vip("198.51.100.100"), vip("198.51.100.101"))).build();
        AdvertCheck next = check.reconfigured(slower);
        assertTrue(next.accept(v3(50, 255, OURS), sink));
        assertTrue(next.accept(v3(200, 255, OURS), sink));
        assertEquals(List.of("follows 50 (ours 100)"), told, "50 was told already; 200 is ours now");
    }

    @Test
    void passwordsArePaddedWithZerosToEightBytesAsKeepalivedSendsThem() {
        assertArrayEquals(new byte[]{'r', 'i', 'g', 'h', 't', 0, 0, 0}, AdvertCheck.passwordBytes("right"));
        assertArrayEquals(new byte[8], AdvertCheck.passwordBytes(null));
    }

    @Test
    void skipCheckAdvAddrComparesOnlyANewSendersFirstAdvert() {
        InstanceConfig c = v3();
        InstanceConfig skip = c.toBuilder().skipCheckAdvAddr(true).build();
        AdvertCheck check = new AdvertCheck(skip);
        List<InetAddress> fewer = List.of(ip("198.51.100.100"));
        for (int k = 0; k < 3; k++) {
            assertTrue(check.accept(v3(100, 255, fewer), sink));
        }
        assertEquals(List.of("mismatch 1 logged"), told, "the first advert of a sender only");
        VrrpPacket other = new VrrpPacket(3, 51, 150, 100, fewer, AuthType.NONE, new byte[0], ip("198.51.100.13"),
                GROUP, 255);
        assertTrue(check.accept(other, sink));
        assertEquals(List.of("mismatch 1 logged", "mismatch 1"), told, "a new sender is checked (and counted)");
    }

    @Test
    void anAdoptedSourceOutsideUnicastPeersIsTakenAtTtl255Only() {
        // The other holder of a split brain whose list has us but ours not it (SplitBrain's heal adopts it).
        AdvertCheck check = new AdvertCheck(unicast(new UnicastPeer((Inet4Address) PEER, 250, 254)));
        InetAddress first = ip("198.51.100.13");
        InetAddress second = ip("198.51.100.14");
        VrrpPacket fromFirst = new VrrpPacket(3, 51, 150, 100, OURS, AuthType.NONE, new byte[0], first,
                ip("198.51.100.11"), 255);
        VrrpPacket fromSecond = new VrrpPacket(3, 51, 150, 100, OURS, AuthType.NONE, new byte[0], second,
                ip("198.51.100.11"), 255);
        VrrpPacket firstAt254 = new VrrpPacket(3, 51, 150, 100, OURS, AuthType.NONE, new byte[0], first,
                ip("198.51.100.11"), 254);
        assertFalse(check.accept(fromFirst, sink), "not in unicast_peers");
        check.adopt(first);
        check.adopt(first); // twice: still one entry, nothing else changes
        assertTrue(check.accept(fromFirst, sink), "adopted");
        assertFalse(check.accept(fromSecond, sink), "only the adopted source");
        check.adopt(second);
        assertTrue(check.accept(fromSecond, sink), "a second adopted source");
        assertTrue(check.accept(fromFirst, sink), "the first still");
        assertFalse(check.accept(firstAt254, sink), "an adopted source has no TTL range: 255 only");
        assertEquals(List.of("drop unknown_peer", "drop unknown_peer", "drop ttl_out_of_range"), told);
    }
}
