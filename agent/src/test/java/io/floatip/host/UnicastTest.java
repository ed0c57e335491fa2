package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.Tcpdump;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Hex;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A floatip pair in unicast mode: adverts only to and from the listed peers, nothing else believed. */
class UnicastTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void onlyListedPeersAreHeardAndTheKernelSendsNoIcmp() throws Exception {
        try (Lab lab = Lab.create("uni", 3)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Node n3 = lab.node(3);
            List<String> log1 = new CopyOnWriteArrayList<>();
            List<String> log2 = new CopyOnWriteArrayList<>();
            start(n1, 150, n2, log1);
            Path config2 = start(n2, 100, n1, log2);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(5), () -> log1.stream().anyMatch(l -> l.contains("unicast peer "
                    + n2.ipv4() + " is at " + n2.mac())), "n1 to learn n2's MAC");

            // n2 hears n1's unicast adverts; with our raw socket bound to protocol 112, its kernel must not
            // answer them with ICMP protocol unreachable.
            List<String> icmp = new CopyOnWriteArrayList<>();
            Process dump = Tcpdump.start(n2, icmp, "-i", "eth0", "-n", "-l", "icmp");
            Thread.sleep(1000); // ten adverts' worth of traffic for the kernel to (not) answer
            n2.signal(dump, "TERM");
            dump.waitFor(5, TimeUnit.SECONDS);
            assertFalse(icmp.stream().anyMatch(l -> l.contains("ICMP")), "no ICMP on the wire: " + icmp);

            // Start-up may have seen n2 master for a moment (it can win the race): judge only what follows.
            Lab.await(Duration.ofSeconds(3), () -> log2.stream().anyMatch(l -> l.contains("INIT -> BACKUP")), "n2");
            Thread.sleep(300);
            int baseline = log2.size();

            // n3 claims priority 254 for VRID 51 from its own address, straight to n2: not a listed peer.
            VrrpPacket spoof = new VrrpPacket(3, 51, 254, 10, List.of(addr(VIP)), AuthType.NONE, new byte[0],
                    addr(n3.ipv4()), addr(n2.ipv4()), 255);
            byte[] frame = VrrpCodec.encodeFrame(spoof, mac(n3.mac()), mac(n2.mac()), 7);
            List<String> argv = new ArrayList<>(AgentCommand.JVM_FLAGS);
            argv.add(0, javaBin());
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(), n3.ns(), "eth0",
                    "50", "10000", Hex.of(frame)));
            Process inject = n3.start(argv, line -> System.out.println("[inject] " + line));
            assertTrue(inject.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, inject.exitValue());

            Lab.await(Duration.ofSeconds(5), () -> log2.stream().anyMatch(l -> l.contains("dropped advert from "
                    + n3.ipv4()) && l.contains("not in unicast_peers") && l.contains("(10 so far)")),
                    "n2 to drop and count the spoofed adverts");
            // Every one of the 50 spoofed adverts reached n2 and was counted, by its status counters.
            Lab.await(Duration.ofSeconds(5), () -> unknownPeerDrops(config2) == 50, "n2 to count all 50");
            System.out.println("[drops] n2 counted " + unknownPeerDrops(config2) + " unknown_peer drops of the 50 "
                    + "spoofed adverts");
            List<String> after = HostTests.linesSince(log2, baseline);
            assertFalse(after.stream().anyMatch(l -> l.contains("-> MASTER")), "n2 stayed BACKUP: " + after);
            assertTrue(n1.hasAddress(VIP));
            assertFalse(n2.hasAddress(VIP));
        }
    }

    /** The instance's unknown_peer counter, from the agent's status over its control socket. */
    static long unknownPeerDrops(Path config) {
        try {
            io.floatip.status.AgentStatus s = io.floatip.control.ControlClient.status(AgentCommand.socketFor(config));
            return s.instances().get(0).counters().drops().getOrDefault("unknown_peer", 0L);
        } catch (Exception e) {
            throw new AssertionError("status of " + config, e);
        }
    }

    private Path start(Node self, int priority, Node peer, List<String> log) {
        Path config = PairConfig.write(dir, self.name(), 3, priority, 10, true, VIP + "/24",
                "    unicast_peers: [" + peer.ipv4() + "]\n");
        self.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + self.name() + "] " + line);
        });
        return config;
    }

    static Inet4Address addr(String ip) throws Exception {
        return (Inet4Address) InetAddress.getByName(ip);
    }

    static byte[] mac(String mac) {
        return Hex.bytes(mac.replace(":", ""));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
