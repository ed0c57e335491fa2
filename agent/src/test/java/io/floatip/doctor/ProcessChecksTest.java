package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.net.LibpcapCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libpcap and capabilities: what the agent's own process needs. */
class ProcessChecksTest {

    @Test
    void libpcapLoadsOrNamesThePackage() {
        FakeHost host = new FakeHost();
        assertEquals(List.of("OK    libpcap: loads"), lines(new PcapLibraryCheck().run(host)));
        host.libpcapProblem = LibpcapCheck.MISSING;
        assertEquals(List.of("FAIL  libpcap: cannot be loaded: floatip sends and receives VRRP through it; "
                + "fix: apt-get install libpcap0.8"), lines(new PcapLibraryCheck().run(host)));
    }

    @Test
    void bothCapabilitiesEffectiveIsOk() {
        FakeHost host = new FakeHost().file("/proc/self/status", "CapPrm:\t0\nCapEff:\t0000000000003000\n");
        assertEquals(List.of("OK    capabilities: CAP_NET_ADMIN and CAP_NET_RAW are effective"),
                lines(new CapabilitiesCheck().run(host)));
    }

    @Test
    void eachMissingCapabilityIsNamed() {
        FakeHost host = new FakeHost().file("/proc/self/status", "CapEff:\t0000000000001000\n");
        Result raw = new CapabilitiesCheck().run(host).get(0);
        assertEquals(Status.FAIL, raw.status());
        assertEquals("missing CAP_NET_RAW (CAP_NET_ADMIN adds and removes the VIP, CAP_NET_RAW sends adverts and ARP)",
                raw.detail());
        host.file("/proc/self/status", "CapEff:\t0000000000000000\n");
        Result both = new CapabilitiesCheck().run(host).get(0);
        assertEquals("missing CAP_NET_ADMIN and CAP_NET_RAW (CAP_NET_ADMIN adds and removes the VIP, CAP_NET_RAW "
                + "sends adverts and ARP)", both.detail());
        assertEquals("run as root, or as the packaged floatip.service does: AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW",
                both.fix());
    }

    @Test
    void anUnreadableStatusIsAWarningNotAGuess() {
        assertEquals(Status.WARN, new CapabilitiesCheck().run(new FakeHost()).get(0).status());
        FakeHost garbled = new FakeHost().file("/proc/self/status", "CapEff:\tzz\n");
        assertEquals(Status.WARN, new CapabilitiesCheck().run(garbled).get(0).status());
    }

    static List<String> lines(List<Result> results) {
        return results.stream().map(Result::line).toList();
    }
}
