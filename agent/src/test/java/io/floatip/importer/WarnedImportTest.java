package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static io.floatip.importer.Imports.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What floatip does not have is left out with a comment each, and the rest still loads. */
class WarnedImportTest {

    @Test
    void lvsBlocksAreLeftOutAndTheVrrpHalfComesOver() throws Exception {
        ImportResult result = Imports.corpus("lvs.conf");
        Config config = load(result);
        assertEquals(List.of(vip("198.51.100.100", 24)), config.instances().get("VI_LVS").virtualIps());
        String lvs = " (out of scope: LVS load balancing; floatip moves addresses only)";
        assertEquals(List.of(
                "lvs.conf:12 not mapped: virtual_server_group WEB" + lvs,
                "lvs.conf:16 not mapped: virtual_server 198.51.100.100 80" + lvs,
                "lvs.conf:30 not mapped: virtual_server fwmark 7" + lvs),
                Imports.warnings(result));
        assertTrue(result.yaml().startsWith("""
                # floatip config imported from src/test/resources/keepalived/lvs.conf by floatip import-keepalived
                # floatip import: not mapped: virtual_server_group WEB (out of scope: LVS load balancing; floatip \
                moves addresses only) (src/test/resources/keepalived/lvs.conf:12)
                # floatip import: not mapped: virtual_server 198.51.100.100 80 (out of scope: LVS load balancing; \
                floatip moves addresses only) (src/test/resources/keepalived/lvs.conf:16)
                """), result::yaml);
    }

    @Test
    void everythingUnsupportedIsNamed() throws Exception {
        ImportResult result = Imports.corpus("unsupported.conf");
        InstanceConfig odd = load(result).instances().get("VI_ODD");
        assertEquals(List.of(vip("198.51.100.110", 24), vip("198.51.100.111", 24, "eth1"), vip("198.51.100.112", 24)),
                odd.virtualIps());
        assertEquals(List.of(vip("198.51.100.120", 24)), odd.excludedIps());
        assertEquals(100, odd.priority());
        String email = " (out of scope: email alerts; a notify script can send them)";
        String network = " (out of scope: network configuration, not failover; keep it in the system's network "
                + "config)";
        assertEquals(List.of(
                "unsupported.conf:3 not mapped: vrrp_strict (" + Unmapped.STRICT + ")",
                "unsupported.conf:4 not mapped: notification_email" + email,
                "unsupported.conf:7 not mapped: notification_email_from lb@example.com" + email,
                "unsupported.conf:8 not mapped: smtp_server 203.0.113.25" + email,
                "unsupported.conf:9 not mapped: smtp_connect_timeout 30" + email,
                "unsupported.conf:10 not mapped: lvs_id LB1 (out of scope: LVS load balancing; floatip moves addresses "
                        + "only)",
                "unsupported.conf:11 note: vrrp_garp_interval 0.001: garp.interval 1ms on each IPv4 instance; "
                        + "keepalived spaces all of an interface's gratuitous ARPs, floatip each instance's",
                "unsupported.conf:14 not mapped: static_ipaddress" + network,
                "unsupported.conf:18 not mapped: static_routes" + network,
                "unsupported.conf:25 not mapped: vmac_xmit_base (" + Unmapped.XMIT_BASE + ")",
                "unsupported.conf:41 not mapped: Priority 200 (not a keyword: keepalived's are lowercase here, and it "
                        + "ignores this too)",
                "unsupported.conf:32 not mapped: label eth0:7 of 198.51.100.112/24 (ignored: floatip adds the address "
                        + "without a label)",
                "unsupported.conf:32 not mapped: scope link of 198.51.100.112/24 (ignored: floatip adds addresses "
                        + "with scope global)",
                "unsupported.conf:33 not mapped: 2001:db8::10/64 (IPv6 in an IPv4 instance (the family of its first "
                        + "address); keepalived ignores it too)",
                "unsupported.conf:22 note: strict mode: keepalived's master drops packets to its VIPs unless the "
                        + "instance says accept (vrrp.c, vrrp_complete_instance): accept: false"),
                Imports.warnings(result));
    }

    @Test
    void instanceWarningsSitInTheInstance() throws Exception {
        String yaml = Imports.corpus("unsupported.conf").yaml();
        int instance = yaml.indexOf("\n  VI_ODD:\n");
        assertTrue(instance > 0, yaml);
        assertTrue(yaml.indexOf("    # floatip import: not mapped: vmac_xmit_base") > instance, yaml);
        assertTrue(yaml.indexOf("    use_vmac: true") > instance, yaml); // use_vmac vrrp.91 on VRID 91: no note
        assertTrue(yaml.indexOf("# floatip import: not mapped: vrrp_strict") < instance, yaml);
    }

    @Test
    void withNoInstanceLeftTheResultDoesNotLoad() throws Exception {
        ImportResult result = Imports.corpus("no-instances.conf");
        assertEquals(List.of(
                "no-instances.conf:6 not mapped: 198.51.100.130/24 dev eth9:1 (on eth9:1, not an interface name "
                        + "floatip accepts)",
                "no-instances.conf:2 not mapped: vrrp_instance VI_NONE (no virtual_ipaddress floatip can hold)"),
                Imports.warnings(result));
        assertEquals(1, result.loadErrors().size());
        assertTrue(result.loadErrors().get(0).contains("instances: must define at least one instance"),
                result.loadErrors()::toString);
        assertFalse(result.yaml().contains("VI_NONE:"));
    }
}
