package io.floatip.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.VirtualIp;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nft input, line by line: one transaction that replaces the table, keepalived's rules, nothing else. */
class NftRulesetTest {

    private static VirtualIp vip(String text, int length, String dev) throws Exception {
        return new VirtualIp(InetAddress.getByName(text), length, dev);
    }

    @Test
    void nothingRefusedRemovesTheTableAndLeavesNoneBehind() {
        String remove = "table inet floatip {}\ndelete table inet floatip\n";
        assertEquals(remove, NftRuleset.remove());
        assertEquals(remove, NftRuleset.replace(Map.of(), Map.of()));
        assertEquals(remove, NftRuleset.replace(Map.of("VI_1", List.of()), Map.of("VI_1", "eth0")));
    }

    @Test
    void eachAddressIsDroppedInAndOutWithItsInstanceNamedAndNeighbourDiscoveryPasses() throws Exception {
        Map<String, List<VirtualIp>> refused = new LinkedHashMap<>();
        refused.put("VI_1", List.of(vip("198.51.100.50", 24, null), vip("203.0.113.9", 24, "eth1")));
        refused.put("VI_6", List.of(vip("2001:db8::50", 64, null), vip("fe80::50", 64, null)));
        String expected = """
                table inet floatip {}
                delete table inet floatip
                table inet floatip {
                    chain input {
                        type filter hook input priority -1; policy accept;
                        icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
                        ip daddr 198.51.100.50 counter drop comment "VI_1"
                        ip daddr 203.0.113.9 counter drop comment "VI_1"
                        ip6 daddr 2001:db8:0:0:0:0:0:50 counter drop comment "VI_6"
                        iifname "eth0" ip6 daddr fe80:0:0:0:0:0:0:50 counter drop comment "VI_6"
                    }
                    chain output {
                        type filter hook output priority -1; policy accept;
                        icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
                        ip saddr 198.51.100.50 counter drop comment "VI_1"
                        ip saddr 203.0.113.9 counter drop comment "VI_1"
                        ip6 saddr 2001:db8:0:0:0:0:0:50 counter drop comment "VI_6"
                        oifname "eth0" ip6 saddr fe80:0:0:0:0:0:0:50 counter drop comment "VI_6"
                    }
                }
                """;
        assertEquals(expected, NftRuleset.replace(refused, Map.of("VI_1", "eth0", "VI_6", "eth0")));
    }

    @Test
    void aNameCannotBreakOutOfItsComment() {
        assertEquals("a_b_c_d", NftRuleset.comment("a\"b\\c\nd"));
        assertEquals(100, NftRuleset.comment("x".repeat(300)).length());
    }
}
