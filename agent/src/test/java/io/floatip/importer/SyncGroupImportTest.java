package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.InstanceConfig;
import io.floatip.config.NotifyConfig;
import io.floatip.config.SyncGroupConfig;
import io.floatip.config.TrackedInterface;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sync groups with their own notify, members with every notify kind, and a group floatip cannot keep. */
class SyncGroupImportTest {

    @Test
    void theEdgeGroupAndItsNotify() throws Exception {
        Config config = load(Imports.corpus("sync-groups.conf"));
        assertEquals(List.of("EDGE"), List.copyOf(config.syncGroups().keySet()));
        SyncGroupConfig edge = config.syncGroups().get("EDGE");
        assertEquals(List.of("VI_OUT", "VI_IN"), edge.instances());
        assertEquals(new NotifyConfig(Command.of("/etc/keepalived/notify.sh", "group", "master"),
                Command.of("/etc/keepalived/notify.sh", "group", "backup"),
                Command.of("/etc/keepalived/notify.sh", "group fault"), null,
                Command.of("/etc/keepalived/notify-all.sh")), edge.notifications());
    }

    @Test
    void aMemberWithEveryNotify() throws Exception {
        Config config = load(Imports.corpus("sync-groups.conf"));
        assertEquals(Path.of("/run/keepalived/notify.fifo"), config.global().notifyFifo());
        InstanceConfig out = config.instances().get("VI_OUT");
        assertEquals(new NotifyConfig(Command.of("/etc/keepalived/notify.sh", "out", "master"),
                Command.of("/etc/keepalived/notify.sh", "out", "backup"),
                Command.of("/etc/keepalived/notify.sh", "out", "fault"),
                Command.of("/etc/keepalived/notify.sh", "out", "stop"),
                Command.of("/etc/keepalived/notify-all.sh", "--verbose")), out.notifications());
        // The weighted script is left out, as keepalived ignores it in a group; weight 0 stays.
        assertEquals(List.of(), out.trackScripts());
        assertEquals(List.of(new TrackedInterface("eth3", 0)), out.trackInterfaces());
        InstanceConfig solo = config.instances().get("VI_SOLO");
        assertEquals(100, solo.priority());
        assertEquals(NotifyConfig.NONE, solo.notifications());
        assertNull(config.instances().get("VI_IN").unicastSource());
    }

    @Test
    void whatWasLeftOut() throws Exception {
        ImportResult result = Imports.corpus("sync-groups.conf");
        assertEquals(List.of(
                "sync-groups.conf:42 not mapped: chk_uplink (weighted script in a sync group: keepalived ignores it "
                        + "too, \"ignoring tracked script chk_uplink with weights due to SYNC group\")",
                "sync-groups.conf:51 not mapped: user root of notify (not yet: floatip runs every script as "
                        + "global.script_user)",
                "sync-groups.conf:24 not mapped: track_interface (floatip has no group tracking; track it in each "
                        + "member instance)",
                "sync-groups.conf:29 not mapped: vrrp_sync_group LONELY (fewer than 2 instances floatip can keep in "
                        + "step)"), Imports.leftOut(result));
        // The group's own warning sits in the group's entry.
        assertTrue(result.yaml().contains("""
                  EDGE:
                    # floatip import: not mapped: track_interface (floatip has no group tracking; track it in each \
                member instance) (src/test/resources/keepalived/sync-groups.conf:24)
                    instances:
                """), result::yaml);
    }
}
