package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Command;
import io.floatip.config.Config;
import io.floatip.config.TrackedScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands as keepalived splits them, and the script and global settings around them. */
class ScriptsImportTest {

    @TempDir
    Path dir;

    private ImportResult withScript(String script) throws Exception {
        return Imports.text(dir, """
                vrrp_script chk {
                %s}
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                    track_script { chk }
                }
                """.formatted(script.indent(4)));
    }

    @Test
    void quotedWordsInsideTheCommandBecomeAList() throws Exception {
        // keepalived decodes escapes twice, reading the line and splitting the command: \\\\ ends as one \.
        ImportResult result = withScript("script \"/x/check.sh 'a b' \\\"c d\\\" e\\\\\\\\f\"\n");
        assertEquals(Command.of("/x/check.sh", "a b", "c d", "e\\f"), load(result).scripts().get("chk").command());
        assertTrue(result.yaml().contains("""
                    command:
                      - /x/check.sh
                      - a b
                      - c d
                      - "e\\\\f"
                """), result::yaml);
    }

    @Test
    void shellSyntaxReachesTheProgramAsWords() throws Exception {
        // keepalived runs no shell either: these are arguments of sh -c.
        ImportResult result = withScript("script \"/bin/sh -c 'pidof haproxy || exit 1'\"\n");
        assertEquals(Command.of("/bin/sh", "-c", "pidof haproxy || exit 1"),
                load(result).scripts().get("chk").command());
    }

    @Test
    void aBareNameStaysForFloatipsPath() throws Exception {
        assertEquals(Command.of("killall", "-0", "haproxy"),
                load(withScript("script \"killall -0 haproxy\"\n")).scripts().get("chk").command());
    }

    @Test
    void wordsAfterAnUnquotedScriptAreLeftOut() throws Exception {
        ImportResult result = withScript("script /x/check.sh --quick\n");
        assertEquals(Command.of("/x/check.sh"), load(result).scripts().get("chk").command());
        assertEquals(List.of("keepalived.conf:2 not mapped: script /x/check.sh --quick (keepalived runs only the first "
                + "word, quote the whole command)"), Imports.leftOut(result));
    }

    @Test
    void whatAScriptCannotKeep() throws Exception {
        ImportResult result = withScript("script /x/check.sh\ninterval 1.5\ntimeout 0\nrise 0\nuser nobody\n"
                + "weight -300\n");
        Config config = load(result);
        assertEquals(List.of(), List.copyOf(config.scripts().keySet()));
        assertEquals(List.of(), config.instances().get("VI_1").trackScripts());
        assertEquals(List.of(
                "keepalived.conf:3 not mapped: interval 1.5 (keepalived takes whole seconds from 1 here, and ignores "
                        + "it too)",
                "keepalived.conf:4 not mapped: timeout 0 (keepalived takes whole seconds from 1 here, and ignores it "
                        + "too)",
                "keepalived.conf:5 not mapped: rise 0 (floatip counts 1 to 255)",
                "keepalived.conf:7 not mapped: weight -300 (floatip weights are -253 to 253)",
                "keepalived.conf:1 not mapped: vrrp_script chk (its weight cannot be carried over, and any other "
                        + "weight would change what a failure does)",
                "keepalived.conf:13 not mapped: chk (no vrrp_script of that name was mapped)"),
                Imports.leftOut(result));
    }

    @Test
    void relativeProgramsAndMissingScripts() throws Exception {
        ImportResult relative = withScript("script \"./check.sh\"\n");
        assertEquals(List.of(), List.copyOf(load(relative).scripts().keySet()));
        assertEquals("keepalived.conf:2 not mapped: script ./check.sh (floatip needs the program as a full path or a "
                + "name found in PATH)", Imports.leftOut(relative).get(0));
        ImportResult none = withScript("interval 2\n");
        assertEquals("keepalived.conf:1 not mapped: vrrp_script chk (no script line; keepalived drops it too)",
                Imports.leftOut(none).get(0));
    }

    @Test
    void aGroupWithSyncGroupTrackingWeightKeepsWeights() throws Exception {
        ImportResult result = Imports.text(dir, """
                vrrp_script chk {
                    script /x/check.sh
                    weight -20
                }
                vrrp_sync_group G {
                    group { A B }
                    sync_group_tracking_weight
                }
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress { 198.51.100.50 }
                    track_script { chk }
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 2
                    virtual_ipaddress { 198.51.100.51 }
                }
                """);
        assertEquals(List.of(new TrackedScript("chk", -20)), load(result).instances().get("A").trackScripts());
        assertEquals(List.of(), Imports.leftOut(result));
    }

    @Test
    void globalSettingsThatCannotComeOver() throws Exception {
        ImportResult result = Imports.text(dir, """
                global_defs {
                    script_user runner wheel
                    notify_fifo relative.fifo
                    vrrp_notify_fifo /run/a.fifo
                    notify_fifo /run/b.fifo root
                    vrrp_garp_master_repeat 0
                    router_id
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                    notify_master "/x/notify.sh master" root
                }
                """);
        Config config = load(result);
        assertEquals("runner", config.global().scriptUser());
        assertEquals(Path.of("/run/a.fifo"), config.global().notifyFifo());
        assertEquals(Command.of("/x/notify.sh", "master"), config.instances().get("VI_1").notifications().master());
        assertEquals(List.of(
                "keepalived.conf:2 not mapped: group wheel of script_user runner wheel (floatip runs scripts with the "
                        + "user's own groups)",
                "keepalived.conf:3 not mapped: notify_fifo relative.fifo (floatip needs an absolute path)",
                "keepalived.conf:5 not mapped: notify_fifo /run/b.fifo root (floatip writes one notify_fifo, the one "
                        + "at " + dir.resolve("keepalived.conf") + ":4)",
                "keepalived.conf:6 not mapped: vrrp_garp_master_repeat 0 (floatip sends 1 to 255)",
                "keepalived.conf:7 not mapped: router_id (no value)",
                "keepalived.conf:13 not mapped: user root of notify_master (not yet: floatip runs every script as "
                        + "global.script_user)"), Imports.leftOut(result));
    }

    /** keepalived/core/notify.c fifo_open: vrrp_notify_fifo_script reads vrrp_notify_fifo, the FIFO floatip writes. */
    @Test
    void theVrrpFifoAndItsReaderComeOver() throws Exception {
        ImportResult result = Imports.text(dir, """
                global_defs {
                    vrrp_notify_fifo_script "/usr/bin/logger -f"
                    vrrp_notify_fifo /run/vrrp.fifo
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                }
                """);
        Config config = load(result);
        assertEquals(Path.of("/run/vrrp.fifo"), config.global().notifyFifo());
        assertEquals(Command.of("/usr/bin/logger", "-f"), config.global().notifyFifoScript());
        assertEquals(List.of(), Imports.leftOut(result));
        assertTrue(result.yaml().contains("# floatip import: note: no script_user: keepalived runs scripts as "
                + "keepalived_script"), result.yaml());
    }

    @Test
    void aReaderWithoutItsFifoIsNotStartedByKeepalivedEither() throws Exception {
        ImportResult result = Imports.text(dir, """
                global_defs {
                    vrrp_notify_fifo /run/vrrp.fifo
                    notify_fifo_script /usr/bin/cat
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress { 198.51.100.50 }
                }
                """);
        assertEquals(null, load(result).global().notifyFifoScript());
        assertEquals(List.of("keepalived.conf:3 not mapped: notify_fifo_script /usr/bin/cat (keepalived starts it only "
                + "with notify_fifo, which is not set)"), Imports.leftOut(result));
    }
}
