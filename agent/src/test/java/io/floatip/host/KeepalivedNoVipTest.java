package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Keepalived;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.status.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: an instance with no VIP on both sides, keepalived's and floatip's ({@code virtual_ips: []}). Each
 * side's adverts carry an address count of 0, and each takes the other's: the lower priority stays BACKUP
 * while the higher is master, in both roles, and floatip's notify scripts follow. VRRPv2 at 1 s, because the
 * keepalived Debian ships (2.2.7) refuses a VRRPv3 instance without VIPs ("No VIP specified; at least one is
 * required", vrrp.c vrrp_complete_instance) and has no no_virtual_ipaddress yet (2.2.8 added it); it runs a
 * VRRPv2 one with a warning, as later versions do.
 */
class KeepalivedNoVipTest {

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void noVipInstancesOfKeepalivedAndFloatipElectOneMaster() throws Exception {
        try (Lab lab = Lab.create("kanovip", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Path told = dir.resolve("notify-n2.log");
            List<String> log = new CopyOnWriteArrayList<>();
            Path config = floatip(n2, told);
            n2.start(AgentCommand.run(config), line -> {
                log.add(line);
                System.out.println("[n2] " + line);
            });
            Lab.await(Duration.ofSeconds(20), () -> lines(told).equals(List.of("backup", "master")),
                    "floatip alone to become master: " + lines(told));

            // keepalived at priority 50 takes floatip's count-0 adverts: it stays BACKUP.
            try (Keepalived low = Keepalived.start(n1, keepalived(50), dir.resolve("ka-low"))) {
                low.awaitState("BACKUP", Duration.ofSeconds(10));
                Thread.sleep(5_000); // over keepalived's Master_Down_Interval (3.8 s at 1 s adverts, priority 50)
                assertEquals("BACKUP", low.state(), "keepalived stayed BACKUP under floatip's adverts");
                assertFalse(low.logContains("Entering MASTER STATE"), "keepalived never took over: " + low.log());
                assertEquals(List.of("backup", "master"), lines(told), "floatip stayed master");
            }

            // keepalived at priority 150 preempts; floatip takes its count-0 adverts and stays BACKUP.
            try (Keepalived high = Keepalived.start(n1, keepalived(150), dir.resolve("ka-high"))) {
                high.awaitState("MASTER", Duration.ofSeconds(15));
                Lab.await(Duration.ofSeconds(5), () -> lines(told).equals(List.of("backup", "master", "backup")),
                        "floatip told backup: " + lines(told));
                Thread.sleep(5_000); // over floatip's Master_Down_Interval, 3.6 s
                assertEquals(List.of("backup", "master", "backup"), lines(told), "floatip stayed backup");
                AgentStatus.InstanceStatus s = ControlClient.status(AgentCommand.socketFor(config)).instances().get(0);
                assertEquals("BACKUP", s.state());
                assertEquals(0, s.counters().addressMismatches(), "both lists empty: " + s.counters());
                assertTrue(s.counters().advertsReceived() >= 5, "keepalived's adverts taken: " + s.counters());
                high.stop();
            }
            // keepalived resigned with priority 0: floatip takes over at once.
            Lab.await(Duration.ofSeconds(5), () -> lines(told).equals(List.of("backup", "master", "backup", "master")),
                    "floatip told master again: " + lines(told));
        }
    }

    private static KeepalivedConfig keepalived(int priority) {
        return KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(priority).version(2).advertInt(1);
    }

    private Path floatip(Node node, Path told) throws Exception {
        Path notify = dir.resolve("notify-" + node.name() + ".sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$1\" >> " + told + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        return PairConfig.write(dir, node.name(), 2, 100, 100, true, "", """
                    notify:
                      master: %s master
                      backup: %s backup
                global:
                  script_user: root
                """.formatted(notify, notify));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
