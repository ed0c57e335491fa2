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
import io.floatip.config.TrackedFile;
import io.floatip.config.TrackedInterface;
import io.floatip.config.TrackedScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus (see {@link KeepalivedCorpusTest}) read back through floatip's loader: what keepalived's
 * vrrp_complete_instance and parsers do to each setting is what the floatip config does.
 */
class KeepalivedRulesImportTest {

    private static ImportResult corpus(String name) throws ImportException {
        return KeepalivedImporter.importFile(KeepalivedCorpusTest.DIR.resolve(name), Imports.HOST);
    }

    private static Config config(String name) throws Exception {
        return load(corpus(name));
    }

    @Test
    void strictModeDropsAuthenticationAndPreemptDelayAndMakesStateFollowTheOwner() throws Exception {
        Config config = config("strict-auth.conf");
        InstanceConfig first = config.instances().get("VI_1");
        assertNull(first.authPassword());
        // state MASTER at priority 100 starts as BACKUP in strict mode, so nopreempt stays.
        assertFalse(first.preempt());
        assertEquals(0, config.instances().get("VI_2").preemptDelayMillis());
        InstanceConfig own = config.instances().get("VI_3");
        assertEquals("secret", own.authPassword());
        assertEquals(30_000, own.preemptDelayMillis());
    }

    @Test
    void acceptAndNoAcceptMapAndStrictModeImpliesNoAcceptExceptForTheOwner() throws Exception {
        Config config = config("accept.conf");
        java.util.Map<String, Boolean> accept = new java.util.LinkedHashMap<>();
        config.instances().forEach((name, ic) -> accept.put(name, ic.accept()));
        assertEquals(java.util.Map.of("NO_ACCEPT", false, "ACCEPT", true, "LAST_WINS", false,
                "STRICT_DEFAULT", false, "STRICT_ACCEPT", true, "STRICT_V2_ACCEPT", false, "STRICT_OWNER", true),
                accept);
        assertEquals(List.of(), config.instances().get("STRICT_OWNER").refusedWhileMaster());
        assertFalse(Imports.leftOut(corpus("accept.conf")).stream()
                .anyMatch(w -> w.contains("not mapped: accept") || w.contains("not mapped: no_accept")));
        // vrrp_strict in global_defs does the same to every instance without accept.
        Config strict = config("strict-auth.conf");
        assertFalse(strict.instances().get("VI_1").accept());
        assertTrue(strict.instances().get("VI_3").refusedWhileMaster().isEmpty(), "the owner accepts");
    }

    @Test
    void theDefaultMulticastGroupIsNotAWarning() throws Exception {
        assertTrue(Imports.warnings(corpus("strict-auth.conf")).stream().noneMatch(w -> w.contains("mcast")));
        assertTrue(Imports.warnings(corpus("ipv6.conf")).stream().noneMatch(w -> w.contains("mcast")));
    }

    @Test
    void stateMasterAndTheOwnerKeepPreempting() throws Exception {
        Config config = config("master-nopreempt.conf");
        InstanceConfig octavia = config.instances().get("octavia_master");
        assertTrue(octavia.preempt());
        assertEquals(100, octavia.priority());
        assertEquals(0, config.instances().get("delayed_master").preemptDelayMillis());
        assertTrue(config.instances().get("owner").preempt());
        assertEquals(0, config.instances().get("owner_without_state").preemptDelayMillis());
        InstanceConfig backup = config.instances().get("backup_nopreempt");
        assertFalse(backup.preempt());
        assertEquals(0, backup.preemptDelayMillis());
        assertEquals(List.of(
                "master-nopreempt.conf:14 not mapped: nopreempt (keepalived clears nopreempt with initial state MASTER "
                        + "and still preempts; so does floatip)",
                "master-nopreempt.conf:26 not mapped: preempt_delay 10 (keepalived drops the delay with initial state "
                        + "MASTER)",
                "master-nopreempt.conf:37 not mapped: nopreempt (keepalived clears nopreempt with priority 255, the "
                        + "address owner, and still preempts; so does floatip)",
                "master-nopreempt.conf:47 not mapped: preempt_delay 5 (keepalived drops the delay with initial state "
                        + "MASTER)",
                "master-nopreempt.conf:59 not mapped: preempt_delay 60 (keepalived drops the delay with nopreempt, "
                        + "which never preempts)"), Imports.leftOut(corpus("master-nopreempt.conf")));
    }

