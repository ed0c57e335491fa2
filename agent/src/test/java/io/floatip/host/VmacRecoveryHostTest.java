package io.floatip.host;

import static io.floatip.host.VmacHostTest.VIP4;
import static io.floatip.host.VmacHostTest.VMAC4;
import static io.floatip.host.VmacHostTest.config;
import static io.floatip.host.VmacHostTest.hasAddress;
import static io.floatip.host.VmacHostTest.linkExists;
import static io.floatip.host.VmacHostTest.linkMac;
import static io.floatip.host.VmacHostTest.sysctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * use_vmac when something else interferes: the macvlan deleted under a running master is made again with its
 * VIP; after a SIGKILL the next start removes the macvlan the dead run left and puts the parent's arp sysctls
 * back to the operator's values (not to floatip's), never touching an operator's macvlan; a link-local VIP of
 * an accept: false instance is refused on the macvlan, where it lives.
 */
class VmacRecoveryHostTest {
    private static final String PARENT = "net/ipv4/conf/eth0/";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aMacvlanDeletedUnderAMasterIsMadeAgainWithItsVip() throws Exception {
        try (Lab lab = Lab.create("vmacdel", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            List<String> log = new CopyOnWriteArrayList<>();
            Path cfg = masterOnVmac(n1, log);
            String before = index(n1, "vrrp.51");

            n1.ip("link", "del", "vrrp.51").orThrow();
            long deleted = System.nanoTime();
            Lab.await(Duration.ofSeconds(5), () -> newWithVip(n1, before), "vrrp.51 made again with the VIP on it");
            System.out.printf("[timing] vrrp.51 back with the VIP within %d ms of ip link del exiting%n",
                    (System.nanoTime() - deleted) / 1_000_000);
            assertEquals(VMAC4, linkMac(n1, "vrrp.51"));
            assertTrue(alias(n1, "vrrp.51").startsWith("floatip pid="), "marked as floatip's: " + alias(n1, "vrrp.51"));
            assertEquals("1", sysctl(n1, "net/ipv4/conf/vrrp.51/arp_ignore"), "the new macvlan's sysctls set");
            var status = ControlClient.status(AgentCommand.socketFor(cfg)).instances().get(0);
            assertEquals("MASTER", status.state(), "still master: nothing failed, nothing backs off");
            assertEquals(1, status.counters().vmacRecreated(), "counted");
            assertEquals(null, status.claimBackoff(), "no claim failed");
            assertTrue(log.stream().anyMatch(l -> l.contains("vrrp.51 was deleted by something other than floatip; "
                    + "made it again")), "logged");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP4, Duration.ofMillis(500)), "the VIP answers");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "from the virtual MAC");

