package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static io.floatip.importer.Imports.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VRRPv2 pair with PASS authentication. What goes on the wire must come out the same on both nodes, as it did
 * with keepalived: version, interval, password (8 characters at most) and addresses.
 */
class PasswordPairImportTest {

    private static InstanceConfig instance(String file) throws Exception {
        return load(Imports.corpus(file)).instances().get("VI_AUTH");
    }

    @Test
    void nodeA() throws Exception {
        InstanceConfig a = instance("vrrpv2-pass-a.conf");
        assertEquals("eth0", a.interfaceName());
        assertEquals(52, a.vrid());
        assertEquals(200, a.priority());
        assertEquals(2, a.version());
        assertEquals(300, a.advertIntervalCentis());
        assertEquals("s3cr3t-a", a.authPassword());
        assertEquals(List.of(vip("198.51.100.60", 32), vip("198.51.100.61", 24)), a.virtualIps());
        assertEquals(new GarpConfig(10_000, 3), a.garp());
        assertEquals(0, a.preemptDelayMillis());
    }

    @Test
    void nodeBRoundsAndTruncatesAsKeepalivedDoes() throws Exception {
        ImportResult result = Imports.corpus("vrrpv2-pass-b.conf");
        InstanceConfig b = load(result).instances().get("VI_AUTH");
        assertEquals(100, b.priority());
        assertEquals(2, b.version());
        // 2.5 s: VRRPv2 carries whole seconds, keepalived rounds half up.
        assertEquals(300, b.advertIntervalCentis());
        assertEquals("s3cr3t-a", b.authPassword());
        assertEquals(1_500, b.preemptDelayMillis());
        assertEquals(List.of(
                "vrrpv2-pass-b.conf:18 not mapped: label eth0:1 of 198.51.100.61/24 (ignored: floatip adds the "
                        + "address without a label)",
                "vrrpv2-pass-b.conf:5 note: state BACKUP: floatip has no initial state; it starts as backup and the "
                        + "highest priority becomes master",
                "vrrpv2-pass-b.conf:10 note: advert_int 2.5: VRRPv2 sends whole seconds from 1 to 255; written as 3s",
                "vrrpv2-pass-b.conf:14 note: auth_pass has 15 characters; keepalived sends only the first 8, so those "
                        + "are written"), Imports.warnings(result));
        // The password itself never appears in a comment.
        assertTrue(result.yaml().lines().filter(l -> l.contains("#")).noneMatch(l -> l.contains("s3cr3t")));
    }

    @Test
    void bothNodesPutTheSameOnTheWire() throws Exception {
        InstanceConfig a = instance("vrrpv2-pass-a.conf");
        InstanceConfig b = instance("vrrpv2-pass-b.conf");
        assertEquals(List.of(a.vrid(), a.version(), a.advertIntervalCentis(), a.virtualIps(), a.authPassword()),
                List.of(b.vrid(), b.version(), b.advertIntervalCentis(), b.virtualIps(), b.authPassword()));
    }
}
