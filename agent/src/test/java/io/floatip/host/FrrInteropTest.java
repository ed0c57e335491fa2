package io.floatip.host;

import static io.floatip.host.HostTests.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Frr;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real FRR vrrpd 8.4 (Debian's frr) as the other node, in both roles, VRRPv3 IPv4 at 100 ms: failover both
 * ways on a priority-0 stop and on a link cut. FRR answers for the VIP from its virtual MAC on a macvlan,
 * floatip from eth0's MAC, so the client's neighbour entry is checked at each step; the black hole FRR leaves
 * when it comes back as master (no gratuitous ARP) is shown and timed. Timings go to the test log.
 */
class FrrInteropTest {
    static final String VIP = HostTests.PAIR_VIP;
    static final int VRID = 51;
    static final int INTERVAL_CS = HostTests.PAIR_INTERVAL_CS;
    static final long MARGIN_MS = 300;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
        Frr.requireInstalled();
    }

    @Test
    void frrMasterFloatipBackup() throws Exception {
        try (Lab lab = Lab.create("frm", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            try (Frr frr = Frr.startMaster(n1, VRID, 150, INTERVAL_CS * 10, VIP, "24", dir, System.out::println)) {
                List<String> log = new CopyOnWriteArrayList<>();
                startFloatip(n2, 100, log);
                Lab.await(Duration.ofSeconds(15), () -> log.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                        "floatip to start as BACKUP");
                long mdi = Timers.masterDownInterval(100, INTERVAL_CS);
                assertSteady(frr::holdsVip, n2, 2 * ms(mdi), "FRR");

                // Priority 0: vrrpd resigns on SIGTERM, floatip takes over after Skew_Time.
                long stop = System.nanoTime();
                frr.stopVrrpd();
                Lab.await(Duration.ofSeconds(5), () -> n2.hasAddress(VIP), "floatip on n2 to take the VIP");
                long takeover = System.nanoTime() - stop;
                long skew = Timers.skewTime(100, INTERVAL_CS);
                System.out.printf("[timing] FRR priority 0 -> floatip holds VIP: %d ms (Skew_Time %d ms)%n",
                        ms(takeover), ms(skew));
                assertTrue(ms(takeover) <= ms(skew) + MARGIN_MS, "takeover " + ms(takeover) + " ms");

                // FRR comes back with the higher priority and preempts; floatip yields on its first advert.
                long restart = System.nanoTime();
                frr.startVrrpd();
                Lab.await(Duration.ofSeconds(5), () -> frr.holdsVip() && !n2.hasAddress(VIP),
                        "FRR to preempt and floatip to yield");
                System.out.printf("[timing] vrrpd restarted -> FRR holds VIP alone: %d ms%n",
                        ms(System.nanoTime() - restart));

                // Link cut: the client first learns FRR's virtual MAC.
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on FRR");
                assertEquals(frr.virtualMac(), client.neighbourMac(VIP), "FRR answers from its virtual MAC");
                long cut = System.nanoTime();
                n1.linkDown();
                Lab.await(Duration.ofSeconds(5), () -> n2.hasAddress(VIP), "floatip on n2 to take the VIP");
                long cutTakeover = System.nanoTime() - cut;
                System.out.printf("[timing] FRR link cut -> floatip holds VIP: %d ms (Master_Down_Interval %d ms)%n",
                        ms(cutTakeover), ms(mdi));
                assertTrue(ms(cutTakeover) <= ms(mdi) + MARGIN_MS, "takeover " + ms(cutTakeover) + " ms");
                Lab.await(Duration.ofSeconds(2), () -> n2.mac().equals(client.neighbourMac(VIP)),
                        "floatip's gratuitous ARP to move the client to n2's MAC");
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on floatip");
                // FRR 8.4 does not watch its own carrier: it stays Master with its link down.
                assertTrue(frr.holdsVip() && frr.state().equals("Master"), "FRR 8.4 stays Master while its link "
                        + "is down (state " + frr.state() + ")");

                long restored = System.nanoTime();
                n1.linkUp();
                Lab.await(Duration.ofSeconds(5), () -> !n2.hasAddress(VIP), "floatip to yield to FRR's adverts");
                System.out.printf("[timing] FRR link restored -> floatip yields: %d ms%n",
                        ms(System.nanoTime() - restored));
                assertBlackHole(client, n2, frr, restored);
                assertNothingDropped(log);
            }
        }
    }

    @Test
    void floatipMasterFrrBackup() throws Exception {
        try (Lab lab = Lab.create("ffm", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            List<String> log = new CopyOnWriteArrayList<>();
            Process floatip = startFloatip(n1, 150, log);
            Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(VIP), "floatip on n1 to hold the VIP");
            try (Frr frr = Frr.start(n2, VRID, 100, INTERVAL_CS * 10, VIP, "24", dir, System.out::println)) {
                long mdi = Timers.masterDownInterval(100, INTERVAL_CS);
                assertSteadyOnN1(n1, frr, 2 * ms(mdi));
                assertEquals("Backup", frr.state(), "FRR stays Backup while floatip advertises");
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on floatip");
                assertEquals(n1.mac(), client.neighbourMac(VIP));

                // Priority 0: floatip resigns on SIGTERM, FRR takes over after its Skew_Time.
                long term = System.nanoTime();
                n1.signal(floatip, "TERM");
                Lab.await(Duration.ofSeconds(5), frr::holdsVip, "FRR on n2 to become Master");
                long takeover = System.nanoTime() - term;
                long skew = Timers.skewTime(100, INTERVAL_CS);
                System.out.printf("[timing] floatip priority 0 -> FRR holds VIP: %d ms (Skew_Time %d ms)%n",
                        ms(takeover), ms(skew));
                assertTrue(ms(takeover) <= ms(skew) + MARGIN_MS, "takeover " + ms(takeover) + " ms");
                assertTrue(floatip.waitFor(3, TimeUnit.SECONDS));
                assertEquals(0, floatip.exitValue());
                assertFalse(n1.hasAddress(VIP));
                Lab.await(Duration.ofSeconds(2), () -> frr.virtualMac().equals(client.neighbourMac(VIP)),
                        "FRR's gratuitous ARP to move the client to the virtual MAC");

                // floatip comes back with the higher priority and preempts after Master_Down_Interval.
                long restart = System.nanoTime();
                floatip = startFloatip(n1, 150, log);
                Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(VIP) && !frr.holdsVip(),
                        "floatip to preempt and FRR to step down");
                System.out.printf("[timing] floatip restarted -> floatip holds VIP alone: %d ms%n",
                        ms(System.nanoTime() - restart));
                Lab.await(Duration.ofSeconds(2), () -> n1.mac().equals(client.neighbourMac(VIP)),
                        "floatip's gratuitous ARP to move the client back to n1's MAC");

                // Link cut on floatip's node.
                long cut = System.nanoTime();
                n1.linkDown();
                Lab.await(Duration.ofSeconds(5), frr::holdsVip, "FRR on n2 to become Master");
                long cutTakeover = System.nanoTime() - cut;
                System.out.printf("[timing] floatip link cut -> FRR holds VIP: %d ms (Master_Down_Interval %d ms)%n",
                        ms(cutTakeover), ms(mdi));
                assertTrue(ms(cutTakeover) <= ms(mdi) + MARGIN_MS, "takeover " + ms(cutTakeover) + " ms");
                Lab.await(Duration.ofSeconds(2), () -> frr.virtualMac().equals(client.neighbourMac(VIP)),
                        "FRR's gratuitous ARP to move the client to the virtual MAC");

                long restored = System.nanoTime();
                n1.linkUp();
                Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP) && !frr.holdsVip(),
                        "floatip to take the VIP back and FRR to step down");
                System.out.printf("[timing] floatip link restored -> floatip holds VIP alone: %d ms%n",
                        ms(System.nanoTime() - restored));
                Lab.await(Duration.ofSeconds(2), () -> n1.mac().equals(client.neighbourMac(VIP)),
                        "floatip's gratuitous ARP to move the client back to n1's MAC");
                assertTrue(client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP on floatip");
                assertNothingDropped(log);
            }
        }
    }

    /** floatip took every one of FRR's frames as valid (a drop is logged at its 1st, 10th, 100th...). */
    private static void assertNothingDropped(List<String> log) {
        List<String> drops = log.stream().filter(l -> l.contains("dropped advert") || l.contains("dropped frame"))
                .toList();
        assertTrue(drops.isEmpty(), "floatip dropped frames of FRR's: " + drops);
    }

    /**
     * FRR 8.4 returns as Master without a gratuitous ARP, so the client keeps floatip's MAC after floatip
     * stepped down: nothing answers there until the client's own neighbour state machine gives up on that
     * MAC (STALE, DELAY 5 s, three unicast probes) and broadcasts a request that FRR answers.
     */
    private static void assertBlackHole(Host client, Host floatipNode, Frr frr, long restored) {
        assertTrue(frr.holdsVip() && frr.state().equals("Master"), "FRR is Master: " + frr.state());
        // For ten adverts' worth FRR is Master again and sends nothing that corrects the client.
        HostTests.throughout(10L * INTERVAL_CS * 10, () -> assertEquals(floatipNode.mac(), client.neighbourMac(VIP),
                "FRR sent no gratuitous ARP: the client still holds floatip's MAC"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean reached = false;
        int lost = 0;
        while (!reached && System.nanoTime() < deadline) {
            reached = client.ping(VIP, Duration.ofMillis(200));
            lost += reached ? 0 : 1;
        }
        long outage = System.nanoTime() - restored;
        System.out.printf("[timing] FRR black hole: link restored -> client reaches the VIP again: %d ms "
                + "(%d pings lost, neighbour now %s)%n", ms(outage), lost, client.neighbourMac(VIP));
        assertTrue(reached, "the client never reached the VIP again");
        assertTrue(lost > 0, "the black hole: pings to the VIP were lost after FRR came back");
        assertEquals(frr.virtualMac(), client.neighbourMac(VIP), "the client relearned FRR's virtual MAC");
    }

    /** floatip with the lab pair's instance, which is FRR's here: VRRPv3, VRID 51, 100 ms, the VIP. */
    private Process startFloatip(Node node, int priority, List<String> log) {
        return HostTests.startAgent(dir, node, priority, log).process();
    }

    /** For {@code millis}, FRR (on n1) holds the VIP and floatip's n2 does not, at every sample. */
    private static void assertSteady(BooleanSupplier frrHolds, Host floatipNode, long millis, String who) {
        HostTests.throughout(millis, () -> {
            assertTrue(frrHolds.getAsBoolean(), who + " holds the VIP in the steady state");
            assertFalse(floatipNode.hasAddress(VIP), "floatip does not hold the VIP in the steady state");
        });
    }

    private static void assertSteadyOnN1(Host n1, Frr frr, long millis) {
        HostTests.throughout(millis, () -> {
            assertTrue(n1.hasAddress(VIP), "floatip holds the VIP in the steady state");
            assertFalse(frr.holdsVip(), "FRR does not hold the VIP in the steady state");
        });
    }
}