    @Test
    void syncGroupMembersKeepWeightedInterfacesAndDefaultFilesAtWeightZero() throws Exception {
        Config config = config("sync-group-tracking.conf");
        InstanceConfig out = config.instances().get("VI_OUT");
        assertEquals(List.of(new TrackedInterface("eth2", 0), new TrackedInterface("eth3", 0)),
                out.trackInterfaces());
        assertEquals(List.of(new TrackedScript("chk_db", 0)), out.trackScripts());
        assertEquals(List.of(new TrackedFile(Path.of("/run/keepalived/maintenance"), 0)), out.trackFiles());
        InstanceConfig weighted = config.instances().get("VI_A");
        assertEquals(List.of(new TrackedInterface("eth2", -30)), weighted.trackInterfaces());
        assertEquals(List.of(new TrackedScript("chk_web", -20)), weighted.trackScripts());
        InstanceConfig owner = config.instances().get("VI_OWNER");
        assertEquals(List.of(new TrackedInterface("eth3", 0)), owner.trackInterfaces());
        assertEquals(List.of(new TrackedFile(Path.of("/run/keepalived/maintenance"), 0)), owner.trackFiles());
    }

    @Test
    void theGlobalGarpRefreshIsEachInstancesDefault() throws Exception {
        Config config = config("garp-refresh.conf");
        assertEquals(new GarpConfig(10_000, 5, 60_000), config.instances().get("API").garp());
        assertEquals(new GarpConfig(10_000, 5, 0), config.instances().get("INGRESS").garp());
        assertEquals(new GarpConfig(10_000, 5, 30_000), config.instances().get("DNS").garp());
        assertTrue(Imports.warnings(corpus("garp-refresh.conf")).stream()
                .noneMatch(w -> w.contains("vrrp_garp_master_refresh ")));
    }

    @Test
    void ipv6InstancesComeOverAsVrrpv3() throws Exception {
        Config config = config("ipv6.conf");
        InstanceConfig v6 = config.instances().get("V6_API");
        assertEquals(3, v6.version());
        assertEquals(50, v6.advertIntervalCentis());
        assertEquals(List.of(vip("fe80::81", 64), vip("2001:db8:81::10", 64)), v6.virtualIps());
        InstanceConfig v4 = config.instances().get("V4_API");
        assertEquals(2, v4.version());
        assertEquals(81, v4.vrid());
        assertEquals(List.of(vip("198.51.100.82", 24)), v4.virtualIps());
        assertEquals(3, config.instances().get("V6_OLD").version());
        assertFalse(config.instances().containsKey("V6_UNICAST"));
    }

    @Test
    void aByteOrderMarkIsSkippedWithANote() throws Exception {
        ImportResult result = corpus("bom.conf");
        assertFalse(result.leftOut());
        assertEquals(List.of("bom.conf:1 note: the file starts with a UTF-8 byte-order mark, skipped; keepalived "
                + "does not skip it and reads the first keyword as an unknown one, so remove it"),
                Imports.warnings(result));
        assertEquals(91, load(result).instances().get("VI_BOM").vrid());
    }

    @Test
    void aSyncGroupWithoutGroupIsExplainedAsSuch() throws Exception {
        ImportResult result = corpus("sync-group-without-group.conf");
        assertEquals(List.of(), List.copyOf(load(result).syncGroups().keySet()));
        assertEquals(List.of(
                "sync-group-without-group.conf:7 not mapped: VI_1 (an instance name outside group { }: keepalived "
                        + "reads it as an unknown keyword; write group { VI_1 ... })",
                "sync-group-without-group.conf:8 not mapped: VI_2 (an instance name outside group { }: keepalived "
                        + "reads it as an unknown keyword; write group { VI_2 ... })",
                "sync-group-without-group.conf:6 not mapped: vrrp_sync_group VG_1 (no group { } block: keepalived "
                        + "removes a sync group without members (vrrp_sync_group_end_handler))"),
                Imports.warnings(result));
        assertTrue(Imports.warnings(result).stream().noneMatch(w -> w.contains("lowercase")));
    }

