package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Interface state and multicast, from made-up sysfs. */
class InterfaceChecksTest {

    final InterfaceCheck eth0 = new InterfaceCheck("eth0", Configs.instances(Configs.pair()));

    @Test
    void upWithCarrierAndAnAddressIsOk() {
        FakeHost host = new FakeHost().iface("eth0", "198.51.100.11/24");
        assertEquals(List.of("OK    interface eth0: up, carrier, operstate up, IPv4 198.51.100.11/24 (instances VI_1)"),
                ProcessChecksTest.lines(eth0.run(host)));
    }

    @Test
    void aMissingInterfaceSaysWhichInstancesNameIt() {
        Result r = eth0.run(new FakeHost()).get(0);
        assertEquals(Status.FAIL, r.status());
        assertEquals("does not exist (instances VI_1)", r.detail());
    }

    @Test
    void administrativelyDownGivesTheCommandToBringItUp() {
        FakeHost host = new FakeHost().iface("eth0", "198.51.100.11/24").file("/sys/class/net/eth0/flags", "0x1002")
                .file("/sys/class/net/eth0/operstate", "down");
        host.files.remove("/sys/class/net/eth0/carrier"); // the kernel refuses to read it on a down link
        assertEquals("FAIL  interface eth0: is administratively down (operstate down); fix: ip link set dev eth0 up, "
                + "and bring it up at boot", eth0.run(host).get(0).line());
    }

    @Test
    void noCarrierMeansFault() {
        FakeHost host = new FakeHost().iface("eth0", "198.51.100.11/24").file("/sys/class/net/eth0/carrier", "0")
                .file("/sys/class/net/eth0/operstate", "down");
        Result r = eth0.run(host).get(0);
        assertEquals(Status.FAIL, r.status());
        assertEquals("is up but has no carrier (operstate down): the agent would put VI_1 in FAULT", r.detail());
    }

    @Test
    void noAddressFailsUnlessEveryInstanceSetsItsSource() {
        FakeHost host = new FakeHost().iface("eth0");
        assertEquals(Status.FAIL, eth0.run(host).get(0).status());
        InterfaceCheck unicast = new InterfaceCheck("eth0", Configs.instances(Configs.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    unicast_source: 198.51.100.11
                    unicast_peers: [198.51.100.12]
                """)));
        assertEquals("OK    interface eth0: up, carrier, operstate up (instances VI_1)", unicast.run(host).get(0).line());
    }

    @Test
    void multicastJoinedAndLeft() {
        FakeHost host = new FakeHost().iface("eth0", "198.51.100.11/24");
        assertEquals(List.of("OK    multicast eth0: joined and left 224.0.0.18"),
                ProcessChecksTest.lines(new MulticastCheck("eth0").run(host)));
    }

    @Test
    void multicastOffOrAFailedJoinFailsWithUnicastAsTheWayOut() {
        FakeHost off = new FakeHost().iface("eth0").file("/sys/class/net/eth0/flags", "0x3");
        assertEquals("FAIL  multicast eth0: eth0 has multicast turned off (flags 0x3); fix: ip link set dev eth0 "
                + "multicast on, or give the instances unicast_peers", new MulticastCheck("eth0").run(off).get(0).line());
        FakeHost refused = new FakeHost().iface("eth0");
        refused.joinErrors.put("eth0", "No such device");
        Result r = new MulticastCheck("eth0").run(refused).get(0);
        assertEquals(Status.FAIL, r.status());
        assertEquals("cannot join 224.0.0.18: No such device", r.detail());
    }
}
