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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples shipped for users must stay valid as the schema grows. They are loaded without host checks:
 * the scripts they name belong to the user's machine, not this one.
 */
class ExampleConfigTest {

    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path tempDir;

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
        assertFalse(ConfigLoader.loadWithoutHostChecks(example).instances().isEmpty());
    }

    @Test
    void theMainExampleLoads() throws Exception {
        Config config = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("floatip.yaml"));
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
        InstanceConfig web = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("unicast.yaml")).instances().get("VI_WEB");
        assertEquals(3, web.version());
        assertTrue(web.unicast());
        assertEquals(v4("198.51.100.11"), web.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.12"))), web.unicastPeers());
    }

    @Test
    void theAuthenticationExampleIsVersion2WithAPassword() throws Exception {
        InstanceConfig legacy = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("vrrpv2-auth.yaml")).instances().get("VI_LEGACY");
        assertEquals(2, legacy.version());
        assertEquals(100, legacy.advertIntervalCentis());
        assertEquals("flo4t-ip", legacy.authPassword());
        assertFalse(legacy.unicast());
    }

    @Test
    void theHaproxyExampleTracksItsCheckScript() throws Exception {
        Config config = ConfigLoader.loadWithoutHostChecks(EXAMPLES.resolve("haproxy-pair.yaml"));
        assertEquals("floatip_script", config.global().scriptUser());
        Command check = Command.of("/usr/share/floatip/check-scripts/check_haproxy");
        assertEquals(new ScriptConfig("chk_haproxy", check, 1_000, 1_000, 2, 2, -60, false),
                config.scripts().get("chk_haproxy"));
        InstanceConfig vi1 = config.instances().get("VI_1");
        assertEquals(List.of(new TrackedScript("chk_haproxy", -60)), vi1.trackScripts());
        assertEquals(new NotifyConfig(null, null, null, null, Command.of("/etc/floatip/notify.sh")),
                vi1.notifications());
    }

    @Test
    void theHaproxyExamplePassesHostChecksWhereItsScriptsAreSafe() throws Exception {
        TestHost.assumeRootOrCi();
        TestHost.RootedFiles files = new TestHost.RootedFiles(tempDir);
        files.file("/usr/share/floatip/check-scripts/check_haproxy", "rwxr-xr-x");
        files.file("/etc/floatip/notify.sh", "rwxr-x---");
        String text = Files.readString(EXAMPLES.resolve("haproxy-pair.yaml"));
        Config config = Yaml.parse(text, TestHost.host(files));
        assertEquals("floatip_script", config.global().scriptUser());
        assertEquals("/etc/floatip/notify.sh", config.instances().get("VI_1").notifications().any().program());
    }
}
