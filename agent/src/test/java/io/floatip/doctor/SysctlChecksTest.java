package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sysctls that bite VRRP pairs, each value the kernel knows. */
class SysctlChecksTest {

    @Test
    void nonlocalBindOffWarnsWithTheSysctlToSet() {
        FakeHost host = new FakeHost().file("/proc/sys/net/ipv4/ip_nonlocal_bind", "0");
        assertEquals(List.of("WARN  net.ipv4.ip_nonlocal_bind: 0: a proxy that binds the VIP fails to start on the "
                + "backup, where the VIP is absent (not needed if it binds 0.0.0.0); fix: sysctl -w "
                + "net.ipv4.ip_nonlocal_bind=1, and keep it in /etc/sysctl.d/"),
                ProcessChecksTest.lines(new NonlocalBindCheck().run(host)));
        host.file("/proc/sys/net/ipv4/ip_nonlocal_bind", "1");
        assertEquals(Status.OK, new NonlocalBindCheck().run(host).get(0).status());
        assertEquals(Status.WARN, new NonlocalBindCheck().run(new FakeHost()).get(0).status());
    }

    /** The kernel takes the larger of all and the interface's own value. */
    @ParameterizedTest
    @CsvSource({"0,0,OK", "0,1,OK", "1,0,OK", "2,0,WARN", "0,2,WARN", "3,0,OK", "8,0,FAIL", "0,8,FAIL", "5,0,WARN"})
    void arpIgnore(int all, int own, Status expected) {
        FakeHost host = new FakeHost().conf("all", "arp_ignore", all).conf("eth0", "arp_ignore", own)
                .conf("all", "arp_announce", 0).conf("eth0", "arp_announce", 0);
        Result r = new ArpCheck("eth0").run(host).get(0);
        assertEquals("net.ipv4.conf.eth0.arp_ignore", r.check());
        assertEquals(expected, r.status(), r.line());
        assertTrue(r.detail().startsWith("arp_ignore " + Math.max(all, own) + " (the larger of all=" + all
                + " and eth0=" + own + ")"), r.detail());
        if (expected != Status.OK) {
            assertTrue(r.fix().startsWith("sysctl -w net.ipv4.conf.eth0.arp_ignore=1"), r.fix());
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0,OK", "0,1,OK", "2,0,OK", "0,2,OK", "0,3,WARN"})
    void arpAnnounce(int all, int own, Status expected) {
        FakeHost host = new FakeHost().conf("all", "arp_ignore", 0).conf("eth0", "arp_ignore", 0)
                .conf("all", "arp_announce", all).conf("eth0", "arp_announce", own);
        Result r = new ArpCheck("eth0").run(host).get(1);
        assertEquals("net.ipv4.conf.eth0.arp_announce", r.check());
        assertEquals(expected, r.status(), r.line());
    }

    @Test
    void theRecommendedArpValuesAreExplained() {
        FakeHost host = new FakeHost().conf("all", "arp_ignore", 0).conf("eth0", "arp_ignore", 1)
                .conf("all", "arp_announce", 0).conf("eth0", "arp_announce", 2);
        List<Result> r = new ArpCheck("eth0").run(host);
        assertTrue(r.get(0).detail().contains("the recommended value for a VIP on eth0"), r.get(0).detail());
        assertTrue(r.get(1).detail().contains("the recommended value with several interfaces"), r.get(1).detail());
    }

    @Test
    void aVlanInterfaceIsNamedAsSysctlNamesIt() {
        FakeHost host = new FakeHost().conf("all", "rp_filter", 0).conf("eth0.100", "rp_filter", 1);
        Result r = new RpFilterCheck("eth0.100").run(host).get(0);
        assertEquals("net.ipv4.conf.eth0/100.rp_filter", r.check());
        assertEquals(Status.WARN, r.status());
    }

    @ParameterizedTest
    @CsvSource({"0,0,OK", "2,0,OK", "0,2,OK", "1,0,WARN", "0,1,WARN", "1,2,OK"})
    void rpFilterWarnsOnlyWhenStrict(int all, int own, Status expected) {
        FakeHost host = new FakeHost().conf("all", "rp_filter", all).conf("eth0", "rp_filter", own);
        Result r = new RpFilterCheck("eth0").run(host).get(0);
        assertEquals(expected, r.status(), r.line());
        if (expected == Status.WARN) {
            assertTrue(r.detail().contains("asymmetric paths"), r.detail());
            assertEquals("if paths are asymmetric: sysctl -w net.ipv4.conf.all.rp_filter=2 "
                    + "net.ipv4.conf.eth0.rp_filter=2 (loose)", r.fix());
        }
    }

    @Test
    void unreadableSysctlsWarn() {
        FakeHost host = new FakeHost();
        assertEquals(Status.WARN, new RpFilterCheck("eth0").run(host).get(0).status());
        assertEquals(List.of(Status.WARN, Status.WARN),
                new ArpCheck("eth0").run(host).stream().map(Result::status).toList());
    }

    @Test
    void clockSource() {
        String dir = ClockSourceCheck.DIR;
        for (String fast : List.of("tsc", "kvm-clock", "arch_sys_counter")) {
            FakeHost host = new FakeHost().file(dir + "current_clocksource", fast);
            assertEquals("OK    clocksource: " + fast, new ClockSourceCheck().run(host).get(0).line());
        }
        FakeHost hpet = new FakeHost().file(dir + "current_clocksource", "hpet")
                .file(dir + "available_clocksource", "hpet acpi_pm tsc");
        Result r = new ClockSourceCheck().run(hpet).get(0);
        assertEquals(Status.WARN, r.status());
        assertTrue(r.fix().startsWith("echo tsc > " + dir + "current_clocksource"), r.fix());
        FakeHost jiffies = new FakeHost().file(dir + "current_clocksource", "jiffies")
                .file(dir + "available_clocksource", "jiffies");
        assertTrue(new ClockSourceCheck().run(jiffies).get(0).fix().contains("available here: jiffies"));
        assertEquals(Status.WARN, new ClockSourceCheck().run(new FakeHost()).get(0).status());
    }
}
