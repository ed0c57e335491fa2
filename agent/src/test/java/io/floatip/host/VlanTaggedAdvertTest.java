package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.status.AgentStatus;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 2: valid priority 200 adverts for the same VRID sent in VLAN 10 (any host on a VLAN trunked to the
 * node) made the untagged master go BACKUP and release its VIP. The kernel moves the tag out of the frame before
 * the capture filter runs, so `ip proto 112` matches; the decoder now drops a tagged frame and counts it.
 */
class VlanTaggedAdvertTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void higherPriorityAdvertsFromAnotherVlanDoNotPreemptTheUntaggedMaster() throws Exception {
        try (Lab lab = Lab.create("vlan", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            List<String> log1 = new CopyOnWriteArrayList<>();
            Path config = HostTests.startAgent(dir, n1, 150, log1).config();
            Lab.await(java.time.Duration.ofSeconds(30), () -> n1.hasAddress(VIP), "n1 to hold the VIP");
            // The VIP is there a moment before the transition's log line: count from after that line.
            Lab.await(java.time.Duration.ofSeconds(5), () -> log1.stream().anyMatch(l -> l.contains("-> MASTER")),
                    "n1's transition line");
            int before = log1.size();

            int count = 300;
            List<String> argv = new ArrayList<>(AgentCommand.java(AgentCommand.SignalMode.JVM));
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), InjectMain.class.getName(), n2.ns(),
                    "eth0", Integer.toString(count), "10000", HexFormat.of().formatHex(tagged(n2, 10))));
            Process inject = n2.start(argv, line -> System.out.println("[inject] " + line));
            assertTrue(inject.waitFor(60, TimeUnit.SECONDS), "the injector to finish");
            assertEquals(0, inject.exitValue());
            Thread.sleep(500); // past Master_Down_Interval after the last one

            assertTrue(n1.hasAddress(VIP), "the untagged master kept its VIP");
            assertFalse(HostTests.linesSince(log1, before).stream().anyMatch(l -> l.contains(" -> ")),
                    "no transition: " + log1);
            AgentStatus s = ControlClient.status(AgentCommand.socketFor(config));
            long dropped = s.interfaces().get(0).drops().getOrDefault("vlan_tagged", 0L);
            System.out.printf("[drops] %d tagged priority 200 adverts sent in VLAN 10, %d counted as vlan_tagged; "
                    + "n1 stayed MASTER%n", count, dropped);
            assertEquals(count, dropped, "each counted under its own reason: " + s.interfaces().get(0).drops());
            assertEquals("MASTER", s.instances().get(0).state());
        }
    }

    /** A valid VRRPv3 advert for VRID 51 at priority 200 from {@code from}, with an 802.1Q tag for {@code vlan}. */
    static byte[] tagged(Node from, int vlan) throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName(from.ipv4());
        byte[] mac = HexFormat.of().parseHex(from.mac().replace(":", ""));
        byte[] plain = VrrpCodec.encodeFrame(new VrrpPacket(3, 51, 200, 10, List.of(InetAddress.getByName(VIP)),
                AuthType.NONE, new byte[0], src, VrrpCodec.MULTICAST_GROUP, 255), mac,
                Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP), 1);
        byte[] f = new byte[plain.length + 4];
        System.arraycopy(plain, 0, f, 0, 12);
        f[12] = (byte) 0x81;
        f[13] = 0;
        f[14] = (byte) (vlan >> 8);
        f[15] = (byte) vlan;
        System.arraycopy(plain, 12, f, 16, plain.length - 12);
        return f;
    }
}
