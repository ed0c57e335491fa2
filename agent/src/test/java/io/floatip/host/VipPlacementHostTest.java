package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.lab.Tcpdump;
import io.floatip.status.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 in a real pair: a VIP on a second interface (keepalived's dev) and excluded addresses follow the
 * master, with their gratuitous ARPs on their own interface; an instance with no VIP drives notify scripts.
 */
class VipPlacementHostTest {
    static final String VIP = "198.51.100.50";
    static final String EXT = "203.0.113.50";
    static final String EXCLUDED = "198.51.100.60";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aVipOnASecondInterfaceAndTheExcludedAddressesAreOnlyOnTheMaster() throws Exception {
        try (Lab lab = Lab.create("vipdev", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            // eth1 of each node, its other end eth1p in the same namespace, where the ARPs are heard.
            HostTests.addEth1(n1);
            HostTests.addEth1(n2);
            List<String> arps = new CopyOnWriteArrayList<>();
            Tcpdump.start(n1, arps, "-i", "eth1p", "-n", "-l", "--immediate-mode", "arp");
            String extra = "    excluded_ips: [" + EXCLUDED + "/24]\n";
            String vips = VIP + "/24, {address: " + EXT + "/24, interface: eth1}";
            List<String> log1 = new CopyOnWriteArrayList<>();
            Path c1 = PairConfig.write(dir, "n1", 3, 150, 10, true, vips, extra);
            Process agent1 = n1.start(AgentCommand.run(c1), echo(n1, log1));
            n2.start(AgentCommand.run(PairConfig.write(dir, "n2", 3, 100, 10, true, vips, extra)),
                    echo(n2, new CopyOnWriteArrayList<>()));

            Lab.await(Duration.ofSeconds(15), () -> on(n1, "eth1", EXT) && n1.hasAddress(VIP)
                    && n1.hasAddress(EXCLUDED), "n1 to hold the VIPs and the excluded address");
            assertFalse(on(n1, "eth0", EXT), "the eth1 VIP is not on eth0");
            Lab.await(Duration.ofSeconds(5), () -> arps.stream().anyMatch(l -> l.contains("Request who-has " + EXT)),
                    "n1's gratuitous ARP for " + EXT + " on eth1: " + arps);
            assertFalse(arps.stream().anyMatch(l -> l.contains("who-has " + VIP)), "eth0's VIP is announced on "
                    + "eth0 only: " + arps);
            Thread.sleep(500); // n2 has heard adverts for a while
            assertFalse(on(n2, "eth1", EXT) || n2.hasAddress(VIP) || n2.hasAddress(EXCLUDED), "nothing on n2");

            AgentStatus.InstanceStatus s1 = ControlClient.status(AgentCommand.socketFor(c1)).instances().get(0);
            assertEquals(List.of(VIP + "/24", EXT + "/24 dev eth1"), s1.virtualIps());
            assertEquals(List.of(VIP + "/24", EXT + "/24 dev eth1", EXCLUDED + "/24"), s1.heldVips());

            // The VIP guard watches eth1 too.
            n1.ip("addr", "del", EXT + "/24", "dev", "eth1").orThrow();
            Lab.await(Duration.ofSeconds(2), () -> on(n1, "eth1", EXT), "the guard to put " + EXT + " back on eth1");
            // Its line is read from the agent's output a moment after the address is back: wait for it too.
            Lab.await(Duration.ofSeconds(2), () -> log1.stream().anyMatch(l -> l.contains(
                    "was removed from eth1 by something other than floatip")), "said so: " + log1);

            n1.signal(agent1, "TERM");
            assertTrue(agent1.waitFor(10, TimeUnit.SECONDS), "n1's agent to stop");
            Lab.await(Duration.ofSeconds(5), () -> on(n2, "eth1", EXT) && n2.hasAddress(VIP)
                    && n2.hasAddress(EXCLUDED), "n2 to take over all three");
            assertFalse(on(n1, "eth1", EXT) || n1.hasAddress(VIP) || n1.hasAddress(EXCLUDED),
                    "a stopped n1 released all three");
        }
    }

    @Test
    void aReloadMovesAVipToASecondInterfaceOpenedThen() throws Exception {
        try (Lab lab = Lab.create("vipmove", 1)) {
            Node n1 = lab.node(1);
            HostTests.addEth1(n1);
            Path c1 = PairConfig.write(dir, "n1", 3, 150, 10, true, VIP + "/24, " + EXT + "/24", "");
            List<String> log = new CopyOnWriteArrayList<>();
            n1.start(AgentCommand.run(c1), echo(n1, log));
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(EXT), "n1 to hold " + EXT + " on eth0");

            PairConfig.write(dir, "n1", 3, 150, 10, true, VIP + "/24, {address: " + EXT + "/24, interface: eth1}",
                    "    excluded_ips: [{address: " + EXCLUDED + "/24, interface: eth1}]\n");
            var result = ControlClient.reload(AgentCommand.socketFor(c1));
            assertTrue(result.applied(), result.toString());
            assertTrue(result.messages().stream().anyMatch(m -> m.contains("VIP " + EXT + "/24 removed")
                    && m.contains("VIP " + EXT + "/24 dev eth1 added")
                    && m.contains("excluded address " + EXCLUDED + "/24 dev eth1 added")), result.messages().toString());
            Lab.await(Duration.ofSeconds(5), () -> on(n1, "eth1", EXT) && on(n1, "eth1", EXCLUDED)
                    && !n1.hasAddress(EXT), EXT + " and " + EXCLUDED + " on eth1, not eth0");
            assertTrue(n1.hasAddress(VIP), "the eth0 VIP stayed");
            assertTrue(log.stream().noneMatch(l -> l.contains("MASTER -> ")), "n1 stayed master: " + log);
        }
    }

    @Test
    void anInstanceWithNoVipElectsAndDrivesItsNotifyScripts() throws Exception {
        noVipPair(false);
    }

    /** family: ipv6 (keepalived's native_ipv6): VRRPv3 to ff02::12 from the link-local address, count 0. */
    @Test
    void anIpv6InstanceWithNoVipElectsAndDrivesItsNotifyScripts() throws Exception {
        noVipPair(true);
    }

    private void noVipPair(boolean ipv6) throws Exception {
        try (Lab lab = Lab.create(ipv6 ? "novip6" : "novip", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Process agent1 = n1.start(AgentCommand.run(config(n1, 150, ipv6)),
                    echo(n1, new CopyOnWriteArrayList<>()));
            Path told1 = dir.resolve("notify-n1.log");
            Path told2 = dir.resolve("notify-n2.log");
            Lab.await(Duration.ofSeconds(15), () -> lines(told1).contains("master"), "n1 told master");
            Path c2 = config(n2, 100, ipv6);
            n2.start(AgentCommand.run(c2), echo(n2, new CopyOnWriteArrayList<>()));
            Lab.await(Duration.ofSeconds(15), () -> lines(told2).contains("backup"), "n2 told backup");
            // n2 takes n1's adverts, which carry no address (count 0): it stays BACKUP.
            Thread.sleep(1_000);
            assertEquals(List.of("backup"), lines(told2), "n2 stayed backup for 1 s of count-0 adverts");
            AgentStatus.InstanceStatus s2 = ControlClient.status(AgentCommand.socketFor(c2)).instances().get(0);
            assertEquals("BACKUP", s2.state());
            assertTrue(s2.counters().advertsReceived() >= 5, "adverts taken: " + s2.counters());
            assertEquals(List.of(), s2.virtualIps());
            // The master heard is n1's link-local address for IPv6, its own IPv4 address otherwise.
            assertEquals(ipv6, s2.masterAddress().startsWith("fe80:"), "master " + s2.masterAddress());

            n1.signal(agent1, "TERM");
            assertTrue(agent1.waitFor(10, TimeUnit.SECONDS), "n1's agent to stop");
            Lab.await(Duration.ofSeconds(5), () -> lines(told2).equals(List.of("backup", "master")),
                    "n2 told master after n1 stopped: " + lines(told2));
            assertEquals(List.of("backup", "master", "stop"), lines(told1), "n1's scripts, in order");
        }
    }

    private Path config(Node node, int priority, boolean ipv6) throws Exception {
        Path notify = dir.resolve("notify-" + node.name() + ".sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$1\" >> " + dir.resolve("notify-" + node.name() + ".log")
                + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        return PairConfig.write(dir, node.name(), 3, priority, 10, true, "", (ipv6 ? "    family: ipv6\n" : "")
                + """
                    notify:
                      master: %s master
                      backup: %s backup
                      stop: %s stop
                global:
                  script_user: root
                """.formatted(notify, notify, notify));
    }

    private static java.util.function.Consumer<String> echo(Node node, List<String> log) {
        return line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        };
    }

    /** Whether {@code iface} of {@code node} carries {@code address}. */
    static boolean on(Node node, String iface, String address) {
        return node.ip("-o", "addr", "show", "dev", iface).orThrow().output().contains(" inet " + address + "/");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
