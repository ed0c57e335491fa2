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
import io.floatip.lab.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source address of multicast adverts: keepalived's mcast_src_ip, floatip's multicast_source. Each node
 * sends from a secondary address of its eth0, not its primary one, and each accepts the other's adverts: real
 * keepalived (Debian's package) against floatip, in both roles.
 */
class MulticastSourceTest {
    static final String VIP = "198.51.100.50";
    static final String KEEPALIVED_SOURCE = "198.51.100.201";
    static final String FLOATIP_SOURCE = "198.51.100.202";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
        io.floatip.lab.HostTests.requireTool("tcpdump", "tcpdump");
        io.floatip.lab.HostTests.requireTool("keepalived", "keepalived");
    }

    @Test
    void floatipBackupAcceptsAKeepalivedMasterWithMcastSrcIp() throws Exception {
        try (Lab lab = Lab.create("msrc", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            n1.ip("addr", "add", KEEPALIVED_SOURCE + "/24", "dev", "eth0").orThrow();
            KeepalivedConfig ka = KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(150).version(3)
                    .advertInt(0.1).virtualIp(VIP + "/24").state(KeepalivedConfig.State.MASTER)
                    .mcastSrcIp(KEEPALIVED_SOURCE);
            try (Keepalived k = Keepalived.start(n1, ka, dir.resolve("ka"))) {
                Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(VIP), "keepalived on n1 to hold the VIP");
                List<String> log = new CopyOnWriteArrayList<>();
                Path config = floatip(n2, 100, log);
                Lab.await(Duration.ofSeconds(15), () -> log.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                        "floatip to start as BACKUP");
                Lab.await(Duration.ofSeconds(2), () -> KEEPALIVED_SOURCE.equals(masterAddress(config)),
                        "floatip to know keepalived as master by its mcast_src_ip: " + masterAddress(config));
                long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                while (System.nanoTime() < until) {
                    assertFalse(n2.hasAddress(VIP), "floatip stays BACKUP while keepalived advertises");
                }
                assertFalse(log.stream().anyMatch(l -> l.contains("-> MASTER") || l.contains("dropped advert")),
                        "no takeover, no drop: " + log);
            }
        }
    }

    @Test
    void keepalivedBackupAcceptsAFloatipMasterWithMulticastSource() throws Exception {
        try (Lab lab = Lab.create("msrcf", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            n1.ip("addr", "add", FLOATIP_SOURCE + "/24", "dev", "eth0").orThrow();
            List<String> log = new CopyOnWriteArrayList<>();
            floatip(n1, 150, log);
            Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(VIP), "floatip on n1 to hold the VIP");
            KeepalivedConfig ka = KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(100).version(3)
                    .advertInt(0.1).virtualIp(VIP + "/24").state(KeepalivedConfig.State.BACKUP);
            try (Keepalived k = Keepalived.start(n2, ka, dir.resolve("ka"))) {
                // What keepalived receives: floatip's adverts, from the configured source.
                ProcessResult wire = n2.exec(Duration.ofSeconds(10), List.of("timeout", "5", "tcpdump", "-n", "-l",
                        "-i", "eth0", "-c", "5", "ip", "proto", "112"));
                assertTrue(wire.output().contains(FLOATIP_SOURCE + " > 224.0.0.18: VRRPv3"),
                        "adverts from multicast_source: " + wire.output());
                assertFalse(wire.output().contains(n1.ipv4() + " > 224.0.0.18"), "none from the primary address");
                long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                while (System.nanoTime() < until) {
                    assertFalse(n2.hasAddress(VIP), "keepalived stays BACKUP while floatip advertises");
                }
                assertEquals("BACKUP", k.state(), "keepalived accepted floatip's adverts");
            }
        }
    }

    private static String masterAddress(Path config) {
        try {
            return ControlClient.status(AgentCommand.socketFor(config)).instances().get(0).masterAddress();
        } catch (Exception e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private Path floatip(Node node, int priority, List<String> log) {
        String source = node.index() == 1 ? FLOATIP_SOURCE : null;
        Path config = PairConfig.write(dir, node.name(), 3, priority, 10, true, VIP + "/24",
                source == null ? "" : "    multicast_source: " + source + "\n");
        node.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[floatip " + node.name() + "] " + line);
        });
        return config;
    }
}
