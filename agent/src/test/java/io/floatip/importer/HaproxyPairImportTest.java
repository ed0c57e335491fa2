package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static io.floatip.importer.Imports.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.ScriptConfig;
import io.floatip.config.TrackedScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usual HAProxy pair: a check script with a negative weight, notify, MASTER and BACKUP nodes. */
class HaproxyPairImportTest {

    @Test
    void theMasterNode() throws Exception {
        ImportResult result = Imports.corpus("haproxy-master.conf");
        Config config = load(result);
        assertEquals("lb1", config.global().routerId());
        assertEquals("keepalived_script", config.global().scriptUser());
        assertNull(config.global().notifyFifo());

        ScriptConfig check = config.scripts().get("chk_haproxy");
        assertEquals(Command.of("/etc/keepalived/check_haproxy.sh", "--quiet"), check.command());
        assertEquals(2_000, check.intervalMillis());
        assertEquals(1_000, check.timeoutMillis());
        assertEquals(2, check.rise());
        assertEquals(2, check.fall());
        assertEquals(-60, check.weight());
        assertFalse(check.initFail());

        InstanceConfig vi = config.instances().get("VI_1");
        assertEquals("eth0", vi.interfaceName());
        assertEquals(51, vi.vrid());
        assertEquals(150, vi.priority());
        // keepalived's default is VRRPv2, floatip's v3: the import must say 2.
        assertEquals(2, vi.version());
        assertEquals(100, vi.advertIntervalCentis());
        assertTrue(vi.preempt());
        assertEquals(0, vi.preemptDelayMillis());
        assertEquals(List.of(vip("198.51.100.50", 24)), vi.virtualIps());
        assertEquals(GarpConfig.DEFAULT, vi.garp());
        assertNull(vi.unicastSource());
        assertEquals(List.of(), vi.unicastPeers());
        assertNull(vi.authPassword());
        assertEquals(List.of(new TrackedScript("chk_haproxy", -60)), vi.trackScripts());
        assertEquals(List.of(), vi.trackInterfaces());
        assertEquals(List.of(), vi.trackFiles());
        assertEquals(new NotifyConfig(null, null, null, null, Command.of("/etc/keepalived/notify.sh")),
                vi.notifications());
        assertEquals(List.of(), List.copyOf(config.syncGroups().keySet()));
    }

    @Test
    void theMasterNodeMapsCompletelyWithTwoNotes() throws Exception {
        ImportResult result = Imports.corpus("haproxy-master.conf");
        assertFalse(result.leftOut());
        assertEquals(List.of(
                "haproxy-master.conf:7 note: enable_script_security: floatip always refuses scripts a non-root user "
                        + "could change",
                "haproxy-master.conf:20 note: state MASTER: floatip has no initial state; it starts as backup and the "
                        + "highest priority becomes master"), Imports.warnings(result));
        assertTrue(result.yaml().contains("""
                  VI_1:
                    interface: eth0
                    vrid: 51
                    # floatip import: note: state MASTER: floatip has no initial state; it starts as backup and the \
                highest priority becomes master (src/test/resources/keepalived/haproxy-master.conf:20)
                    priority: 150
                """), result::yaml);
    }

    @Test
    void theBackupNodeDiffersOnlyInNameAndPriority() throws Exception {
        Config master = load(Imports.corpus("haproxy-master.conf"));
        Config backup = load(Imports.corpus("haproxy-backup.conf"));
        assertEquals("lb2", backup.global().routerId());
        InstanceConfig m = master.instances().get("VI_1");
        InstanceConfig b = backup.instances().get("VI_1");
        assertEquals(100, b.priority());
        assertEquals(m.toBuilder().priority(b.priority()).build(), b);
        assertEquals(master.scripts(), backup.scripts());
        assertFalse(Imports.corpus("haproxy-backup.conf").leftOut());
    }
}
