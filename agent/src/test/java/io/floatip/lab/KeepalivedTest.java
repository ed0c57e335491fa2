package io.floatip.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host test: two real keepalived 2.2.7 peers in a lab, so floatip has a reference to interoperate with. */
class KeepalivedTest {

    private static final String VIP = "198.51.100.50";
    private static final Duration PING = Duration.ofSeconds(2);
    private static final Duration TAKEOVER = Duration.ofSeconds(1);

    @TempDir
    Path work;

    @BeforeAll
    static void rootAndKeepalived() {
        HostTests.requireRoot();
        if (Files.isExecutable(KeepalivedFiles.BINARY)) {
            return;
        }
        HostTests.skipOrFail("keepalived is not installed at " + KeepalivedFiles.BINARY + " (apt-get install keepalived)");
    }

    @Test
    void vrrpV3PairFailsOverOnSigterm() throws Exception {
        failsOverOnSigterm("kav3", peer(150).version(3).advertInt(0.1), peer(100).version(3).advertInt(0.1));
    }

    @Test
    void vrrpV2PairWithPasswordFailsOverOnSigterm() throws Exception {
        failsOverOnSigterm("kav2", peer(150).version(2).advertInt(1).authPass("fl0atip"),
                peer(100).version(2).advertInt(1).authPass("fl0atip"));
    }

