package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripts, tracking, notify and sync groups as read, with their defaults (no host checks). */
class TrackingValidTest {

    private static final String FULL = """
            global:
              router_id: lb1
              script_user: floatip_script
              allow_root_scripts: true
              notify_fifo: /run/floatip/notify.fifo
            scripts:
              chk_haproxy:
                command: /usr/share/floatip/check-scripts/check_haproxy
                interval: 2s
                timeout: 3s
                rise: 2
                fall: 3
                weight: -60
                init_fail: true
              chk_dns:
                command: ["/usr/local/bin/check dns", --name, "a b"]
                interval: 500ms
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                virtual_ips: [198.51.100.50/24]
                track_scripts: [chk_haproxy, {name: chk_dns, weight: 10}]
                track_interfaces: [eth1, {name: eth2, weight: -50}]
                track_files: [/etc/floatip/maint, {path: /run/floatip/drain, weight: 0}]
                notify:
                  master: "/etc/floatip/notify.sh master"
                  backup: /etc/floatip/notify.sh backup
                  fault: [/etc/floatip/notify.sh, fault]
                  stop: /etc/floatip/notify.sh 'stop now'
                  any: /etc/floatip/notify-all.sh
              VI_2:
                interface: eth1
                vrid: 52
                virtual_ips: [203.0.113.50/24]
            sync_groups:
              EDGE:
                instances: [VI_2, VI_1]
                notify: {master: /etc/floatip/edge.sh master}
            """;

    @Test
    void everyNewKeyIsRead() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks(FULL, "x.yaml");

        assertEquals(new GlobalConfig("lb1", "info", "floatip_script", true, Path.of("/run/floatip/notify.fifo")),
                config.global());
        assertEquals(List.of("chk_haproxy", "chk_dns"), List.copyOf(config.scripts().keySet()));
        assertEquals(new ScriptConfig("chk_haproxy", Command.of("/usr/share/floatip/check-scripts/check_haproxy"),
                2_000, 3_000, 2, 3, -60, true), config.scripts().get("chk_haproxy"));
        // The timeout defaults to the interval; the rest to keepalived's defaults.
        assertEquals(new ScriptConfig("chk_dns", Command.of("/usr/local/bin/check dns", "--name", "a b"),
                500, 500, 1, 1, 0, false), config.scripts().get("chk_dns"));

        InstanceConfig vi1 = config.instances().get("VI_1");
        assertEquals(List.of(new TrackedScript("chk_haproxy", -60), new TrackedScript("chk_dns", 10)),
                vi1.trackScripts());
        assertEquals(List.of(TrackedInterface.of("eth1"), new TrackedInterface("eth2", -50)), vi1.trackInterfaces());
        assertEquals(List.of(new TrackedFile(Path.of("/etc/floatip/maint"), 1),
                new TrackedFile(Path.of("/run/floatip/drain"), 0)), vi1.trackFiles());
        assertEquals(new NotifyConfig(Command.of("/etc/floatip/notify.sh", "master"),
                Command.of("/etc/floatip/notify.sh", "backup"), Command.of("/etc/floatip/notify.sh", "fault"),
                Command.of("/etc/floatip/notify.sh", "stop now"), Command.of("/etc/floatip/notify-all.sh")),
                vi1.notifications());

        InstanceConfig vi2 = config.instances().get("VI_2");
        assertEquals(List.of(), vi2.trackScripts());
        assertEquals(List.of(), vi2.trackInterfaces());
        assertEquals(List.of(), vi2.trackFiles());
        assertEquals(NotifyConfig.NONE, vi2.notifications());

        assertEquals(List.of(new SyncGroupConfig("EDGE", List.of("VI_2", "VI_1"),
                new NotifyConfig(Command.of("/etc/floatip/edge.sh", "master"), null, null, null, null))),
                List.copyOf(config.syncGroups().values()));
    }

    @Test
    void withoutAnyOfThemNothingIsTrackedAndNoUserIsNeeded() throws Exception {
        Config config = ConfigLoader.parse("instances: {VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.1]}}",
                "x.yaml");
        assertEquals(Map.of(), config.scripts());
        assertEquals(Map.of(), config.syncGroups());
        assertNull(config.global().scriptUser());
        assertNull(config.global().notifyFifo());
        InstanceConfig instance = config.instances().get("VI_1");
        assertTrue(instance.trackScripts().isEmpty() && instance.notifications().isEmpty());
    }

    @Test
    void emptySectionsMeanNone() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks("""
                scripts:
                sync_groups:
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 1
                    virtual_ips: [198.51.100.1]
                    track_scripts: []
                    notify: {}
                """, "x.yaml");
        assertTrue(config.scripts().isEmpty() && config.syncGroups().isEmpty());
        assertEquals(NotifyConfig.NONE, config.instances().get("VI_1").notifications());
    }

    @Test
    void trackedScriptWithWeightZeroOverridesTheScripts() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks("""
                scripts: {chk: {command: /bin/true, weight: 20}}
                instances:
                  VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.1], track_scripts: [{name: chk, weight: 0}]}
                """, "x.yaml");
        assertEquals(List.of(new TrackedScript("chk", 0)), config.instances().get("VI_1").trackScripts());
    }
}
