package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.GlobalConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.control.Metrics;
import io.floatip.status.AgentStatus;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The status snapshot across a reload: the start time is the agent's, the config the new one. */
class StatusCollectorTest {
    private static Config config(String routerId) throws Exception {
        InstanceConfig vi = InstanceConfig.builder("VI_1", "eth0", 51).priority(150)
                .virtualIps(List.of(new VirtualIp(InetAddress.getByName("198.51.100.50"), 24))).build();
        return new Config(new GlobalConfig(routerId, "info"), Map.of("VI_1", vi), Path.of("floatip.yaml"));
    }

    @Test
    void aReloadKeepsTheStartTimeAndTakesTheNewConfig() throws Exception {
        Config first = config("node-a");
        try (TrackingSetup tracking = new TrackingSetup(first, new EventLoop(), null)) {
            long startedAt = 1_700_000_000_123L;
            StatusCollector collector = new StatusCollector(first, new CopyOnWriteArrayList<>(), Map.of(), tracking,
                    new VirtualScheduler(), startedAt);
            AgentStatus before = collector.collect();
            collector.reloaded(config("node-b"));
            AgentStatus after = collector.collect();
            assertEquals(startedAt, before.startedAtMillis());
            assertEquals(startedAt, after.startedAtMillis(), "the start time survives the reload");
            assertEquals("node-a", before.routerId());
            assertEquals("node-b", after.routerId(), "the reloaded config shows");
            assertTrue(Metrics.render(after).contains("floatip_start_time_seconds 1700000000.123"),
                    Metrics.render(after));
        }
    }
}
