package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.base.PeerLogLimit;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Keepalived;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8: anyone on the segment could flood the log. Valid lower-priority VRRPv3 adverts that
 * alternate their interval and their VIP list (one of 255 addresses) earned one WARN line each: 6,000 frames
 * made 6,002 lines and 12.4 MB, and journald's own rate limit then dropped the state-change lines. Here 6,000
 * such frames from four source addresses, while a real state change happens in the middle.
 */
class OddAdvertLogTest {
    static final String VIP = "198.51.100.50";
    static final int SOURCES = 4;
    static final int COUNT = 6_000;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    private static Process start(Node n, Path config, List<String> log) {
        return n.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + n.name() + "] " + line);
        });
    }

    private static long odd(List<String> log) {
        return log.stream().filter(l -> l.contains(" advertises every ") || l.contains(" protects ")).count();
    }

    @Test
    void validButOddAdvertsFromSeveralPeersGetAFewShortLinesAndTheStateChangesStayInTheLog() throws Exception {
        try (Lab lab = Lab.create("odd", 3)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Node n3 = lab.node(3);
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            start(n1, PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24", ""), log1);
            Lab.await(Duration.ofSeconds(30), () -> log1.stream().anyMatch(l -> l.contains("-> MASTER")),
                    "n1 to become master");

            List<String> argv = new ArrayList<>(AgentCommand.java(AgentCommand.SignalMode.JVM));
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(), n3.ns(),
                    "eth0", Integer.toString(COUNT), "1000"));
            argv.addAll(frames(n3));
            long t0 = System.nanoTime();
            Process inject = n3.start(argv, line -> System.out.println("[inject] " + line));
            // The state change to keep in the log: n2 at priority 200 starts during the flood and preempts n1.
            Thread.sleep(1_500);
            start(n2, PairConfig.write(dir, n2.name(), 3, 200, 10, true, VIP + "/24", ""), log2);
            assertTrue(inject.waitFor(90, TimeUnit.SECONDS), "the injector to finish");
            assertEquals(0, inject.exitValue());
            long floodMs = HostTests.ms(System.nanoTime() - t0);
            Lab.await(Duration.ofSeconds(20), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "n2 to preempt n1");
            Thread.sleep(500);

            long lines1 = odd(log1);
            long lines2 = odd(log2);
            int longest = 0;
            for (List<String> log : List.of(log1, log2)) {
                for (String l : List.copyOf(log)) {
                    longest = Math.max(longest, l.length());
                }
            }
            System.out.printf("[log] %d valid lower-priority v3 adverts from %d sources in %d ms, alternating the "
                            + "interval (200/300 ms) and the VIP list (1 or 255 addresses): n1 wrote %d lines for "
                            + "them, n2 %d; longest line %d characters; n1 %d lines in all, n2 %d%n", COUNT, SOURCES,
                    floodMs, lines1, lines2, longest, log1.size(), log2.size());
            // One line per source and reason (8 keys) fits the burst; the all-keys limit is the bound.
            assertTrue(lines1 <= PeerLogLimit.BURST, "n1's odd-advert lines bounded: " + lines1);
            assertTrue(lines1 >= SOURCES, "each source named at least once: " + lines1);
            assertTrue(lines2 <= PeerLogLimit.BURST, "n2's too: " + lines2);
            assertTrue(longest < 1_000, "no line near 4 KB: " + longest);
            assertTrue(log1.stream().anyMatch(l -> l.contains("MASTER -> BACKUP (higher priority advert from")),
                    "n1's state change is in its log");
            assertTrue(log2.stream().anyMatch(l -> l.contains("BACKUP -> MASTER (preempting")),
                    "n2's state change is in its log");
            assertTrue(log1.stream().anyMatch(l -> l.contains(" and 247 more]")), "the 255-address list cut short");
        }
    }

    /**
     * keepalived 2.2.7 as the master under the same frames, for RELIABILITY.md: its own lines for them are
     * counted, not bounded (it logs each advert whose VIP list differs, and drops it); it must stay MASTER.
     */
    @Test
    void keepalivedUnderTheSameFramesForComparison() throws Exception {
        try (Lab lab = Lab.create("oddka", 3)) {
            Node n1 = lab.node(1);
            Node n3 = lab.node(3);
            List<String> out = new CopyOnWriteArrayList<>();
            KeepalivedConfig c = KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(150).version(3)
                    .advertInt(0.1).virtualIp(VIP + "/24");
            try (Keepalived ka = Keepalived.start(n1, c, dir.resolve("ka"), out::add)) {
                Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP), "keepalived to hold the VIP");
                int before = out.size();
                List<String> argv = new ArrayList<>(AgentCommand.java(AgentCommand.SignalMode.JVM));
                argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(),
                        n3.ns(), "eth0", Integer.toString(COUNT), "1000"));
                argv.addAll(frames(n3));
                Process inject = n3.start(argv, line -> System.out.println("[inject] " + line));
                assertTrue(inject.waitFor(90, TimeUnit.SECONDS), "the injector to finish");
                Thread.sleep(1_000);
                List<String> lines = HostTests.linesSince(out, before);
                int longest = lines.stream().mapToInt(String::length).max().orElse(0);
                System.out.printf("[log] keepalived 2.2.7 as master, the same %d frames: %d lines, longest %d "
                        + "characters; still holds the VIP: %s; the first: %s%n", COUNT, lines.size(), longest,
                        n1.hasAddress(VIP), lines.subList(0, Math.min(3, lines.size())));
                assertTrue(n1.hasAddress(VIP), "keepalived stays master: the adverts are lower");
            }
        }
    }

    /** For each source: interval 200 ms with 255 VIPs, then 300 ms with one other VIP; priority 100. */
    static List<String> frames(Node from) throws Exception {
        byte[] mac = HexFormat.of().parseHex(from.mac().replace(":", ""));
        List<InetAddress> many = new ArrayList<>();
        for (int i = 1; i <= 255; i++) {
            many.add(InetAddress.getByName("203.0.113." + (i % 256)));
        }
        List<String> out = new ArrayList<>();
        for (int s = 0; s < SOURCES; s++) {
            InetAddress src = InetAddress.getByName("198.51.100." + (21 + s));
            for (int variant = 0; variant < 2; variant++) {
                VrrpPacket p = new VrrpPacket(3, 51, 100, variant == 0 ? 20 : 30,
                        variant == 0 ? many : List.of(InetAddress.getByName("198.51.100.60")), AuthType.NONE,
                        new byte[0], src, VrrpCodec.MULTICAST_GROUP, 255);
                out.add(HexFormat.of().formatHex(VrrpCodec.encodeFrame(p, mac,
                        Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP), 1)));
            }
        }
        return out;
    }
}
