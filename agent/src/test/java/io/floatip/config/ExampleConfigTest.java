package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples shipped for users must stay valid as the schema grows. */
class ExampleConfigTest {

    private static final Path EXAMPLES = Path.of("../examples");

    private static VirtualIp ip(String address, int prefix) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), prefix);
    }

    private static Inet4Address v4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }

    /** Every example, found rather than listed, so a new one cannot be forgotten here. */
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
            return yaml;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleLoads(Path example) throws Exception {
        assertFalse(ConfigLoader.load(example).instances().isEmpty());
    }

    @Test
    void theMainExampleLoads() throws Exception {
        Config config = ConfigLoader.load(EXAMPLES.resolve("floatip.yaml"));
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

    @Test
    void theUnicastExampleIsAVersion3PairInUnicastMode() throws Exception {
        InstanceConfig web = ConfigLoader.load(EXAMPLES.resolve("unicast.yaml")).instances().get("VI_WEB");
        assertEquals(3, web.version());
        assertTrue(web.unicast());
        assertEquals(v4("198.51.100.11"), web.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.12"))), web.unicastPeers());
    }

    @Test
    void theAuthenticationExampleIsVersion2WithAPassword() throws Exception {
        InstanceConfig legacy = ConfigLoader.load(EXAMPLES.resolve("vrrpv2-auth.yaml")).instances().get("VI_LEGACY");
        assertEquals(2, legacy.version());
        assertEquals(100, legacy.advertIntervalCentis());
        assertEquals("flo4t-ip", legacy.authPassword());
        assertFalse(legacy.unicast());
    }
}
