package io.floatip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check-config's summary says what the loader made of the file: the effective tracking, notify and groups. */
class ConfigSummaryTest {

    private static Config parse(String yaml) throws Exception {
        return ConfigLoader.parseWithoutHostChecks(yaml, "t.yaml");
    }

    @Test
    void everyInstanceWithItsPreemptionTrackingAndNotify() throws Exception {
        Config c = parse("""
                global: {script_user: nobody}
                scripts:
                  chk: {command: /usr/bin/true, interval: 2s, rise: 2, fall: 3, weight: -60}
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: 150
                    preempt_delay: 30s
                    virtual_ips: [198.51.100.50/24]
                    track_scripts: [chk]
                    track_interfaces: [{name: eth1, weight: 200}, eth2]
                    track_files: [{path: /etc/floatip/maint, weight: -1}]
                    notify: {master: /usr/bin/true master, any: /usr/bin/logger}
                  VI_2:
                    interface: eth0
                    vrid: 52
                    priority: 20
                    version: 2
                    preempt: false
                    virtual_ips: [198.51.100.51]
                    track_scripts: [{name: chk, weight: -60}]
                sync_groups:
                  EDGE: {instances: [VI_1, VI_2], notify: {any: /usr/bin/logger edge}}
                """);
        assertEquals(List.of(
                "t.yaml: OK, 2 instance(s)",
                "  VI_1: eth0 vrid 51, VRRPv3, priority 150, advert 1000 ms, VIPs [198.51.100.50/24], multicast",
                "    preempt: on, after preempt_delay 30000 ms from start or leaving FAULT",
                "    track script chk: weight -60: priority 90 while down, else 150",
                "    track interface eth1: weight 200: priority 254 while up, else 150",
                "    track interface eth2: weight 0: FAULT while down",
                "    track file /etc/floatip/maint: weight -1: priority 150 + the file's number x -1, within 1..254",
                "    notify master: /usr/bin/true master",
                "    notify any: /usr/bin/logger + INSTANCE VI_1 STATE PRIORITY",
                "  VI_2: eth0 vrid 52, VRRPv2, priority 20, advert 1000 ms, VIPs [198.51.100.51/32], multicast",
                "    preempt: off (a higher priority backup leaves a lower master be)",
                "    track script chk: weight -60: priority 1 while down, else 20",
                "  sync group EDGE: VI_1, VI_2 change state together",
                "    notify any: /usr/bin/logger edge + GROUP EDGE STATE 0",
                "  script chk: /usr/bin/true, every 2000 ms, timeout 2000 ms, rise 2, fall 3, starts up",
                "  scripts run as nobody by an agent run as root, as the agent's own user otherwise"),
                ConfigSummary.lines(Path.of("t.yaml"), c));
    }

    @Test
    void anOwnerIgnoresWeightsAndPreempt() throws Exception {
        Config c = parse("""
                scripts: {chk: {command: /usr/bin/true, weight: -10}}
                instances:
                  VI_1: {interface: eth0, vrid: 1, priority: 255, preempt: false, virtual_ips: [198.51.100.50],
                         track_scripts: [chk]}
                """);
        List<String> lines = ConfigSummary.lines(Path.of("t.yaml"), c);
        assertEquals("    preempt: owner (priority 255): master at once, whatever preempt says", lines.get(2));
        assertEquals("    track script chk: weight -10 (no effect: an owner's 255 never changes)", lines.get(3));
    }

    @Test
    void acceptFalseSaysWhatIsDroppedWhileMasterAndThatTheOwnerIgnoresIt() throws Exception {
        Config c = parse("""
                instances:
                  VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.50/24], accept: false}
                  VI_2: {interface: eth0, vrid: 2, priority: 255, virtual_ips: [198.51.100.51/24], accept: false}
                  VI_3: {interface: eth0, vrid: 3, virtual_ips: [198.51.100.52/24]}
                """);
        List<String> lines = ConfigSummary.lines(Path.of("t.yaml"), c);
        assertEquals(List.of("    accept: false: packets to [198.51.100.50/24] dropped (nftables table inet floatip) "
                        + "while master",
                "    accept: false: ignored, the address owner (priority 255) accepts what it owns"),
                lines.stream().filter(l -> l.contains("accept")).toList());
    }

    @Test
    void theMulticastSourceAndTheRoutesAndRulesHeldWhileMaster() throws Exception {
        Config c = parse("""
                instances:
                  VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.50], multicast_source: 198.51.100.11,
                         virtual_routes: [{to: 203.0.113.0/24, via: 198.51.100.1, table: 100}],
                         virtual_rules: [{from: 198.51.100.50/32, table: 100}]}
                """);
        List<String> lines = ConfigSummary.lines(Path.of("t.yaml"), c);
        assertEquals(List.of("    multicast source: 198.51.100.11",
                "    route while master: 203.0.113.0/24 via 198.51.100.1 table 100",
                "    rule while master: from 198.51.100.50/32 lookup 100"), lines.subList(3, 6));
    }

    @Test
    void theFifoAndItsReader() throws Exception {
        Config c = parse("""
                global: {notify_fifo: /run/floatip/notify.fifo, notify_fifo_script: [/usr/bin/logger, -t, fifo]}
                instances:
                  VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.50]}
                """);
        List<String> lines = ConfigSummary.lines(Path.of("t.yaml"), c);
        assertTrue(lines.contains("  state changes written to /run/floatip/notify.fifo as INSTANCE \"NAME\" STATE "
                + "PRIORITY"), lines.toString());
        assertTrue(lines.contains("  /run/floatip/notify.fifo read by /usr/bin/logger -t fifo /run/floatip/notify.fifo: "
                + "started with the agent, started again when it exits, stopped after the last line"), lines.toString());
    }
}
