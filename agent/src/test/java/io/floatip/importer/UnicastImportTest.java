package io.floatip.importer;

import static io.floatip.importer.Imports.load;
import static io.floatip.importer.Imports.v4;
import static io.floatip.importer.Imports.vip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floatip.config.Config;
import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cloud pair: unicast peers with TTL ranges, VRRPv3 from global_defs, a sub-second interval, global GARP. */
class UnicastImportTest {

    @Test
    void theCloudNode() throws Exception {
        ImportResult result = Imports.corpus("unicast-cloud.conf");
        Config config = load(result);
        assertEquals("cloud-a", config.global().routerId());
        assertNull(config.global().scriptUser());

        InstanceConfig vi = config.instances().get("VI_CLOUD");
        assertEquals("ens5", vi.interfaceName());
        assertEquals(60, vi.vrid());
        assertEquals(120, vi.priority());
        assertEquals(3, vi.version());
        assertEquals(50, vi.advertIntervalCentis());
        assertFalse(vi.preempt());
        assertEquals(0, vi.preemptDelayMillis());
        assertEquals(List.of(vip("203.0.113.100", 24)), vi.virtualIps());
        assertEquals(new GarpConfig(0, 2), vi.garp());
        assertEquals(v4("203.0.113.11"), vi.unicastSource());
        // A missing max_ttl is 255 and a missing min_ttl 0, as keepalived checks only the bounds given.
        assertEquals(List.of(UnicastPeer.of(v4("203.0.113.12")), new UnicastPeer(v4("203.0.113.13"), 250, 255),
                new UnicastPeer(v4("203.0.113.14"), 0, 254)), vi.unicastPeers());
        assertNull(vi.authPassword());
    }

    @Test
    void onlyANoteOnThePeerWithoutATtlRange() throws Exception {
        ImportResult result = Imports.corpus("unicast-cloud.conf");
        assertFalse(result.leftOut());
        assertEquals(List.of("unicast-cloud.conf:18 note: unicast_peer: floatip takes adverts from a peer without "
                + "min_ttl/max_ttl only with TTL 255, as sent on the same link"), Imports.warnings(result));
    }
}
