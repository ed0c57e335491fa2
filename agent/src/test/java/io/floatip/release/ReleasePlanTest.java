package io.floatip.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.Config;
import io.floatip.config.ConfigLoader;
import io.floatip.net.InterfaceAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the config's own VIPs, as the agent adds them, on their instance's interface, are taken away. */
class ReleasePlanTest {
    private static final String CONFIG = """
            instances:
              VI_1: {interface: eth0, vrid: 51, priority: 150, virtual_ips: [198.51.100.50/24, 198.51.100.51/32]}
              VI_2: {interface: eth1, vrid: 52, virtual_ips: ["2001:db8::50/64"]}
            """;

    @Test
    void removesTheVipsThatAreThereWithTheirPrefix() throws Exception {
        Config c = ConfigLoader.parseWithoutHostChecks(CONFIG, "floatip.yaml");
        ReleasePlan plan = ReleasePlan.of(c, Map.of(
                "eth0", List.of(address("198.51.100.10", 24), address("198.51.100.50", 24), address("198.51.100.51", 32)),
                "eth1", List.of(address("2001:db8::1", 64), address("2001:db8::50", 64))));
        assertEquals(List.of("VI_1 eth0 198.51.100.50/24", "VI_1 eth0 198.51.100.51/32", "VI_2 eth1 2001:db8::50/64"),
                plan.removals().stream().map(r -> r.instance() + " " + r.interfaceName() + " " + r.vip()).toList());
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void leavesOtherAddressesTheSameAddressWithAnotherPrefixAndOtherInterfaces() throws Exception {
        Config c = ConfigLoader.parseWithoutHostChecks(CONFIG, "floatip.yaml");
        ReleasePlan plan = ReleasePlan.of(c, Map.of(
                // .50 as someone's /32 on eth0; .51 on eth1, not its instance's interface.
                "eth0", List.of(address("198.51.100.10", 24), address("198.51.100.50", 32)),
                "eth1", List.of(address("198.51.100.51", 32))));
        assertEquals(List.of(), plan.removals());
        assertEquals(List.of("VI_1: left 198.51.100.50/32 on eth0: the VIP is 198.51.100.50/24, so floatip did not add it"),
                plan.notes());
    }

    @Test
    void aMissingInterfaceIsNotedNotAnError() throws Exception {
        Config c = ConfigLoader.parseWithoutHostChecks(CONFIG, "floatip.yaml");
        ReleasePlan plan = ReleasePlan.of(c, Map.of("eth0", List.of(address("198.51.100.50", 24))));
        assertEquals(List.of("VI_1 198.51.100.50/24"),
                plan.removals().stream().map(r -> r.instance() + " " + r.vip()).toList());
        assertEquals(List.of("VI_2: interface eth1 is gone, and its addresses with it"), plan.notes());
    }

    private static InterfaceAddress address(String text, int prefix) throws Exception {
        return new InterfaceAddress(1, InetAddress.getByName(text), prefix, InterfaceAddress.IFA_F_PERMANENT, null);
    }
}