    /**
     * One keepalived.conf for two nodes (lib/parser.c read_line): each id gets its own lines and the YAML says
     * which id it was made for; without --config-id, keepalived's default, the host name up to its first dot.
     */
    @Test
    void configIdLinesFollowTheChosenId() throws Exception {
        Path file = KeepalivedCorpusTest.DIR.resolve("config-id.conf");
        ImportResult lowResult = KeepalivedImporter.importFile(file, ConfigId.chosen("low"));
        InstanceConfig low = load(lowResult).instances().get("VI_1");
        assertEquals(100, low.priority());
        assertFalse(low.preempt());
        assertEquals(List.of(
                "config-id.conf:10 note: config id low (--config-id): 2 line(s) starting with @ read for it, 1 skipped; "
                        + "import once per node, with --config-id ID for each (one floatip config per node)",
                "config-id.conf:11 note: @high   priority 150: skipped: keepalived reads it only with config id high, "
                        + "and this import is for low"), Imports.warnings(lowResult));
        ImportResult highResult = KeepalivedImporter.importFile(file, ConfigId.chosen("high"));
        InstanceConfig high = load(highResult).instances().get("VI_1");
        assertEquals(150, high.priority());
        assertTrue(high.preempt());
        assertEquals(List.of(), highResult.warnings().stream().filter(Warning::leftOut).toList());
        assertTrue(Imports.warnings(highResult).contains("config-id.conf:12 note: @^high  nopreempt: skipped: "
                + "keepalived reads it with every config id but high, and this import is for high"),
                Imports.warnings(highResult)::toString);

        ImportResult byHost = corpus("config-id.conf");
        assertEquals(List.of(), Imports.leftOut(byHost), "lines for other nodes are skipped, not lost");
        assertTrue(Imports.warnings(byHost).get(0).startsWith("config-id.conf:10 note: config id lb9, this host's name "
                + "up to its first dot (keepalived's default without -i): 1 line(s) starting with @ read for it, 2 "
                + "skipped; import once per node, with --config-id ID for each"), Imports.warnings(byHost)::toString);
        assertEquals(100, load(byHost).instances().get("VI_1").priority(), "neither @low nor @high: the default");
        assertFalse(load(byHost).instances().get("VI_1").preempt(), "@^high is for lb9");
    }

    @Test
    void keepalivedsDefaultIdIsTheHostNameUpToItsFirstDot() {
        assertEquals(new ConfigId("lb1", false), ConfigId.ofHost("lb1.dc1.example.com"));
        assertEquals(new ConfigId("lb1", false), ConfigId.ofHost("lb1"));
        assertTrue(ConfigId.chosen("high").chosen());
        assertFalse(ConfigId.local().id().contains("."));
    }

