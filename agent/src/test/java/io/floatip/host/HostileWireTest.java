package io.floatip.host;

import static io.floatip.host.HostTests.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.Tcpdump;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.Hex;
import io.floatip.protocol.InternetChecksum;
import io.floatip.protocol.PcapFile;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.status.AgentStatus;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on the segment floods the pair with invalid VRRP frames, thousands a second. keepalived 2.2.7
 * re-arms its advert timer on every frame it receives, so 20 a second starve a 100 ms master; floatip's
 * master must keep its adverts on time, nobody may change state, and every frame must be counted once.
 */
class HostileWireTest {
    static final String VIP = "198.51.100.50";
    static final int EACH = 2000;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aFloodOfInvalidFramesChangesNothingAndIsCountedExactly() throws Exception {
        try (Lab lab = Lab.create("hostile", 3)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Node n3 = lab.node(3);
            Host client = lab.client();
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            Path c1 = start(n1, 150, log1);
            Path c2 = start(n2, 100, log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            // The address comes a moment before its log line; and n2 may have won the start-up race first.
            Lab.await(Duration.ofSeconds(5), () -> log1.stream().anyMatch(l -> l.contains("-> MASTER"))
                    && log2.stream().noneMatch(l -> l.contains("-> MASTER") && log2.lastIndexOf(l) == log2.size() - 1),
                    "the start-up to settle");
            Thread.sleep(500);
            int transitions1 = log1.size();
            int transitions2 = log2.size();

            Path capture = dir.resolve("adverts.pcap");
            List<String> out = new CopyOnWriteArrayList<>();
            Process dump = Tcpdump.start(client, out, "-i", "eth0", "-n", "-U", "-w", capture.toString(),
                    "ip proto 112 and ip src " + n1.ipv4());

            List<String> argv = new ArrayList<>(AgentCommand.JVM_FLAGS);
            argv.add(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(), n3.ns(),
                    "eth0", Integer.toString(6 * EACH), "150"));
            for (byte[] f : frames(n3)) {
                argv.add(Hex.of(f));
            }
            long start = System.nanoTime();
            Process inject = n3.start(argv, line -> System.out.println("[inject] " + line));
            assertTrue(inject.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, inject.exitValue());
            long seconds = Math.max(1, ms(System.nanoTime() - start) / 1000);
            Thread.sleep(300);
            n1.signal(dump, "TERM");
            dump.waitFor(5, TimeUnit.SECONDS);

            for (Path c : List.of(c1, c2)) {
                AgentStatus s = ControlClient.status(AgentCommand.socketFor(c));
                Map<String, Long> ifDrops = s.interfaces().get(0).drops();
                Map<String, Long> instDrops = s.instances().get(0).counters().drops();
                System.out.println("[drops] " + c.getFileName() + " interface " + ifDrops + " instance " + instDrops);
                assertEquals(Map.of("ttl_not_255", (long) EACH, "bad_checksum", (long) EACH,
                        "unknown_vrid", (long) EACH, "truncated", (long) EACH, "length_mismatch", (long) EACH), ifDrops);
                assertEquals(Map.of("version_mismatch", (long) EACH), instDrops);
            }
            List<Long> gaps = PcapFile.gapsMillis(capture);
            long worst = gaps.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("[timing] %d invalid frames in ~%d s (%d/s): master's worst advert gap %d ms over %d "
                    + "adverts%n", 6 * EACH, seconds, 6 * EACH / seconds, worst, gaps.size() + 1);
            assertTrue(gaps.size() >= 10, "adverts captured: " + gaps.size());
            assertTrue(worst <= 130, "adverts kept their 100 ms cadence: worst " + worst + " ms");

            assertTrue(n1.hasAddress(VIP) && !n2.hasAddress(VIP), "nobody moved");
            assertFalse(HostTests.linesSince(log1, transitions1).stream().anyMatch(l -> l.contains(" -> ")), "" + log1);
            assertFalse(HostTests.linesSince(log2, transitions2).stream().anyMatch(l -> l.contains(" -> ")), "" + log2);

            long dropLines = log1.stream().filter(l -> l.contains("dropped")).count();
            assertTrue(dropLines <= 6 * 4, "drops are logged at the 1st, 10th, 100th, 1000th: " + dropLines);
        }
    }

    private Path start(Node node, int priority, List<String> log) {
        return HostTests.startAgent(dir, node, priority, log).config();
    }

    /** Six kinds of invalid frame for VRID 51 on 224.0.0.18, none of them a valid advert for the pair. */
    public static List<byte[]> framesFor(Node from) throws Exception {
        return frames(from);
    }

    static List<byte[]> frames(Node from) throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName(from.ipv4());
        Inet4Address vip = (Inet4Address) InetAddress.getByName(VIP);
        byte[] mac = Hex.bytes(from.mac().replace(":", ""));
        byte[] group = Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP);
        byte[] good = VrrpCodec.encodeFrame(new VrrpPacket(3, 51, 254, 10, List.of(vip), AuthType.NONE, new byte[0],
                src, VrrpCodec.MULTICAST_GROUP, 255), mac, group, 1);

        byte[] ttl254 = good.clone();
        ttl254[22] = (byte) 254;
        fixIpChecksum(ttl254);
        byte[] badChecksum = good.clone();
        badChecksum[40] ^= 0x55;
        byte[] otherVrid = VrrpCodec.encodeFrame(new VrrpPacket(3, 52, 254, 10, List.of(vip), AuthType.NONE,
                new byte[0], src, VrrpCodec.MULTICAST_GROUP, 255), mac, group, 2);
        byte[] version2 = VrrpCodec.encodeFrame(new VrrpPacket(2, 51, 254, 100, List.of(vip), AuthType.NONE,
                new byte[8], src, VrrpCodec.MULTICAST_GROUP, 255), mac, group, 3);
        // A VRRP message cut short inside a consistent IP packet (total length 26: 6 bytes of VRRP), padded to
        // Ethernet's 60 bytes. What the path will not carry never reaches anyone: runts under 60 bytes and IP
        // packets longer than their frame are dropped on the way (seen here), so this is the truncation a
        // peer can deliver.
        byte[] truncated = Arrays.copyOf(good, 60);
        Arrays.fill(truncated, 40, 60, (byte) 0);
        truncated[16] = 0;
        truncated[17] = 26;
        fixIpChecksum(truncated);
        byte[] inflatedCount = good.clone();
        inflatedCount[14 + 20 + 3] = (byte) 200; // 200 addresses announced, one present
        return List.of(ttl254, badChecksum, otherVrid, version2, truncated, inflatedCount);
    }

    static void fixIpChecksum(byte[] f) {
        f[24] = 0;
        f[25] = 0;
        int c = InternetChecksum.of(f, 14, 20);
        f[24] = (byte) (c >>> 8);
        f[25] = (byte) c;
    }
}
