package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.ProcessResult;
import io.floatip.status.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real pair, asked through its control sockets, `floatip status` and the metrics endpoint. */
class ServiceHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot("needs root (network namespaces)");
    }

    @Test
    void statusAndMetricsShowTheTrueState() throws Exception {
        try (Lab lab = Lab.create("svc", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            String metrics = """
                    global:
                      metrics: {listen: 127.0.0.1:9650}
                    """;
            Path c1 = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", metrics);
            Path c2 = PairConfig.write(dir, n2.name(), 3, 100, 10, true, VIP + "/24", metrics);
            n1.start(AgentCommand.run(c1), line -> System.out.println("[n1] " + line));
            n2.start(AgentCommand.run(c2), line -> System.out.println("[n2] " + line));
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(5), () -> state(c2).equals("BACKUP") && state(c1).equals("MASTER"),
                    "both control sockets to answer");

            AgentStatus s1 = ControlClient.status(AgentCommand.socketFor(c1));
            AgentStatus s2 = ControlClient.status(AgentCommand.socketFor(c2));
            AgentStatus.InstanceStatus i1 = s1.instances().get(0);
            AgentStatus.InstanceStatus i2 = s2.instances().get(0);
            assertEquals(150, i1.effectivePriority());
            assertEquals(n1.ipv4(), i1.masterAddress());
            assertEquals(n1.ipv4(), i2.masterAddress(), "the backup knows who the master is");
            assertEquals(List.of(VIP + "/24"), i1.virtualIps());
            assertTrue(i1.counters().advertsSent() > 0 && i2.counters().advertsReceived() > 0);

            ProcessResult table = n2.exec(Duration.ofSeconds(20), AgentCommand.of("status", "--socket",
                    AgentCommand.socketFor(c2).toString()));
            assertEquals(0, table.exitCode(), table.output());
            assertTrue(table.output().contains("VI_1") && table.output().contains("BACKUP")
                    && table.output().contains(n1.ipv4()), table.output());

            // The endpoint listens on the node's own loopback: ask from inside the namespace.
            ProcessResult scrape = n1.exec("curl", "-s", "-m", "2", "http://127.0.0.1:9650/metrics");
            assertEquals(0, scrape.exitCode(), scrape.output());
            Map<String, Exposition.Family> families = Exposition.parse(scrape.output());
            assertEquals(1.0, Exposition.value(families, "floatip_instance_state", "vrrp_instance", "VI_1",
                    "interface", "eth0", "vrid", "51", "state", "MASTER"));
            assertEquals(0.0, Exposition.value(families, "floatip_instance_state", "vrrp_instance", "VI_1",
                    "interface", "eth0", "vrid", "51", "state", "BACKUP"));
            assertEquals(150.0, Exposition.value(families, "floatip_instance_effective_priority", "vrrp_instance", "VI_1"));
            assertEquals(1.0, Exposition.value(families, "floatip_vip_held", "vrrp_instance", "VI_1",
                    "interface", "eth0", "vrid", "51", "vip", VIP + "/24", "vip_interface", "eth0"), "the master holds the VIP");
            ProcessResult scrape2 = n2.exec("curl", "-s", "-m", "2", "http://127.0.0.1:9650/metrics");
            assertEquals(0, scrape2.exitCode(), scrape2.output());
            assertEquals(0.0, Exposition.value(Exposition.parse(scrape2.output()), "floatip_vip_held", "vrrp_instance",
                    "VI_1", "interface", "eth0", "vrid", "51", "vip", VIP + "/24", "vip_interface", "eth0"), "the backup does not");
        }
    }

    private static String state(Path config) {
        try {
            return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).state();
        } catch (ControlException e) {
            return "unreachable";
        }
    }
}