    @Test
    void authenticationWarningsShowTheValue() throws Exception {
        ImportResult result = corpus("auth-values.conf");
        Config config = load(result);
        assertNull(config.instances().get("LOWER").authPassword());
        assertEquals("abcdefgh", config.instances().get("LONG").authPassword());
        List<String> warnings = Imports.warnings(result);
        assertTrue(warnings.get(0).contains("auth_type pass is neither PASS nor AH"), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("character 3 of 5 is U+0009")), warnings::toString);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("s3cr3t")), "passwords are never shown");
    }

    @Test
    void shellSyntaxIsNamedAndTheFileOpenTestGoesThroughTheShell() throws Exception {
        ImportResult result = corpus("shell-scripts.conf");
        Config config = load(result);
        assertEquals(Command.of("/bin/sh", "-c", "</dev/tcp/127.0.0.1/6443"),
                config.scripts().get("chk_apiserver").command());
        assertEquals(Command.of("/usr/bin/test", "-e", "/run/haproxy.pid", "|", "/usr/bin/logger"),
                config.scripts().get("chk_pipe").command());
        List<String> notes = Imports.warnings(result);
        assertTrue(notes.stream().anyMatch(w -> w.startsWith("shell-scripts.conf:13 note: script: keepalived runs a "
                + "command that starts with '</' through /bin/sh") && w.contains("check_tcp HOST PORT")),
                notes::toString);
        for (String[] expected : new String[][] {{"18", "|"}, {"23", "&&"}, {"27", "$(cat"}, {"48", ">"}}) {
            assertTrue(notes.stream().anyMatch(w -> w.startsWith("shell-scripts.conf:" + expected[0] + " note: ")
                    && w.contains("without a shell, so '" + expected[1] + "' reaches it as an argument")
                    && w.contains("[/bin/bash, -c, \"...\"]")), expected[0] + " in " + notes);
        }
        assertFalse(result.leftOut());
    }

    @Test
    void aStrayBraceInTheEmailBlockSpoilsNothingElse() throws Exception {
        ImportResult result = corpus("email-stray-brace.conf");
        Config config = load(result);
        assertEquals("mail1", config.global().routerId());
        assertEquals(141, config.instances().get("VI_1").vrid());
        assertEquals(3, result.leftOutCount());
    }

    @Test
    void everyKeywordFloatipCannotMapHasOneLine() throws Exception {
        ImportResult result = corpus("unmappable.conf");
        List<String> leftOut = Imports.leftOut(result);
        for (String keyword : List.of("max_auto_priority",
                "default_interface", "dynamic_interfaces",
                "vmac_xmit_base", "garp_master_refresh_repeat", "label eth0:vip", "scope link")) {
            assertEquals(1, leftOut.stream().filter(w -> w.contains(" not mapped: " + keyword + " ")).count(),
                    () -> keyword + " in " + leftOut);
        }
        assertEquals(7, leftOut.size(), leftOut::toString);
        assertTrue(load(result).instances().get("VI_1").useVmac(), "use_vmac vrrp.161 maps to use_vmac: true");
        // vrrp_skip_check_adv_addr is every instance's skip_check_adv_addr (vrrp_data.c alloc_vrrp).
        assertTrue(load(result).instances().get("VI_1").skipCheckAdvAddr());
        assertTrue(leftOut.stream().noneMatch(w -> w.contains("accept")), leftOut::toString);
        assertTrue(leftOut.stream().filter(w -> !w.contains("label")
                && !w.contains("scope link") && !w.contains("max_auto_priority") && !w.contains("default_interface")
                && !w.contains("dynamic_interfaces") && !w.contains("vmac_xmit_base")).allMatch(w -> w.contains("not yet: ")
                        || w.contains("garp.repeat")), leftOut::toString);
        assertEquals(List.of(vip("198.51.100.161", 24), vip("198.51.100.162", 24)),
                load(result).instances().get("VI_1").virtualIps());
    }

    @Test
    void dontTrackPrimaryAndTheGarpIntervalsAreMapped() throws Exception {
        Config tracked = load(corpus("dont-track-primary.conf"));
        assertTrue(tracked.instances().get("EXTERNAL").dontTrackPrimary());
        assertFalse(tracked.instances().get("INTERNAL").dontTrackPrimary());
        Config garp = load(corpus("garp-interval.conf"));
        assertEquals(2, garp.instances().get("V4").garp().intervalMillis(), "0.0015 s rounded up to a whole ms");
        assertEquals(10, garp.instances().get("V6").garp().intervalMillis(), "the NA interval for IPv6");
    }

    @Test
    void trackedProcessesMapToProcessesAndTrackProcesses() throws Exception {
        Config config = load(corpus("track-process.conf"));
        assertEquals(List.of("haproxy", "api", "exact"), List.copyOf(config.processes().keySet()));
        assertEquals("haproxy", config.processes().get("haproxy").processName());
        assertEquals(2, config.processes().get("haproxy").quorum());
        assertEquals(1_500, config.processes().get("haproxy").delayMillis());
        assertEquals(-30, config.processes().get("haproxy").weight());
        assertEquals(List.of("/usr/bin/python3", "/opt/api/server.py"), config.processes().get("api").command());
        assertEquals(List.of("haproxy", "api", "exact"), config.instances().get("VI_1").trackProcesses().stream()
                .map(io.floatip.config.TrackedProcess::name).toList());
        assertEquals(-50, config.instances().get("VI_1").trackProcesses().get(1).weight());
    }

    @Test
    void outOfScopeIsSaidSo() throws Exception {
        List<String> leftOut = Imports.leftOut(corpus("out-of-scope.conf"));
        assertEquals(16, leftOut.size(), leftOut::toString);
        assertTrue(leftOut.stream().allMatch(w -> w.contains("(out of scope: ")), leftOut::toString);
        for (String what : List.of("LVS load balancing", "email alerts", "SNMP", "network configuration")) {
            assertTrue(leftOut.stream().anyMatch(w -> w.contains("(out of scope: " + what)), what);
        }
    }
}