    @Test
    void killLeavesNoKeepalivedBehindAndThePeerTakesOver() {
        try (Lab lab = Lab.create("kakill", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            try (Keepalived k1 = Keepalived.start(n1, peer(150).version(3).advertInt(0.1), work);
                 Keepalived k2 = Keepalived.start(n2, peer(100).version(3).advertInt(0.1), work)) {
                k1.awaitState(KeepalivedLog.MASTER, Duration.ofSeconds(3));
                k2.awaitState(KeepalivedLog.BACKUP, Duration.ofSeconds(3));
                long parent = k1.pid();
                long child = k1.vrrpPid();
                assertTrue(child > 0, "a VRRP child runs");

                k1.kill();

                assertGone(parent);
                assertGone(child);
                assertEquals(List.of(), lab.netns().pids(n1.ns()), "nothing of keepalived left in n1");
                assertEquals(KeepalivedLog.STOPPED, k1.state());
                assertFalse(k1.logContains(KeepalivedLog.PRIORITY_ZERO_SENT), "it died without resigning");
                assertFalse(Files.exists(k1.files().pid()), "pid files of the dead peer are tidied away");
                // No priority-0 advert: n2 waits out the master-down interval (3 x 0.1 s plus skew).
                k2.awaitState(KeepalivedLog.MASTER, Duration.ofSeconds(2));
                Lab.await(PING, () -> n2.hasAddress(VIP), "VIP on n2");
                assertTrue(k2.logContains(KeepalivedLog.ADVERT_TIMEOUT), String.join("\n", k2.log()));
                // A crash leaves the VIP on n1's eth0: nobody is left to remove it.
                assertTrue(n1.hasAddress(VIP), "a hard-killed keepalived leaves its VIP behind");
            }
        }
    }

    @Test
    void keepalivedTakesEveryConfigShapeAsWrittenAndOneNodeRunsOnlyOne() {
        try (Lab lab = Lab.create("kaconf", 1)) {
            Node n1 = lab.node(1);
            List<KeepalivedConfig> shapes = List.of(
                    peer(100).version(2).advertInt(1).authPass("pw").unicastSrcIp(n1.ipv4())
                            .unicastPeer("198.51.100.12").preemptDelay(0.5),
                    peer(100).version(3).advertInt(0.05).nopreempt(),
                    peer(255).version(3).state(KeepalivedConfig.State.MASTER),
                    KeepalivedConfig.instance("VI_6").version(3).virtualIp("2001:db8::50/64"));
            for (KeepalivedConfig shape : shapes) {
                ProcessResult check = Keepalived.checkConfig(n1, shape, work);
                assertEquals(0, check.exitCode(), shape.text() + "\n" + check.output());
            }
            // An address owner (priority 255) configured MASTER skips the backup wait.
            try (Keepalived owner = Keepalived.start(n1, shapes.get(2), work)) {
                owner.awaitState(KeepalivedLog.MASTER, Duration.ofSeconds(2));
                LabException twice = assertThrows(LabException.class, () -> Keepalived.start(n1, peer(100), work));
                assertTrue(twice.getMessage().contains("already uses these files"), twice.getMessage());
                assertTrue(owner.isRunning());
            }
        }
    }

    @Test
    void aWrongPasswordIsLoggedAndBothBecomeMaster() {
        try (Lab lab = Lab.create("kapass", 2)) {
            try (Keepalived k1 = Keepalived.start(lab.node(1), peer(150).version(2).authPass("right"), work);
                 Keepalived k2 = Keepalived.start(lab.node(2), peer(100).version(2).authPass("wrong"), work)) {
                // keepalived drops adverts it cannot authenticate, so each side sees no master: split brain.
                k1.awaitState(KeepalivedLog.MASTER, Duration.ofSeconds(6));
                k2.awaitState(KeepalivedLog.MASTER, Duration.ofSeconds(6));
                Lab.await(Duration.ofSeconds(3), () -> k1.logContains(KeepalivedLog.INVALID_PASSWORD)
                        && k2.logContains(KeepalivedLog.INVALID_PASSWORD), "both to log the bad password");
                assertTrue(k2.log().contains("(VI_1) " + KeepalivedLog.INVALID_PASSWORD), String.join("\n", k2.log()));
            }
        }
    }

    private void failsOverOnSigterm(String tag, KeepalivedConfig high, KeepalivedConfig low) throws Exception {
        try (Lab lab = Lab.create(tag, 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            assertEquals(0, Keepalived.checkConfig(n1, high, work).exitCode(), "keepalived takes the config as is");
            try (Keepalived k1 = Keepalived.start(n1, high, work);
                 Keepalived k2 = Keepalived.start(n2, low, work)) {
                // 3 intervals plus skew before the first master, and a little slack.
                Duration elect = Duration.ofMillis((long) (high.advertInt() * 4000) + 2000);
                k1.awaitState(KeepalivedLog.MASTER, elect);
                Lab.await(PING, () -> n1.hasAddress(VIP), "VIP on n1");
                assertEquals(KeepalivedLog.BACKUP, k2.state());
                assertFalse(n2.hasAddress(VIP), "the backup holds no VIP");
                assertTrue(client.ping(VIP, PING), "client pings the VIP");
                // keepalived answers and announces with eth0's own MAC: no virtual MAC without use_vmac.
                assertEquals(n1.mac(), client.neighbourMac(VIP));

                long parent = k1.pid();
                long child = k1.vrrpPid();
                assertTrue(child > 0, "a VRRP child runs");
                long t0 = System.nanoTime();
                // stop() waits for both processes; the takeover has to be seen while it does.
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(k1::stop);
                Lab.await(TAKEOVER, () -> n2.hasAddress(VIP), "VIP on n2 within " + TAKEOVER.toMillis() + " ms");
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                stopping.get(Keepalived.STOP_TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);

                assertFalse(n1.hasAddress(VIP), "n1 removed its VIP on SIGTERM");
                assertGone(parent);
                assertGone(child);
                assertEquals(KeepalivedLog.STOPPED, k1.state());
                assertTrue(k1.logContains(KeepalivedLog.PRIORITY_ZERO_SENT), String.join("\n", k1.log()));
                k2.awaitState(KeepalivedLog.MASTER, PING);
                assertTrue(k2.logContains(KeepalivedLog.PRIORITY_ZERO_RECEIVED), String.join("\n", k2.log()));
                assertFalse(k2.logContains(KeepalivedLog.INVALID_PASSWORD));
                Lab.await(PING, () -> client.ping(VIP, PING) && n2.mac().equals(client.neighbourMac(VIP)),
                        "client reaching the VIP at n2's MAC");
                System.out.println(tag + ": n2 held the VIP " + tookMs + " ms after SIGTERM to n1");
            }
        }
    }

    private static KeepalivedConfig peer(int priority) {
        return KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(priority).virtualIp(VIP + "/24");
    }

    /** No /proc/PID: exited and reaped. */
    private static void assertGone(long pid) {
        Lab.await(Duration.ofSeconds(2), () -> !Files.exists(Path.of("/proc", Long.toString(pid))),
                "/proc/" + pid + " to be gone");
    }
}
