package io.floatip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.config.Config;
import io.floatip.config.ConfigLoader;
import io.floatip.config.InstanceConfig;
import org.junit.jupiter.api.Test;

/** A reload that changes an instance's family replaces it: its adverts go to another group from another source. */
class FamilyReloadTest {

    private static InstanceConfig vi(String keys) throws Exception {
        Config c = ConfigLoader.parse("instances:\n  VI_1: {interface: eth0, vrid: 51" + keys + "}\n", "f.yaml");
        return c.instances().get("VI_1");
    }

    @Test
    void aFamilyChangeIsNotInPlace() throws Exception {
        assertEquals(false, InstanceChange.inPlace(vi(""), vi(", family: ipv6")));
        assertEquals(false, InstanceChange.inPlace(vi(", virtual_ips: [198.51.100.50]"),
                vi(", virtual_ips: [2001:db8::50]")));
        assertEquals(true, InstanceChange.inPlace(vi(", family: ipv6"), vi(", virtual_ips: [2001:db8::50]")),
                "the same family: the VIPs change in place");
    }
}
