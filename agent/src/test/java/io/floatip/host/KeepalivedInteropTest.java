package io.floatip.host;

import static io.floatip.host.HostTests.ms;
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
import io.floatip.router.Timers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real keepalived (Debian's package) as the other node, in both roles: the proof that floatip speaks VRRP as
 * keepalived does. n1 runs the higher priority (150), n2 the lower (100). Timings go to the test log.
 */
class KeepalivedInteropTest {
    static final String VIP = "198.51.100.50";
    static final long MARGIN_MS = 300;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    /** One way to run the pair: VRRP version, interval (centiseconds), unicast or not, a PASS password. */
    record Mode(String name, int version, int intervalCs, boolean unicast, String password, String vip,
                String prefix) {
        Mode(String name, int version, int intervalCs, boolean unicast, String password) {
            this(name, version, intervalCs, unicast, password, VIP, "24");
        }

        boolean ipv6() {
            return vip.contains(":");
        }

        @Override
        public String toString() {
            return name;
        }

        KeepalivedConfig keepalived(int priority, Host self, Host peer) {
            KeepalivedConfig c = KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(priority)
                    .version(version).advertInt(intervalCs / 100.0).virtualIp(vip + "/" + prefix)
                    .state(priority > 100 ? KeepalivedConfig.State.MASTER : KeepalivedConfig.State.BACKUP);
            if (unicast) {
                c.unicastSrcIp(self.ipv4()).unicastPeer(peer.ipv4());
            }
            if (password != null) {
                c.authPass(password);
            }
            return c;
        }

        /**
         * How long both may hold the VIP while keepalived takes it back: one interval, plus (unicast) the ARP
         * retransmit of keepalived's kernel, whose neighbour entry for us went INCOMPLETE while its link was
         * down: its first adverts wait in that queue (seen on the wire, up to net.ipv4.neigh.*.retrans_time_ms).
         */
        long overlapBoundMs() {
            return intervalCs * 10L + MARGIN_MS + (unicast ? 1000 : 0);
        }

        String floatipExtra(Host peer, String floatipPassword) {
            StringBuilder sb = new StringBuilder();
            if (unicast) {
                sb.append("    unicast_peers: [").append(peer.ipv4()).append("]\n");
            }
            if (floatipPassword != null) {
                sb.append("    authentication: {type: pass, password: ").append(floatipPassword).append("}\n");
            }
            return sb.toString();
        }
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(new Mode("VRRPv3 100ms multicast", 3, 10, false, null)),
                Arguments.of(new Mode("VRRPv2 1s multicast", 2, 100, false, null)),
                Arguments.of(new Mode("VRRPv3 100ms unicast", 3, 10, true, null)),
                Arguments.of(new Mode("VRRPv2 1s PASS authentication", 2, 100, false, "s3cr3t")),
                Arguments.of(new Mode("VRRPv3 100ms IPv6", 3, 10, false, null, "2001:db8:1::50", "64")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void keepalivedMasterFloatipBackup(Mode mode) throws Exception {
        try (Lab lab = Lab.create("kam", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            try (Keepalived ka = Keepalived.start(n1, mode.keepalived(150, n1, n2), dir.resolve("ka"))) {
                Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(mode.vip()), "keepalived on n1 to hold the VIP");
                List<String> log = new CopyOnWriteArrayList<>();
                startFloatip(n2, mode, 100, mode.floatipExtra(n1, mode.password()), log);
                Lab.await(Duration.ofSeconds(15), () -> log.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                        "floatip to start as BACKUP");

                // Steady state: floatip stays BACKUP while keepalived's adverts flow.
                long mdi = Timers.masterDownInterval(100, mode.intervalCs());
                assertSteady(mode.vip(), n1, n2, 2 * ms(mdi));
                assertFalse(log.stream().anyMatch(l -> l.contains("-> MASTER")), "floatip stayed BACKUP: " + log);

                long cut = System.nanoTime();
                n1.linkDown();
                Lab.await(Duration.ofSeconds(15), () -> n2.hasAddress(mode.vip()), "floatip on n2 to take the VIP");
                long takeover = System.nanoTime() - cut;
                System.out.printf("[timing] %s: keepalived link cut -> floatip holds VIP: %d ms "
                        + "(Master_Down_Interval %d ms)%n", mode, ms(takeover), ms(mdi));
                assertTrue(ms(takeover) <= ms(mdi) + MARGIN_MS, "takeover " + ms(takeover) + " ms");

                OverlapWatch watch = new OverlapWatch(n1, n2, mode.vip());
                long restored = System.nanoTime();
                n1.linkUp();
                Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(mode.vip()) && !n2.hasAddress(mode.vip()),
                        "keepalived to take the VIP back and floatip to yield");
                long back = System.nanoTime() - restored;
                long overlap = watch.stop();
                System.out.printf("[timing] %s: link restored -> keepalived holds VIP alone: %d ms; longest "
                        + "both-hold %d ms%n", mode, ms(back), ms(overlap));
                assertTrue(ms(overlap) <= mode.overlapBoundMs(), "both held for " + ms(overlap));
                // The address goes first, the log line a moment later.
                Lab.await(Duration.ofSeconds(2), () -> log.stream().anyMatch(l -> l.contains("MASTER -> BACKUP")),
                        "floatip to log that it yielded");
                assertSteady(mode.vip(), n1, n2, 2 * mode.intervalCs() * 10L);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void floatipMasterKeepalivedBackup(Mode mode) throws Exception {
        try (Lab lab = Lab.create("fm", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            List<String> log = new CopyOnWriteArrayList<>();
            Process floatip = startFloatip(n1, mode, 150, mode.floatipExtra(n2, mode.password()), log);
            Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(mode.vip()), "floatip on n1 to hold the VIP");
            try (Keepalived ka = Keepalived.start(n2, mode.keepalived(100, n2, n1), dir.resolve("ka"))) {
                long mdi = Timers.masterDownInterval(100, mode.intervalCs());
                assertSteady(mode.vip(), n1, n2, 2 * ms(mdi));
                assertEquals("BACKUP", ka.state(), "keepalived stays BACKUP while floatip advertises");

                long term = System.nanoTime();
                n1.signal(floatip, "TERM");
                Lab.await(Duration.ofSeconds(10), () -> n2.hasAddress(mode.vip()), "keepalived on n2 to take the VIP");
                long takeover = System.nanoTime() - term;
                long skew = Timers.skewTime(100, mode.intervalCs());
                System.out.printf("[timing] %s: floatip SIGTERM -> keepalived holds VIP: %d ms (Skew_Time %d ms)%n",
                        mode, ms(takeover), ms(skew));
                assertTrue(ms(takeover) <= ms(skew) + MARGIN_MS, "takeover " + ms(takeover) + " ms");
                assertTrue(floatip.waitFor(2, TimeUnit.SECONDS));
                assertEquals(0, floatip.exitValue());
                assertFalse(n1.hasAddress(mode.vip()));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aWrongPasswordMakesBothMasterAndFloatipCountsTheFailures() throws Exception {
        Mode mode = new Mode("VRRPv2 1s wrong password", 2, 100, false, "right");
        try (Lab lab = Lab.create("auth", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            try (Keepalived ka = Keepalived.start(n1, mode.keepalived(150, n1, n2), dir.resolve("ka"))) {
                Lab.await(Duration.ofSeconds(20), () -> n1.hasAddress(VIP), "keepalived on n1 to hold the VIP");
                List<String> log = new CopyOnWriteArrayList<>();
                startFloatip(n2, mode, 100, mode.floatipExtra(n1, "wrong"), log);
                Lab.await(Duration.ofSeconds(15), () -> n2.hasAddress(VIP), "floatip to become master as well");
                assertTrue(n1.hasAddress(VIP), "keepalived, not hearing floatip either, stays master");
                // keepalived 2.2.7 re-arms its advert timer on every frame it receives, valid or not, so once
                // floatip advertises it falls silent: the count is of the adverts before floatip's takeover,
                // which its transition line reports (about Master_Down_Interval / 1 s of them).
                Lab.await(Duration.ofSeconds(2), () -> log.stream().anyMatch(l -> l.contains("BACKUP -> MASTER")),
                        "the takeover line (it follows the address)");
                String takeover = log.stream().filter(l -> l.contains("BACKUP -> MASTER")).findFirst().orElseThrow();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) auth_mismatch").matcher(takeover);
                assertTrue(m.find(), "the takeover line counts the dropped adverts: " + takeover);
                assertTrue(Integer.parseInt(m.group(1)) >= 2, takeover);
                assertTrue(log.stream().anyMatch(l -> l.contains("dropped advert from " + n1.ipv4())
                        && l.contains("authentication")), "the first drop is logged with its reason: " + log);
            }
        }
    }

    private Process startFloatip(Node node, Mode mode, int priority, String extra, List<String> log) {
        Path config = PairConfig.write(dir, node.name(), mode.version(), priority, mode.intervalCs(), true,
                mode.vip() + "/" + mode.prefix(), extra);
        return node.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[floatip " + node.name() + "] " + line);
        });
    }

    /** For {@code millis}, exactly one node, n1, holds the VIP at every sample. */
    private static void assertSteady(String vip, Host n1, Host n2, long millis) {
        HostTests.throughout(millis, () -> {
            assertTrue(n1.hasAddress(vip), "n1 holds the VIP in the steady state");
            assertFalse(n2.hasAddress(vip), "n2 does not hold the VIP in the steady state");
        });
    }
}
