package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.ProcessResult;
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
 * use_vmac: the VIP lives on a macvlan carrying the virtual router MAC (RFC 9568 7.3), so a client's neighbour
 * entry for it is that MAC on whichever node is master, and never has to change.
 */
class VmacHostTest {
    static final String VIP4 = "198.51.100.50";
    static final String VIP6 = "2001:db8:1::50";
    static final String VMAC4 = "00:00:5e:00:01:33"; // VRID 51
    static final String VMAC6 = "00:00:5e:00:02:33";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    static String config(int priority, String vip) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: %d
                    advert_interval: 100ms
                    use_vmac: true
                    virtual_ips: [%s]
                """.formatted(priority, vip);
    }

    @Test
    void ipv4TheClientSeesOneMacAcrossFailoverAndBack() throws Exception {
        try (Lab lab = Lab.create("vmac4", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            String arpIgnoreBefore = sysctl(n1, "net/ipv4/conf/eth0/arp_ignore");
            List<String> wire = new CopyOnWriteArrayList<>();
            Process dump = client.start(List.of("tcpdump", "-i", "eth0", "-n", "-e", "-l", "ip proto 112 or arp"),
                    wire::add);
            Lab.await(Duration.ofSeconds(10), () -> wire.stream().anyMatch(l -> l.contains("listening on")),
                    "tcpdump");
            List<Process> agents = start(n1, n2, VIP4 + "/24");
            Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp.51", VIP4), "n1 to hold the VIP on vrrp.51");
            assertFalse(n1.hasAddress(VIP4), "the VIP is on the macvlan, not on eth0");
            assertTrue(linkMac(n2, "vrrp.51").equals(VMAC4), "the backup has its macvlan too, with the VMAC");
            // Started together, n2 may have been master for a moment: it lets go when n1's first advert arrives.
            Lab.await(Duration.ofSeconds(2), () -> !(hasAddress(n2, "vrrp.51", VIP4) || n2.hasAddress(VIP4)),
                    "the backup to hold no VIP");
            assertEquals("1", sysctl(n1, "net/ipv4/conf/eth0/arp_ignore"), "the parent answers only for its own");
            assertEquals("1", sysctl(n1, "net/ipv4/conf/vrrp.51/arp_ignore"), "the macvlan answers only for the VIP");

            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP4, Duration.ofMillis(500)), "ping to n1");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "the client's entry for the VIP is the VMAC");
            Lab.await(Duration.ofSeconds(2), () -> wire.stream().anyMatch(l -> l.contains("VRRP")), "an advert");
            // A master's adverts come from the VMAC; a priority 0 after yielding (n2 may have been master for a
            // moment at the start) is a backup's, from its own MAC, so that the switch keeps the VMAC on n1.
            List<String> adverts = wire.stream().filter(l -> l.contains("VRRP")).toList();
            assertTrue(adverts.stream().allMatch(l -> l.contains("prio 0,") ? l.contains(n2.mac() + " > 01:00:5e")
                    : l.contains(VMAC4 + " > 01:00:5e:00:00:12")), "every master's advert comes from the VMAC: "
                    + adverts);

            n1.linkDown();
            Lab.await(Duration.ofSeconds(5), () -> hasAddress(n2, "vrrp.51", VIP4), "n2 to take the VIP over");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP4, Duration.ofMillis(200)), "ping to n2");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "the client's entry did not change");

            n1.linkUp();
            Lab.await(Duration.ofSeconds(5), () -> hasAddress(n1, "vrrp.51", VIP4)
                    && !hasAddress(n2, "vrrp.51", VIP4), "n1 to take it back");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP4, Duration.ofMillis(200)), "ping to n1 again");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "the client's entry never changed");
            // n2 yielded to n1's advert with a priority 0: a backup's, from its own MAC. From the VMAC it would
            // make the switch send the clients' frames for the VMAC to n2, which had just let the VIP go.
            Lab.await(Duration.ofSeconds(2), () -> wire.stream().anyMatch(l -> l.contains("prio 0,")),
                    "n2's priority 0 on yielding");
            List<String> zeros = wire.stream().filter(l -> l.contains("VRRP") && l.contains("prio 0,")).toList();
            assertTrue(zeros.stream().allMatch(l -> l.contains(n2.mac() + " > 01:00:5e:00:00:12")),
                    "the yielding node's priority 0 comes from its own MAC, not the VMAC: " + zeros);
            // Every ARP the VIP sends (gratuitous, answers, and the node's own requests from the VIP).
            List<String> claims = wire.stream().filter(l -> l.contains("tell " + VIP4 + ",")
                    || l.contains("Reply " + VIP4 + " ")).toList();
            assertFalse(claims.isEmpty(), "ARPs from the VIP seen");
            assertTrue(claims.stream().allMatch(l -> l.contains(VMAC4 + " > ") && !l.contains("is-at " + n1.mac())
                    && !l.contains("is-at " + n2.mac())), "every ARP from the VIP carries the VMAC: " + claims);

            n1.signal(agents.get(0), "TERM");
            agents.get(0).waitFor();
            assertFalse(linkExists(n1, "vrrp.51"), "a stopped agent leaves no macvlan");
            assertEquals(arpIgnoreBefore, sysctl(n1, "net/ipv4/conf/eth0/arp_ignore"), "arp_ignore put back");
            Lab.await(Duration.ofSeconds(5), () -> hasAddress(n2, "vrrp.51", VIP4), "n2 to take over on the stop");
            assertEquals(VMAC4, client.neighbourMac(VIP4), "still the one MAC");
            client.signal(dump, "INT");
        }
    }

    @Test
    void ipv6TheClientSeesOneMacAcrossFailover() throws Exception {
        try (Lab lab = Lab.create("vmac6", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            n1.ip("addr", "add", "2001:db8:1::11/64", "dev", "eth0").orThrow();
            n2.ip("addr", "add", "2001:db8:1::12/64", "dev", "eth0").orThrow();
            client.ip("addr", "add", "2001:db8:1::100/64", "dev", "eth0").orThrow();
            List<String> wire = new CopyOnWriteArrayList<>();
            Process dump = client.start(List.of("tcpdump", "-i", "eth0", "-n", "-e", "-l", "ip6 proto 112"),
                    wire::add);
            Lab.await(Duration.ofSeconds(10), () -> wire.stream().anyMatch(l -> l.contains("listening on")),
                    "tcpdump");
            List<Process> agents = start(n1, n2, VIP6 + "/64");
            Lab.await(Duration.ofSeconds(15), () -> hasAddress(n1, "vrrp6.51", VIP6), "n1 to hold the VIP");
            Lab.await(Duration.ofSeconds(2), () -> !hasAddress(n2, "vrrp6.51", VIP6), "the backup to hold no VIP");
            assertEquals(VMAC6, linkMac(n1, "vrrp6.51"));
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP6, Duration.ofMillis(500)), "ping -6 to n1");
            assertEquals(VMAC6, client.neighbourMac(VIP6), "the client's entry for the VIP is the VMAC");
            Lab.await(Duration.ofSeconds(2), () -> wire.stream().anyMatch(l -> l.contains("VRRP")), "an advert");
            List<String> adverts = wire.stream().filter(l -> l.contains("VRRP")).toList();
            assertTrue(adverts.stream().allMatch(l -> (l.contains("prio 0,") ? l.contains(n2.mac() + " > 33:33")
                    : l.contains(VMAC6 + " > 33:33:00:00:00:12")) && l.contains("fe80::")),
                    "a master's adverts from the VMAC (a yielding n2's priority 0 from its own MAC), link-local "
                    + "sources: " + adverts);

            n1.linkDown();
            Lab.await(Duration.ofSeconds(5), () -> hasAddress(n2, "vrrp6.51", VIP6), "n2 to take the VIP over");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP6, Duration.ofMillis(200)), "ping -6 to n2");
            assertEquals(VMAC6, client.neighbourMac(VIP6), "the client's entry did not change");

            n2.signal(agents.get(1), "TERM");
            agents.get(1).waitFor();
            assertFalse(linkExists(n2, "vrrp6.51"), "a stopped agent leaves no macvlan");
            client.signal(dump, "INT");
        }
    }

    @Test
    void aReloadTurnsUseVmacOnAndOff() throws Exception {
        try (Lab lab = Lab.create("vmacr", 1)) {
            Node n1 = lab.node(1);
            Path cfg = Files.writeString(dir.resolve("n1.yaml"), config(150, VIP4 + "/24")
                    .replace("use_vmac: true", "use_vmac: false"));
            Process agent = n1.start(AgentCommand.run(cfg), line -> System.out.println("[n1] " + line));
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP4), "n1 to hold the VIP on eth0");
            assertFalse(linkExists(n1, "vrrp.51"), "no macvlan without use_vmac");

            Files.writeString(cfg, config(150, VIP4 + "/24"));
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(10), () -> hasAddress(n1, "vrrp.51", VIP4) && !n1.hasAddress(VIP4),
                    "the replaced instance to hold the VIP on vrrp.51");

            Files.writeString(cfg, config(150, VIP4 + "/24").replace("use_vmac: true", "use_vmac: false"));
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(10), () -> n1.hasAddress(VIP4) && !linkExists(n1, "vrrp.51"),
                    "the VIP back on eth0 and the macvlan gone");
        }
    }

    List<Process> start(Node n1, Node n2, String vip) throws Exception {
        List<Process> agents = new ArrayList<>();
        for (Node n : new Node[]{n1, n2}) {
            Path cfg = Files.writeString(dir.resolve(n.name() + ".yaml"), config(n == n1 ? 150 : 100, vip));
            agents.add(n.start(AgentCommand.run(cfg), line -> System.out.println("[" + n.name() + "] " + line)));
        }
        return agents;
    }

    static boolean hasAddress(Host h, String dev, String ip) {
        ProcessResult r = h.ip("-o", "addr", "show", "dev", dev);
        return r.ok() && r.output().contains(" " + ip + "/");
    }

    static boolean linkExists(Host h, String dev) {
        return h.ip("-o", "link", "show", "dev", dev).ok();
    }

    static String linkMac(Host h, String dev) {
        String out = h.ip("-o", "link", "show", "dev", dev).orThrow().output();
        int at = out.indexOf("link/ether ");
        return at < 0 ? null : out.substring(at + 11, at + 28);
    }

    static String sysctl(Host h, String key) {
        return h.exec("cat", "/proc/sys/" + key).orThrow().output().trim();
    }
}
