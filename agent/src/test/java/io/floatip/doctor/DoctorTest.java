package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole report on made-up hosts: order, what is skipped when, and the exit code. */
class DoctorTest {

    @Test
    void aHealthyHostIsAllOkInAFixedOrderAndExitsZero() {
        FakeHost host = FakeHost.healthy();
        host.listening = new Listening(Map.of("eth0", List.of(SpeakersCheckTest.PEER)), Map.of(), Map.of());
        List<Result> streamed = new ArrayList<>();
        List<Result> results = new Doctor(host, hostChecks -> Configs.pair(), "t.yaml", Duration.ofSeconds(3))
                .run(streamed::add);
        assertEquals(results, streamed);
        assertEquals(List.of("libpcap", "capabilities", "config", "scripts", "interface eth0", "multicast eth0",
                "net.ipv4.conf.eth0.arp_ignore", "net.ipv4.conf.eth0.arp_announce", "net.ipv4.conf.eth0.rp_filter",
                "net.ipv4.ip_nonlocal_bind", "clocksource", "vrrp eth0"), results.stream().map(Result::check).toList());
        assertEquals(Status.WARN, results.get(results.size() - 1).status()); // the peer: expected, but said
        assertEquals(0, Doctor.exitCode(results));
    }

    @Test
    void aMissingInterfaceIsOneFailAndIsNotListenedOn() {
        FakeHost host = FakeHost.healthy();
        List<Result> results = new Doctor(host, hostChecks -> Configs.parse("""
                instances:
                  VI_1: {interface: eth9, vrid: 51, virtual_ips: [198.51.100.50]}
                """), "t.yaml", Duration.ofSeconds(3)).run(r -> { });
        List<String> failed = results.stream().filter(r -> r.status() == Status.FAIL).map(Result::check).toList();
        assertEquals(List.of("interface eth9"), failed);
        assertTrue(results.stream().noneMatch(r -> r.check().contains("eth9.")), results.toString());
        assertTrue(host.listenedOn.isEmpty());
        assertEquals(1, Doctor.exitCode(results));
    }

    @Test
    void unicastOnlyInterfacesSkipTheMulticastJoin() {
        FakeHost host = FakeHost.healthy();
        host.joinErrors.put("eth0", "would fail");
        List<Result> results = new Doctor(host, hostChecks -> Configs.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    unicast_peers: [198.51.100.12]
                """), "t.yaml", Duration.ZERO).run(r -> { });
        assertTrue(results.stream().noneMatch(r -> r.check().startsWith("multicast")), results.toString());
        assertEquals(0, Doctor.exitCode(results));
    }

    @Test
    void aBrokenConfigStillChecksTheHostWideThings() {
        FakeHost host = FakeHost.healthy();
        List<Result> results = new Doctor(host, hostChecks -> {
            throw new ConfigException(List.of("t.yaml: cannot read config: no such file"));
        }, "t.yaml", Duration.ofSeconds(3)).run(r -> { });
        assertEquals(List.of("libpcap", "capabilities", "config", "net.ipv4.ip_nonlocal_bind", "clocksource"),
                results.stream().map(Result::check).toList());
        assertEquals(1, Doctor.exitCode(results));
    }
}
