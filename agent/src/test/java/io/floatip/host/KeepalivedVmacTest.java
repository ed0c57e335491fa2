package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Keepalived;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived 2.2.7 with use_vmac and floatip with use_vmac as a pair: both put the VIP on a macvlan vrrp.51 with
 * 00:00:5e:00:01:33, so the client's neighbour entry stays that MAC across the role swap and back.
 */
class KeepalivedVmacTest {
    static final String VIP = "198.51.100.50";
    static final String VMAC = "00:00:5e:00:01:33";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void oneMacAcrossARoleSwapWithKeepalived() throws Exception {
        try (Lab lab = Lab.create("kvm", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            KeepalivedConfig c = KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(150).advertInt(0.1)
                    .version(3).useVmac().virtualIp(VIP + "/24");
            Path config = PairConfig.write(dir, n2.name(), 3, 100, 10, true, VIP + "/24", "    use_vmac: true\n");
            n2.start(AgentCommand.run(config), line -> System.out.println("[floatip n2] " + line));
            Lab.await(Duration.ofSeconds(15), () -> VmacHostTest.linkExists(n2, "vrrp.51"), "floatip's macvlan");
            // keepalived 2.2.7 sets arp_ignore and arp_filter on the parent but not arp_announce: its kernel's ARP
            // request for the client then says "tell VIP" from eth0's MAC and the client's entry moves to it
            // (seen here: 02:00:00:00:00:11 after one ping). floatip sets 2 itself; keepalived's node needs it.
            n1.exec("sysctl", "-q", "-w", "net.ipv4.conf.eth0.arp_announce=2").orThrow();
            try (Keepalived ka = Keepalived.start(n1, c, dir.resolve("ka1"), System.out::println)) {
                Lab.await(Duration.ofSeconds(15), () -> VmacHostTest.hasAddress(n1, "vrrp.51", VIP)
                        && !VmacHostTest.hasAddress(n2, "vrrp.51", VIP), "keepalived on n1 to be master alone");
                assertEquals(VMAC, VmacHostTest.linkMac(n1, "vrrp.51"), "keepalived's macvlan has the same MAC");
                Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP, Duration.ofMillis(500)), "ping keepalived");
                assertEquals(VMAC, client.neighbourMac(VIP));

                ka.stop(); // priority 0
                Lab.await(Duration.ofSeconds(5), () -> VmacHostTest.hasAddress(n2, "vrrp.51", VIP),
                        "floatip on n2 to take over");
                Lab.await(Duration.ofSeconds(2), () -> client.ping(VIP, Duration.ofMillis(200)), "ping floatip");
                assertEquals(VMAC, client.neighbourMac(VIP), "the same MAC on floatip");
            }
            try (Keepalived ka = Keepalived.start(n1, c, dir.resolve("ka2"), System.out::println)) {
                Lab.await(Duration.ofSeconds(15), () -> VmacHostTest.hasAddress(n1, "vrrp.51", VIP)
                        && !VmacHostTest.hasAddress(n2, "vrrp.51", VIP), "keepalived to preempt, floatip to yield");
                Lab.await(Duration.ofSeconds(2), () -> client.ping(VIP, Duration.ofMillis(200)), "ping keepalived");
                assertEquals(VMAC, client.neighbourMac(VIP), "the same MAC on keepalived again");
                assertFalse(VmacHostTest.hasAddress(n2, "vrrp.51", VIP), "floatip holds nothing as backup");
                assertTrue(VmacHostTest.linkExists(n2, "vrrp.51"), "floatip's backup keeps its macvlan");
            }
        }
    }
}
