package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example shipped for users must stay valid as the schema grows. */
class ExampleConfigTest {

    private static VirtualIp ip(String address, int prefix) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), prefix);
    }

    @Test
    void theShippedExampleLoads() throws Exception {
        Config config = ConfigLoader.load(Path.of("../examples/floatip.yaml"));
        assertEquals("lb1", config.global().routerId());
        assertEquals(List.of("VI_WEB", "VI_API"), List.copyOf(config.instances().keySet()));
        InstanceConfig web = config.instances().get("VI_WEB");
        assertEquals("eth0", web.interfaceName());
        assertEquals(List.of(ip("198.51.100.50", 24), ip("198.51.100.51", 24)), web.virtualIps());
        assertEquals(30_000, web.preemptDelayMillis());
        InstanceConfig api = config.instances().get("VI_API");
        assertEquals(new InstanceConfig("VI_API", "eth0", 52, 90, 3, 100, true, 0,
                List.of(ip("198.51.100.60", 24)), GarpConfig.DEFAULT), api);
    }
}
