package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keepalived.conf text and the settings it refuses; no root, no keepalived needed. */
class KeepalivedConfigTest {

    @Test
    void writesOneInstanceWithTheGivenSettings() {
        String text = KeepalivedConfig.instance("VI_9").routerId("n1").state(KeepalivedConfig.State.MASTER)
                .virtualRouterId(42).priority(150).advertInt(0.1).version(3)
                .virtualIp("198.51.100.50/24", "198.51.100.51/24").text();
        assertEquals("""
                # written by floatip's lab: one VRRP instance, no scripts, no checker
                global_defs {
                    router_id n1
                    max_auto_priority -1
                }

                vrrp_instance VI_9 {
                    state MASTER
                    interface eth0
                    virtual_router_id 42
                    priority 150
                    advert_int 0.1
                    version 3
                    strict_mode off
                    virtual_ipaddress {
                        198.51.100.50/24
                        198.51.100.51/24
                    }
                }
                """, text);
        assertFalse(text.contains("vrrp_strict"));
    }

    @Test
    void writesUnicastAuthenticationAndPreemptSettings() {
        String v2 = KeepalivedConfig.instance().version(2).advertInt(1).authPass("s3cret")
                .unicastSrcIp("198.51.100.11").unicastPeer("198.51.100.12", "198.51.100.13")
                .preemptDelay(2.5).virtualIp("203.0.113.7/24").text();
        assertTrue(v2.contains("    advert_int 1\n"), v2);
        assertTrue(v2.contains("    preempt_delay 2.5\n"), v2);
        assertTrue(v2.contains("    unicast_src_ip 198.51.100.11\n"), v2);
        assertTrue(v2.contains("    unicast_peer {\n        198.51.100.12\n        198.51.100.13\n    }\n"), v2);
        assertTrue(v2.contains("    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n"), v2);

        String v3 = KeepalivedConfig.instance().nopreempt().virtualIp("2001:db8::50/64").text();
        assertTrue(v3.contains("    nopreempt\n"), v3);
        assertTrue(v3.contains("    state BACKUP\n"), v3);
        assertTrue(v3.contains("        2001:db8::50/64\n"), v3);
    }

    @Test
    void refusesWhatKeepalivedWouldQuietlyChange() {
        assertRefused(KeepalivedConfig.instance().version(2).advertInt(0.5));
        assertRefused(KeepalivedConfig.instance().version(3).advertInt(0.015));
        assertRefused(KeepalivedConfig.instance().version(3).advertInt(41));
        assertRefused(KeepalivedConfig.instance().version(3).advertInt(0.001));
        assertRefused(KeepalivedConfig.instance().version(3).authPass("pw"));
        assertRefused(KeepalivedConfig.instance().state(KeepalivedConfig.State.MASTER).nopreempt());
        assertRefused(KeepalivedConfig.instance().state(KeepalivedConfig.State.MASTER).preemptDelay(1));
        assertRefused(KeepalivedConfig.instance().nopreempt().preemptDelay(1));
        assertRefused(KeepalivedConfig.instance().virtualIp("198.51.100.50/24", "2001:db8::50/64"));
        assertRefused(KeepalivedConfig.instance().version(2).virtualIp("2001:db8::50/64"));
        assertRefused(KeepalivedConfig.instance().unicastSrcIp("198.51.100.11"));

        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().authPass("ninechars"));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().authPass("a b"));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().priority(0));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().virtualRouterId(256));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().version(4));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance("VI 1"));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance("x}"));
    }

    @Test
    void acceptsOnlyLabAddresses() {
        for (String ok : List.of("198.51.100.50", "203.0.113.1", "2001:db8::1", "2001:db8:ffff::1")) {
            LabRanges.requireLabAddress(ok);
        }
        for (String bad : List.of("192.0.2.10", "10.0.0.1", "198.51.101.1", "198.51.100.256", "2001:db9::1",
                "fe80::1", "example.com", "198.51.100", "")) {
            assertThrows(IllegalArgumentException.class, () -> LabRanges.requireLabAddress(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().virtualIp("192.0.2.50/24"));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().virtualIp("198.51.100.50/x"));
        assertThrows(IllegalArgumentException.class, () -> KeepalivedConfig.instance().unicastPeer("192.0.2.1"));
    }

    private static void assertRefused(KeepalivedConfig config) {
        assertThrows(IllegalArgumentException.class, config::text, config.toString());
    }
}
