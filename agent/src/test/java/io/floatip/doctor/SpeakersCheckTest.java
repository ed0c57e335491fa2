package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeakersCheckTest {

    static final Advert PEER = new Advert("198.51.100.12", 51, 100, 3, 100, List.of("198.51.100.50"), 255);

    @Test
    void thePairsOtherNodeIsAWarningThatSaysItIsExpected() {
        List<Result> r = listen(Configs.pair(), Map.of("eth0", List.of(PEER, PEER)));
        assertEquals(List.of("WARN  vrrp eth0: peer 198.51.100.12 advertises VRID 51 priority 100: expected if it is "
                + "your pair's other node; fix: if it is not, give this pair another vrid (1..255), the same on both "
                + "nodes"), ProcessChecksTest.lines(r));
    }

    @Test
    void silenceIsOkAndSaysHowLongItListened() {
        List<Result> r = listen(Configs.pair(), Map.of("eth0", List.of()));
        assertEquals(List.of("OK    vrrp eth0: VRID 51 (VI_1): no other speaker heard in 3 s; expected on the master "
                + "(backups do not advertise) and while the other node is not running"), ProcessChecksTest.lines(r));
    }

    @Test
    void otherVridsAreReportedAsNoConflict() {
        Advert other = new Advert("198.51.100.30", 7, 200, 2, 100, List.of("198.51.100.70"), 255);
        List<Result> r = listen(Configs.pair(), Map.of("eth0", List.of(other)));
        assertEquals("OK    vrrp eth0: VRID 7 from 198.51.100.30 priority 200 (VRRPv2): not one of ours, no conflict",
                r.get(0).line());
        assertEquals(Status.OK, r.get(1).status()); // and VRID 51 was not heard
    }

    @Test
    void twoOtherSpeakersOfOurVridAreOneTooMany() {
        Advert third = new Advert("198.51.100.13", 51, 90, 3, 100, List.of("198.51.100.50"), 255);
        List<Result> r = listen(Configs.pair(), Map.of("eth0", List.of(PEER, third)));
        assertEquals(3, r.size());
        assertEquals("2 other speakers advertise VRID 51 (198.51.100.12, 198.51.100.13); a pair has one other node",
                r.get(2).detail());
    }

    @Test
    void mismatchesWithOurInstanceAreNamed() {
        Advert v2 = new Advert("198.51.100.12", 51, 100, 2, 100, List.of("198.51.100.99"), 254);
        String detail = listen(Configs.pair(), Map.of("eth0", List.of(v2))).get(0).detail();
        assertEquals("peer 198.51.100.12 advertises VRID 51 priority 100: expected if it is your pair's other node; but "
                + "it speaks VRRPv2, VI_1 VRRPv3; its VIPs [198.51.100.99] differ from VI_1's [198.51.100.50]; it "
                + "arrives with TTL 254 (it crossed a router?), which VI_1 drops", detail);
    }

    @Test
    void aListedUnicastPeerIsOkAndAnUnlistedSenderIsAConflict() {
        Config unicast = Configs.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    unicast_peers: [{address: 198.51.100.12, min_ttl: 250}]
                """);
        Advert routed = new Advert("198.51.100.12", 51, 100, 3, 100, List.of("198.51.100.50"), 252);
        Advert stranger = new Advert("198.51.100.40", 51, 100, 3, 100, List.of("198.51.100.50"), 255);
        List<Result> r = listen(unicast, Map.of("eth0", List.of(routed, stranger)));
        assertEquals("OK    vrrp eth0: peer 198.51.100.12 advertises VRID 51 priority 100: one of VI_1's unicast_peers",
                r.get(0).line());
        assertEquals(Status.WARN, r.get(1).status());
        assertTrue(r.get(1).detail().startsWith("198.51.100.40 advertises VRID 51 priority 100 but is not one of "
                + "VI_1's unicast_peers"), r.get(1).detail());
    }

    @Test
    void undecodableFramesAndListenErrorsWarn() {
        FakeHost host = new FakeHost();
        host.listening = new Listening(Map.of("eth0", List.of()), Map.of("eth0", Map.of("BAD_CHECKSUM", 3)),
                Map.of("eth1", "cannot capture on eth1: missing capability CAP_NET_RAW"));
        Map<String, List<InstanceConfig>> ifaces = Map.of("eth0", Configs.instances(Configs.pair()),
                "eth1", Configs.instances(Configs.pair()));
        List<Result> r = new SpeakersCheck(new java.util.TreeMap<>(ifaces), Duration.ofSeconds(3)).run(host);
        assertEquals("WARN  vrrp eth0: 3 VRRP frame(s) that are not valid adverts {BAD_CHECKSUM=3}; fix: look for a "
                + "misconfigured or foreign VRRP speaker: tcpdump -ni eth0 ip proto 112", r.get(1).line());
        assertEquals("WARN", r.get(2).status().name());
        assertTrue(r.get(2).detail().startsWith("cannot listen: cannot capture on eth1"), r.get(2).detail());
    }

    @Test
    void listenZeroSkipsWithoutOpeningAnything() {
        FakeHost host = new FakeHost();
        List<Result> r = new SpeakersCheck(Map.of("eth0", Configs.instances(Configs.pair())), Duration.ZERO).run(host);
        assertEquals(Status.WARN, r.get(0).status());
        assertTrue(host.listenedOn.isEmpty());
    }

    private static List<Result> listen(Config config, Map<String, List<Advert>> heard) {
        FakeHost host = new FakeHost();
        host.listening = new Listening(heard, Map.of(), Map.of());
        List<Result> results = new SpeakersCheck(Map.of("eth0", Configs.instances(config)), Duration.ofSeconds(3))
                .run(host);
        assertEquals(List.of(List.of("eth0")), host.listenedOn);
        return results;
    }
}