            // Twice: the second deletion is of the new index.
            String second = index(n1, "vrrp.51");
            n1.ip("link", "del", "vrrp.51").orThrow();
            Lab.await(Duration.ofSeconds(5), () -> newWithVip(n1, second), "vrrp.51 made again a second time");
            assertEquals(2, ControlClient.status(AgentCommand.socketFor(cfg)).instances().get(0).counters()
                    .vmacRecreated());
        }
    }

    /**
     * Set down rather than deleted (`ip link set vrrp.51 down`): set up again at once, the VIP on it, never FAULT
     * (keepalived: FAULT). Before, it stayed down under a master that could no longer send.
     */
    @Test
    void aMacvlanSetDownUnderAMasterIsSetUpAgainWithItsVip() throws Exception {
        try (Lab lab = Lab.create("vmacdown", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            List<String> log = new CopyOnWriteArrayList<>();
            Path cfg = masterOnVmac(n1, log);
            n1.ip("link", "set", "vrrp.51", "down").orThrow();
            long down = System.nanoTime();
            Lab.await(Duration.ofSeconds(5), () -> isUp(n1, "vrrp.51") && hasAddress(n1, "vrrp.51", VIP4),
                    "vrrp.51 up again with the VIP on it");
            System.out.printf("[timing] vrrp.51 up again with the VIP within %d ms of ip link set down exiting%n",
                    (System.nanoTime() - down) / 1_000_000);
            var after = ControlClient.status(AgentCommand.socketFor(cfg)).instances().get(0);
            assertEquals("MASTER", after.state(), "still master");
            assertEquals(1, after.counters().vmacRecreated(), "counted");
            Lab.await(Duration.ofSeconds(2), () -> log.stream().anyMatch(l -> l.contains(
                    "vrrp.51 was set down by something other than floatip; set it up again")), "logged");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP4, Duration.ofMillis(500)), "the VIP answers again");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "from the virtual MAC");
            assertTrue(log.stream().noneMatch(l -> l.contains(" -> FAULT")), "never in FAULT");
        }
    }

    /** n1 alone with use_vmac, started and holding the VIP on vrrp.51; its config's path. */
    private Path masterOnVmac(Node n1, List<String> log) throws java.io.IOException {
        Path cfg = Files.writeString(dir.resolve("n1.yaml"), config(150, VIP4 + "/24"));
        start(n1, cfg, log);
        Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp.51", VIP4), "n1 to hold the VIP on vrrp.51");
        return cfg;
    }

    /** IFF_UP in the interface's flags. */
    private static boolean isUp(Host h, String dev) {
        var r = h.exec("cat", "/sys/class/net/" + dev + "/flags");
        return r.ok() && (Integer.decode(r.output().trim()) & 1) != 0;
    }

    @Test
    void aStartAfterASigkillRemovesTheLeftoverMacvlanAndPutsTheSysctlsBack() throws Exception {
        try (Lab lab = Lab.create("vmackill", 1)) {
            Node n1 = lab.node(1);
            // The operator's values, none of them floatip's, and an operator's macvlans (one with an alias).
            n1.exec("sysctl", "-qw", "net.ipv4.conf.eth0.arp_ignore=2", "net.ipv4.conf.eth0.arp_filter=0",
                    "net.ipv4.conf.eth0.arp_announce=1").orThrow();
            n1.ip("link", "add", "mv0", "link", "eth0", "type", "macvlan", "mode", "private").orThrow();
            n1.ip("link", "add", "mv1", "link", "eth0", "type", "macvlan").orThrow();
            n1.ip("link", "set", "mv1", "alias", "floating ip, by hand").orThrow();
            List<String> log = new CopyOnWriteArrayList<>();
            Path cfg = Files.writeString(dir.resolve("n1.yaml"), config(150, VIP4 + "/24"));
            Process agent = start(n1, cfg, log);
            Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp.51", VIP4), "n1 to hold the VIP on vrrp.51");
            n1.signal(agent, "KILL");
            assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "killed");
            // What the kill left: the macvlan and floatip's values on the parent.
            assertTrue(linkExists(n1, "vrrp.51"), "a killed run leaves its macvlan");
            assertEquals(List.of("1", "1", "2"), parentValues(n1), "and its sysctls");

            // A start without use_vmac: the leftover goes, the operator's values come back.
            Path plain = Files.writeString(dir.resolve("plain.yaml"), config(150, VIP4 + "/24")
                    .replace("use_vmac: true", "use_vmac: false"));
            agent = start(n1, plain, log);
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP4), "n1 to hold the VIP on eth0");
            assertFalse(linkExists(n1, "vrrp.51"), "the leftover macvlan removed");
            assertEquals(List.of("2", "0", "1"), parentValues(n1), "the operator's values back");
            assertTrue(log.stream().anyMatch(l -> l.contains("deleted the macvlan vrrp.51 that floatip pid")),
                    "logged");
            assertTrue(linkExists(n1, "mv0") && linkExists(n1, "mv1"), "the operator's macvlans untouched");
            n1.signal(agent, "TERM");
            assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "stopped");

            // Killed again with use_vmac, then started with it: the next stop puts the operator's values back,
            // not the ones the killed run had set (which the new run found on the parent).
            agent = start(n1, cfg, log);
            Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp.51", VIP4), "the VIP on vrrp.51 again");
            n1.signal(agent, "KILL");
            assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "killed");
            String leftover = index(n1, "vrrp.51");
            agent = start(n1, cfg, log);
            Lab.await(Duration.ofSeconds(15), () -> newWithVip(n1, leftover), "a new vrrp.51 with the VIP");
            assertEquals(List.of("1", "1", "2"), parentValues(n1), "floatip's values while it runs");
            n1.signal(agent, "TERM");
            assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "stopped");
            assertFalse(linkExists(n1, "vrrp.51"), "a stop removes the macvlan");
            assertEquals(List.of("2", "0", "1"), parentValues(n1), "the operator's values, not the killed run's");
            assertTrue(linkExists(n1, "mv0") && linkExists(n1, "mv1"), "the operator's macvlans untouched");
        }
    }

    @Test
    void aLinkLocalVipOfAUseVmacInstanceIsRefusedOnTheMacvlan() throws Exception {
        HostTests.requireTool("nft", "nftables");
        try (Lab lab = Lab.create("vmacnft", 1)) {
            Node n1 = lab.node(1);
            n1.ip("addr", "add", "2001:db8:1::11/64", "dev", "eth0").orThrow();
            Path cfg = Files.writeString(dir.resolve("n1.yaml"), """
                    instances:
                      VI_6:
                        interface: eth0
                        vrid: 51
                        priority: 150
                        advert_interval: 100ms
                        use_vmac: true
                        accept: false
                        virtual_ips: [fe80::51/64, 2001:db8:1::50/64]
                    """);
            start(n1, cfg, new CopyOnWriteArrayList<>());
            Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp6.51", "fe80::51"), "n1 master on vrrp6.51");
            Lab.await(Duration.ofSeconds(5), () -> AcceptModeHostTest.table(n1).contains("fe80::51"),
                    "the drop rules: " + AcceptModeHostTest.table(n1));
            String table = AcceptModeHostTest.table(n1);
            assertTrue(table.contains("iifname \"vrrp6.51\" ip6 daddr fe80::51"), table);
            assertTrue(table.contains("oifname \"vrrp6.51\" ip6 saddr fe80::51"), table);
            assertFalse(table.contains("\"eth0\""), "not the parent, where the address is not: " + table);
            assertNotEquals("", table);
        }
    }

    private static List<String> parentValues(Host h) {
        return List.of(sysctl(h, PARENT + "arp_ignore"), sysctl(h, PARENT + "arp_filter"),
                sysctl(h, PARENT + "arp_announce"));
    }

    /** Whether vrrp.51 is another interface than {@code old} and has the VIP, read in an order races cannot fool. */
    private static boolean newWithVip(Host h, String old) {
        String now = index(h, "vrrp.51");
        return !now.isEmpty() && !now.equals(old) && hasAddress(h, "vrrp.51", VIP4) && index(h, "vrrp.51").equals(now);
    }

    private static String index(Host h, String dev) {
        var r = h.exec("cat", "/sys/class/net/" + dev + "/ifindex");
        return r.ok() ? r.output().trim() : "";
    }

    private static String alias(Host h, String dev) {
        return h.exec("cat", "/sys/class/net/" + dev + "/ifalias").orThrow().output().trim();
    }

    private static Process start(Node n, Path cfg, List<String> log) {
        return n.start(AgentCommand.run(cfg), line -> {
            log.add(line);
            System.out.println("[" + n.name() + "] " + line);
        });
    }
}
