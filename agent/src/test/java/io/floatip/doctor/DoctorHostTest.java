package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `floatip doctor` as a process in a lab node, with the pair's other node advertising from the next one. */
class DoctorHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot("host tests need root (network namespaces, raw frames); run them as root");
    }

    @Test
    void reportsTheInterfaceAndHearsThePeer() {
        try (Lab lab = Lab.create("doctor", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Path peer = PairConfig.write(dir, n2.name(), 3, 100, 10, true, VIP + "/24", "");
            n2.start(AgentCommand.run(peer), line -> System.out.println("[n2] " + line));
            Lab.await(Duration.ofSeconds(15), () -> n2.hasAddress(VIP), "n2 to hold the VIP (it advertises then)");

            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", "");
            ProcessResult result = n1.exec(Duration.ofSeconds(60),
                    AgentCommand.of("doctor", "-c", config.toString(), "--listen", "2"));
            System.out.println(result.output());
            List<String> lines = result.output().lines().toList();
            assertEquals(0, result.exitCode(), result.describe());
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), result.output());
            assertTrue(lines.contains("OK    interface eth0: up, carrier, operstate up, IPv4 " + n1.ipv4()
                    + "/24 (instances VI_1)"), result.output());
            assertTrue(lines.contains("OK    multicast eth0: joined and left 224.0.0.18"), result.output());
            assertTrue(lines.contains("OK    capabilities: CAP_NET_ADMIN and CAP_NET_RAW are effective"), result.output());
            // A new namespace starts with ip_nonlocal_bind 0.
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN  net.ipv4.ip_nonlocal_bind: 0: ")), result.output());
            assertTrue(lines.contains("WARN  vrrp eth0: peer " + n2.ipv4() + " advertises VRID 51 priority 100: "
                    + "expected if it is your pair's other node; fix: if it is not, give this pair another vrid "
                    + "(1..255), the same on both nodes"), result.output());
        }
    }

    @Test
    void aMissingInterfaceFailsAndExitsOne() throws Exception {
        try (Lab lab = Lab.create("doctor", 1)) {
            Path config = Files.writeString(dir.resolve("eth9.yaml"), """
                    instances:
                      VI_1: {interface: eth9, vrid: 51, virtual_ips: [198.51.100.50/24]}
                    """);
            ProcessResult result = lab.node(1).exec(Duration.ofSeconds(60),
                    AgentCommand.of("doctor", "-c", config.toString()));
            System.out.println(result.output());
            assertEquals(1, result.exitCode(), result.describe());
            assertTrue(result.output().lines().anyMatch(l -> l.startsWith("FAIL  interface eth9: does not exist "
                    + "(instances VI_1)")), result.output());
        }
    }
}
