package io.floatip.host;

import static io.floatip.host.HostTests.ms;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dual-stack pair: an IPv4 and an IPv6 instance sharing VRID 51 on one interface, as RFC 9568 allows. */
class Ipv6Test {
    static final String VIP4 = "198.51.100.50";
    static final String VIP6 = "2001:db8:1::50";
    static final long MARGIN_MS = 400;

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    static String config(int priority) {
        return """
                instances:
                  VI_4:
                    interface: eth0
                    vrid: 51
                    priority: %d
                    advert_interval: 100ms
                    virtual_ips: [%s/24]
                  VI_6:
                    interface: eth0
                    vrid: 51
                    priority: %d
                    advert_interval: 100ms
                    virtual_ips: [%s/64]
                """.formatted(priority, VIP4, priority, VIP6);
    }

    @Test
    void theIpv6VipFailsOverAndTheClientsNeighbourEntryFollows() throws Exception {
        try (Lab lab = Lab.create("v6", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Host client = lab.client();
            HostTests.addIpv6(lab);
            for (Node n : new Node[]{n1, n2}) {
                Path cfg = Files.writeString(dir.resolve(n.name() + ".yaml"), config(n == n1 ? 150 : 100));
                n.start(AgentCommand.run(cfg), line -> System.out.println("[" + n.name() + "] " + line));
            }
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress(VIP6) && n1.hasAddress(VIP4)
                    && !n2.hasAddress(VIP6) && !n2.hasAddress(VIP4), "n1 to hold both VIPs");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP6, Duration.ofMillis(500)), "ping -6 to n1");
            assertTrue(n1.mac().equals(client.neighbourMac(VIP6)), "the client's entry points to n1");

            long cut = System.nanoTime();
            n1.linkDown();
            Lab.await(Duration.ofSeconds(5), () -> n2.hasAddress(VIP6), "n2 to take the IPv6 VIP");
            long takeover = System.nanoTime() - cut;
            // The unsolicited NA (override) moves the entry: look before any new neighbour discovery.
            Lab.await(Duration.ofSeconds(2), () -> n2.mac().equals(client.neighbourMac(VIP6)),
                    "the client's neighbour entry to point to n2");
            Lab.await(Duration.ofSeconds(5), () -> client.ping(VIP6, Duration.ofMillis(100)), "ping -6 to n2");
            long resumed = System.nanoTime() - cut;
            long mdi = Timers.masterDownInterval(100, 10);
            System.out.printf("[timing] IPv6: link cut -> n2 holds VIP %d ms, ping -6 answered again %d ms "
                    + "(Master_Down_Interval %d ms)%n", ms(takeover), ms(resumed), ms(mdi));
            assertTrue(ms(resumed) <= ms(mdi) + MARGIN_MS, "ping resumed after " + ms(resumed) + " ms");
            // Its own Master_Down_Interval runs from its own last advert, which may be up to an interval
            // later than the IPv6 instance's: it moves within one more interval, not necessarily already.
            Lab.await(Duration.ofMillis(mdi / 1_000_000 + 100), () -> n2.hasAddress(VIP4),
                    "the IPv4 instance to move too");

            n1.linkUp();
            Lab.await(Duration.ofSeconds(5), () -> n1.hasAddress(VIP6) && !n2.hasAddress(VIP6), "n1 to take it back");
            Lab.await(Duration.ofSeconds(2), () -> n1.mac().equals(client.neighbourMac(VIP6)),
                    "the client's entry to point back to n1");
        }
    }
}
