package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.Tcpdump;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * garp.interval (keepalived's vrrp_garp_interval) on the wire: a node becoming master sends its burst of
 * gratuitous ARPs at least that far apart, as tcpdump on a client beside it captures them.
 */
class GarpIntervalTest {
    static final String VIP = "198.51.100.50";
    static final int REPEAT = 5;
    static final long INTERVAL_MS = 50;
    /** Capture timestamps are taken on the client; its receive path may shift one frame by a little. */
    static final long JITTER_MS = 5;
    /** A loaded 2-core machine may delay the loop's timer; that only widens a gap. */
    static final long LATE_MS = 150;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void theGratuitousArpsOfABurstAreSpacedByTheInterval() throws Exception {
        try (Lab lab = Lab.create("garpi", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            Path capture = dir.resolve("garp.pcap");
            List<String> out = new CopyOnWriteArrayList<>();
            Process dump = Tcpdump.start(client, out, "-i", "eth0", "-n", "-U", "--immediate-mode", "-w",
                    capture.toString(), "arp");
            Path config = PairConfig.write(dir, n1.name(), 3, 150, 10, true, VIP + "/24",
                    "    garp: {delay: 0s, repeat: %d, interval: %dms}\n".formatted(REPEAT, INTERVAL_MS));
            n1.start(AgentCommand.run(config), line -> System.out.println("[n1] " + line));
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP), "n1 to become master");
            Thread.sleep(REPEAT * (INTERVAL_MS + LATE_MS)); // the whole burst, even late
            client.signal(dump, "INT");
            dump.waitFor();

            List<Long> at = garps(capture, VIP);
            assertEquals(REPEAT, at.size(), "one burst of " + REPEAT + " gratuitous ARPs: " + at + "; " + out);
            List<Long> gaps = new ArrayList<>();
            for (int k = 1; k < at.size(); k++) {
                gaps.add((at.get(k) - at.get(k - 1)) / 1000);
            }
            System.out.printf("[timing] gaps between gratuitous ARPs: %s ms (garp.interval %d ms)%n", gaps,
                    INTERVAL_MS);
            for (long gap : gaps) {
                assertTrue(gap >= INTERVAL_MS - JITTER_MS && gap <= INTERVAL_MS + LATE_MS,
                        "gaps " + gaps + " ms, interval " + INTERVAL_MS + " ms");
            }
        }
    }

    /** Capture times (µs) of the gratuitous ARPs for {@code vip} in a little-endian classic pcap file. */
    static List<Long> garps(Path pcap, String vip) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] want = java.net.InetAddress.getByName(vip).getAddress();
        List<Long> list = new ArrayList<>();
        b.position(24);
        while (b.remaining() >= 16) {
            long sec = b.getInt() & 0xffffffffL;
            long usec = b.getInt() & 0xffffffffL;
            int captured = b.getInt();
            b.getInt();
            if (captured > b.remaining()) {
                break; // the last record, cut by the interrupt
            }
            byte[] f = new byte[captured];
            b.get(f);
            boolean arp = f.length >= 42 && (f[12] & 0xff) == 0x08 && (f[13] & 0xff) == 0x06;
            // Gratuitous: sender and target protocol address are both the VIP.
            if (arp && java.util.Arrays.equals(f, 28, 32, want, 0, 4) && java.util.Arrays.equals(f, 38, 42, want, 0, 4)) {
                list.add(sec * 1_000_000 + usec);
            }
        }
        return list;
    }
}
