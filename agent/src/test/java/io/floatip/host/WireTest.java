package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.Tcpdump;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.Hex;
import io.floatip.protocol.Ip;
import io.floatip.protocol.PcapFile;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent really puts on the wire, captured by tcpdump on the client. */
class WireTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void advertsHaveTtl255AndCs6AndTheGarpCarriesTheInterfaceMac() throws Exception {
        try (Lab lab = Lab.create("wire", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            Path capture = dir.resolve("wire.pcap");
            List<String> tcpdump = new CopyOnWriteArrayList<>();
            Process dump = Tcpdump.start(client, tcpdump, "-i", "eth0", "-n", "-U", "-c", "8", "-w",
                    capture.toString(), "ip proto 112 or arp");

            // Priority 255: the owner claims at once, so GARPs and adverts follow within milliseconds.
            Path config = PairConfig.write(dir, "n1", 3, 255, 10, true, VIP + "/24", """
                        garp: {delay: 0s, repeat: 2}
                    """);
            n1.start(AgentCommand.run(config), line -> System.out.println("[n1] " + line));
            assertTrue(dump.waitFor(20, TimeUnit.SECONDS), "tcpdump saw 8 frames: " + tcpdump);

            List<VrrpPacket> adverts = new ArrayList<>();
            int garps = 0;
            byte[] expectedGarp = ArpCodec.gratuitousRequest(Hex.bytes(n1.mac().replace(":", "")),
                    Ip.ipv4(198, 51, 100, 50));
            for (byte[] f : PcapFile.frames(capture)) {
                if (f.length >= 14 && f[12] == 0x08 && f[13] == 0x06) {
                    if (java.util.Arrays.equals(f, 0, 42, expectedGarp, 0, 42)) {
                        garps++;
                    }
                    continue;
                }
                assertEquals((byte) 0xc0, f[15], "TOS is DSCP CS6");
                assertArrayEquals(Hex.bytes("01005e000012"), java.util.Arrays.copyOfRange(f, 0, 6));
                assertEquals(n1.mac().replace(":", ""), Hex.of(java.util.Arrays.copyOfRange(f, 6, 12)),
                        "sent from the interface's own MAC");
                Decoded d = VrrpCodec.decodeFrame(f, f.length);
                adverts.add(((Decoded.Accepted) d).packet());
            }
            assertEquals(2, garps, "one burst of garp.repeat = 2 gratuitous ARPs, byte-exact");
            assertFalse(adverts.isEmpty());
            for (VrrpPacket p : adverts) {
                assertEquals(255, p.ttl());
                assertEquals(3, p.version());
                assertEquals(51, p.vrid());
                assertEquals(255, p.priority());
                assertEquals(10, p.advertInterval());
                assertEquals(n1.ipv4(), p.source().getHostAddress());
                assertEquals("224.0.0.18", p.destination().getHostAddress());
                assertEquals(List.of(VIP), p.addresses().stream().map(a -> a.getHostAddress()).toList());
            }
        }
    }



    @Test
    void garpRefreshReannouncesWhileMaster() throws Exception {
        try (Lab lab = Lab.create("refresh", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            Path config = PairConfig.write(dir, "n1", 3, 255, 10, true, VIP + "/24", """
                        garp: {delay: 0s, repeat: 1, refresh: 1s}
                    """);
            List<String> arps = new CopyOnWriteArrayList<>();
            Tcpdump.start(client, arps, "-i", "eth0", "-n", "-l", "arp and src host " + VIP);
            n1.start(AgentCommand.run(config), line -> System.out.println("[n1] " + line));
            // One at the claim, then one a second: four within ~3.5 s of becoming master.
            Lab.await(Duration.ofSeconds(10), () -> arps.stream().filter(l -> l.contains("who-has " + VIP)).count() >= 4,
                    "the claim's GARP and three refreshes");
        }
    }
}
