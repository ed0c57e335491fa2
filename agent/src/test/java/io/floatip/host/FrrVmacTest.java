package io.floatip.host;

import static io.floatip.host.HostTests.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Frr;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FRR vrrpd 8.4 beside floatip with use_vmac: both answer for the VIP from 00:00:5e:00:01:33, so the client's
 * neighbour entry never changes, whichever holds it. FrrInteropTest's black hole (FRR back as Master after a
 * link cut sends no gratuitous ARP, and the client keeps floatip's MAC for seconds) cannot happen: the MAC is
 * the same, and FRR's next advert moves the switch's entry for it.
 */
class FrrVmacTest {
    static final String VIP = HostTests.PAIR_VIP;
    static final int VRID = 51;
    static final String VMAC = "00:00:5e:00:01:33";
    /** FRR's first advert after its link returns, plus the client's ping timeout and a loaded machine's slack. */
    static final long REACHED_WITHIN_MS = 1000;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
        Frr.requireInstalled();
    }

    @Test
    void frrMasterComesBackWithoutABlackHole() throws Exception {
        try (Lab lab = Lab.create("frv", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            try (Frr frr = Frr.startMaster(n1, VRID, 150, 100, VIP, "24", dir, System.out::println)) {
                startFloatip(n2, 100);
                Lab.await(Duration.ofSeconds(15), () -> VmacHostTest.linkExists(n2, "vrrp.51"), "floatip's macvlan");
                Thread.sleep(1000); // floatip hears FRR and stays backup
                assertTrue(!VmacHostTest.hasAddress(n2, "vrrp.51", VIP), "floatip is backup");
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on FRR");
                assertEquals(VMAC, client.neighbourMac(VIP));

                n1.linkDown();
                Lab.await(Duration.ofSeconds(5), () -> VmacHostTest.hasAddress(n2, "vrrp.51", VIP),
                        "floatip on n2 to take the VIP");
                Lab.await(Duration.ofSeconds(2), () -> client.ping(VIP, Duration.ofMillis(200)), "ping to floatip");
                assertEquals(VMAC, client.neighbourMac(VIP), "one MAC: nothing for the client to relearn");
                assertTrue(frr.state().equals("Master"), "FRR 8.4 stays Master with its link down");

                long restored = System.nanoTime();
                n1.linkUp();
                Lab.await(Duration.ofSeconds(5), () -> !VmacHostTest.hasAddress(n2, "vrrp.51", VIP),
                        "floatip to yield to FRR's adverts");
                int lost = 0;
                while (!client.ping(VIP, Duration.ofMillis(200)) && ms(System.nanoTime() - restored) < 10_000) {
                    lost++;
                }
                long reached = ms(System.nanoTime() - restored);
                System.out.printf("[timing] FRR link restored -> client reaches the VIP on FRR: %d ms (%d pings "
                        + "lost; without use_vmac FrrInteropTest measures seconds)%n", reached, lost);
                assertTrue(reached <= REACHED_WITHIN_MS, "no black hole: reached after " + reached + " ms");
                assertEquals(VMAC, client.neighbourMac(VIP), "the client's entry never changed");
            }
        }
    }

    @Test
    void floatipMasterFrrBackupOneMacBothWays() throws Exception {
        try (Lab lab = Lab.create("fvm", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            Process floatip = startFloatip(n1, 150);
            Lab.await(Duration.ofSeconds(20), () -> VmacHostTest.hasAddress(n1, "vrrp.51", VIP), "floatip master");
            try (Frr frr = Frr.start(n2, VRID, 100, 100, VIP, "24", dir, System.out::println)) {
                Thread.sleep(1000);
                assertEquals("Backup", frr.state(), "FRR stays Backup while floatip advertises from the VMAC");
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on floatip");
                assertEquals(VMAC, client.neighbourMac(VIP));

                n1.signal(floatip, "TERM");
                Lab.await(Duration.ofSeconds(5), frr::holdsVip, "FRR on n2 to become Master");
                Lab.await(Duration.ofSeconds(2), () -> client.ping(VIP, Duration.ofMillis(200)), "ping to FRR");
                assertEquals(VMAC, client.neighbourMac(VIP), "the same MAC on FRR");

                startFloatip(n1, 150);
                Lab.await(Duration.ofSeconds(20), () -> VmacHostTest.hasAddress(n1, "vrrp.51", VIP)
                        && !frr.holdsVip(), "floatip to preempt and FRR to step down");
                Lab.await(Duration.ofSeconds(2), () -> client.ping(VIP, Duration.ofMillis(200)), "ping to floatip");
                assertEquals(VMAC, client.neighbourMac(VIP), "the same MAC on floatip again");
            }
        }
    }

    /** floatip with the lab pair's instance (FRR's: VRRPv3, VRID 51, 100 ms, the VIP) and use_vmac. */
    private Process startFloatip(Node node, int priority) {
        return HostTests.startAgent(dir, node, priority, "    use_vmac: true\n", new CopyOnWriteArrayList<>())
                .process();
    }
}
