package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {
    @Test
    void negativeWeightsLowerWhileDownAndPositiveRaiseWhileUp() {
        Health h = new Health(100);
        h.set(Health.Key.script("chk_a"), -30, true);
        h.set(Health.Key.script("chk_b"), 20, true);
        assertEquals(120, h.effectivePriority());
        h.set(Health.Key.script("chk_a"), -30, false);
        assertEquals(90, h.effectivePriority());
        h.set(Health.Key.script("chk_b"), 20, false);
        assertEquals(70, h.effectivePriority());
        assertEquals(List.of(), h.faults());
    }

    @Test
    void theSumIsClampedTo1And254() {
        Health h = new Health(200);
        h.set(Health.Key.script("up"), 100, true);
        assertEquals(254, h.effectivePriority());
        h.set(Health.Key.script("up"), 100, false);
        h.set(Health.Key.script("down"), -253, false);
        assertEquals(1, h.effectivePriority());
    }

    @Test
    void theOwnerNeverChanges() {
        Health h = new Health(255);
        h.set(Health.Key.script("chk"), -100, false);
        assertEquals(255, h.effectivePriority());
    }

    @Test
    void weightZeroMeansFaultWhileDown() {
        Health h = new Health(100);
        h.set(Health.Key.script("chk_haproxy"), 0, true);
        h.set(Health.Key.iface("eth1"), 0, true);
        assertEquals(List.of(), h.faults());
        h.set(Health.Key.iface("eth1"), 0, false);
        assertEquals(List.of("interface eth1 is down"), h.faults());
        h.set(Health.Key.script("chk_haproxy"), 0, false);
        assertEquals(List.of("script chk_haproxy is down", "interface eth1 is down"), h.faults());
        h.set(Health.Key.iface("eth1"), 0, true);
        h.set(Health.Key.script("chk_haproxy"), 0, true);
        assertEquals(List.of(), h.faults());
        assertEquals(100, h.effectivePriority());
    }

    @Test
    void trackedFilesMultiplyTheirValue() {
        Health h = new Health(100);
        h.setValue(Health.Key.file("/etc/floatip/maint"), -10, 3);
        assertEquals(70, h.effectivePriority());
        h.setValue(Health.Key.file("/etc/floatip/maint"), -10, 0);
        assertEquals(100, h.effectivePriority());
        h.setValue(Health.Key.file("/etc/floatip/down"), 0, 1);
        assertEquals(List.of("file /etc/floatip/down is 1"), h.faults());
    }

    /** Reproduces issue 16 item 1: 2^62 with weight 2 wrapped to a negative product and gave priority 1. */
    @Test
    void aFilesValueTimesItsWeightSaturatesInsteadOfWrapping() {
        Health h = new Health(100);
        h.setValue(Health.Key.file("/f"), 2, 1L << 62);
        assertEquals(254, h.effectivePriority());
        h.setValue(Health.Key.file("/f"), -254, Long.MAX_VALUE);
        assertEquals(1, h.effectivePriority());
        h.setValue(Health.Key.file("/f"), 254, Long.MIN_VALUE);
        assertEquals(1, h.effectivePriority());
        h.setValue(Health.Key.file("/f"), -3, Long.MIN_VALUE);
        assertEquals(254, h.effectivePriority());
        h.setValue(Health.Key.file("/g"), -254, 1);
        assertEquals(100, h.effectivePriority(), "each file's share is clamped to 254 first, as keepalived clamps");
    }
}
