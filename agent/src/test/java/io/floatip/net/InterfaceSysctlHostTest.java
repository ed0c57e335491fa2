package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floatip.lab.HostTests;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IPv4 settings use_vmac changes, written over netlink in a namespace made for the test: the way that
 * works under the shipped unit, whose ProtectKernelTunables= makes /proc/sys read-only. The files' root here
 * does not exist, so a write that went to a file would fail; sysctl(8) in the namespace is the witness.
 */
class InterfaceSysctlHostTest {
    private TestNetns netns;
    private Netlink netlink;

    @BeforeEach
    void namespaceWithD0() throws Exception {
        HostTests.requireRoot();
        netns = TestNetns.create();
        netns.addUpInterface("d0");
        netlink = NetnsThread.call(netns.name, Netlink::new);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (netlink != null) {
            netlink.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    private String sysctl(String key) throws Exception {
        return netns.exec("sysctl", "-n", "net.ipv4.conf.d0." + key).strip();
    }

    @Test
    void ipv4SettingsAreWrittenOverNetlinkNotThroughProcSys() throws Exception {
        InterfaceSysctl sysctl = new InterfaceSysctl(Path.of("/nonexistent-proc-sys-net"), netlink);
        // use_vmac's values, then others: each read back by sysctl(8), so none is the default by chance.
        String[] keys = {"arp_ignore", "arp_announce", "arp_filter", "accept_local", "rp_filter",
            "promote_secondaries"};
        int[][] rounds = {{1, 2, 1, 1, 0, 1}, {2, 1, 0, 0, 2, 0}};
        for (int[] values : rounds) {
            for (int k = 0; k < keys.length; k++) {
                sysctl.set("ipv4", "d0", keys[k], values[k]);
                assertEquals(Integer.toString(values[k]), sysctl(keys[k]), keys[k]);
            }
        }
    }

    @Test
    void aKeyNetlinkCannotSetStillGoesToTheFileAndAnUnknownInterfaceIsAnError() {
        InterfaceSysctl sysctl = new InterfaceSysctl(Path.of("/nonexistent-proc-sys-net"), netlink);
        assertThrows(IOException.class, () -> sysctl.set("ipv6", "d0", "disable_ipv6", 1));
        IOException e = assertThrows(IOException.class, () -> sysctl.set("ipv4", "nosuch0", "arp_ignore", 1));
        assertEquals("no interface nosuch0", e.getMessage());
    }
}
