package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Configs that load, with every default applied. */
class ConfigLoaderValidTest {

    private static final Path RESOURCES = Path.of("src/test/resources/config");

    private static VirtualIp ip(String address, int prefix) throws Exception {
        return new VirtualIp(InetAddress.getByName(address), prefix);
    }

    @Test
    void minimalConfigGetsEveryDefault() throws Exception {
        Config config = ConfigLoader.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                """, "min.yaml");

        assertEquals(new GlobalConfig(Hostname.local(), "info"), config.global());
        assertEquals(Path.of("min.yaml"), config.source());
        assertEquals(List.of("VI_1"), List.copyOf(config.instances().keySet()));
        assertEquals(InstanceConfig.builder("VI_1", "eth0", 51).virtualIps(List.of(ip("198.51.100.50", 32))).build(),
                config.instances().get("VI_1"));
    }

    private static Inet4Address v4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }

    @Test
    void withoutTheNewKeysAnInstanceIsMulticastWithoutAuthentication() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                """, "x.yaml").instances().get("VI_1");
        assertNull(instance.unicastSource());
        assertEquals(List.of(), instance.unicastPeers());
        assertFalse(instance.unicast());
        assertNull(instance.authPassword());
    }

    @Test
    void unicastPeersAsAddressesAndAsMaps() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    unicast_source: 198.51.100.11
                    unicast_peers:
                      - 198.51.100.12
                      - {address: 198.51.100.13, min_ttl: 250, max_ttl: 255}
                      - address: 203.0.113.14
                        min_ttl: 64
                      - {address: 203.0.113.15}
                """, "x.yaml").instances().get("VI_1");
        assertTrue(instance.unicast());
        assertEquals(v4("198.51.100.11"), instance.unicastSource());
        assertEquals(List.of(
                UnicastPeer.of(v4("198.51.100.12")),
                new UnicastPeer(v4("198.51.100.13"), 250, 255),
                new UnicastPeer(v4("203.0.113.14"), 64, 255),
                UnicastPeer.of(v4("203.0.113.15"))), instance.unicastPeers());
    }

    @Test
    void unicastSourceIsOptional() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50], unicast_peers: [198.51.100.12]}
                """, "x.yaml").instances().get("VI_1");
        assertNull(instance.unicastSource());
        assertEquals(List.of(UnicastPeer.of(v4("198.51.100.12"))), instance.unicastPeers());
    }

    @Test
    void passAuthenticationKeepsThePasswordAsWritten() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    version: 2
                    authentication:
                      type: Pass
                      password: "s3 cr3t!"
                """, "x.yaml").instances().get("VI_1");
        assertEquals("s3 cr3t!", instance.authPassword());
    }

    @Test
    void numericPasswordIsReadAsText() throws Exception {
        InstanceConfig instance = ConfigLoader.parse("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    version: 2
                    authentication: {type: pass, password: 00012345}
                """, "x.yaml").instances().get("VI_1");
        assertEquals("00012345", instance.authPassword());
    }

    @Test
    void typeNoneOrAnEmptySectionMeansNoAuthentication() throws Exception {
        Config config = ConfigLoader.parse("""
                instances:
                  A: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.1], version: 2, authentication: {type: NONE}}
                  B: {interface: eth0, vrid: 2, virtual_ips: [198.51.100.2], version: 2, authentication: {}}
                """, "x.yaml");
        assertNull(config.instances().get("A").authPassword());
        assertNull(config.instances().get("B").authPassword());
    }

    @Test
    void hostnameIsTheDefaultRouterId() throws Exception {
        Config config = ConfigLoader.parse("instances: {VI_1: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.1]}}",
                "x.yaml", Path.of("x.yaml"), () -> "node-a");
        assertEquals("node-a", config.global().routerId());
    }

    @Test
    void emptySectionsMeanDefaults() throws Exception {
        Config config = ConfigLoader.parse("""
                global:
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    garp: {}
                """, "x.yaml", Path.of("x.yaml"), () -> "node-a");
        assertEquals(new GlobalConfig("node-a", "info"), config.global());
        assertEquals(GarpConfig.DEFAULT, config.instances().get("VI_1").garp());
    }

    @Test
    void everyKeySetIsReadFromAFileInFileOrder() throws Exception {
        Path file = RESOURCES.resolve("full.yaml");
        Config config = ConfigLoader.load(file);

        assertEquals(new GlobalConfig("lb-test-1", "debug"), config.global());
        assertEquals(file, config.source());
        assertEquals(List.of("VI_2", "VI_1"), List.copyOf(config.instances().keySet()));
        assertEquals(InstanceConfig.builder("VI_2", "bond0.100", 7).priority(255).version(2).advertIntervalCentis(300)
                .preempt(false).preemptDelayMillis(1_500)
                .virtualIps(List.of(ip("203.0.113.10", 28), ip("203.0.113.11", 32))).garp(new GarpConfig(0, 1))
                .authPassword("k33p-0ut").build(),
                config.instances().get("VI_2"));
        assertEquals(InstanceConfig.builder("VI_1", "eth0", 51).priority(1).advertIntervalCentis(4095)
                .preemptDelayMillis(1_000_000).virtualIps(List.of(ip("198.51.100.50", 24)))
                .garp(new GarpConfig(120_000, 255)).unicastSource(v4("198.51.100.11"))
                .unicastPeers(List.of(UnicastPeer.of(v4("198.51.100.12")), new UnicastPeer(v4("198.51.100.13"), 0, 254)))
                .build(),
                config.instances().get("VI_1"));
    }

    @Test
    void advertIntervalIsStoredInCentiseconds() throws Exception {
        Config config = ConfigLoader.parse("""
                instances:
                  A: {interface: eth0, vrid: 1, virtual_ips: [198.51.100.1], advert_interval: 10ms}
                  B: {interface: eth0, vrid: 2, virtual_ips: [198.51.100.2], advert_interval: 250ms}
                  C: {interface: eth0, vrid: 3, virtual_ips: [198.51.100.3], advert_interval: 2}
                  D: {interface: eth0, vrid: 4, virtual_ips: [198.51.100.4], advert_interval: 255s, version: 2}
                """, "x.yaml");
        assertEquals(List.of(1, 25, 200, 25_500), config.instances().values().stream()
                .map(InstanceConfig::advertIntervalCentis).toList());
    }

    @Test
    void sameVridAndAddressMayRepeatOnDifferentInterfaces() throws Exception {
        Config config = ConfigLoader.parse("""
                instances:
                  A: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                  B: {interface: eth1, vrid: 51, virtual_ips: [198.51.100.50]}
                """, "x.yaml");
        assertEquals(2, config.instances().size());
    }

    @Test
    void exactly255VirtualIpsAreAllowed() throws Exception {
        String ips = IntStream.range(0, 255).mapToObj(i -> "198.51.100." + i)
                .collect(Collectors.joining(", ", "[", "]"));
        Config config = ConfigLoader.parse("instances: {A: {interface: eth0, vrid: 1, virtual_ips: " + ips + "}}",
                "x.yaml");
        assertEquals(255, config.instances().get("A").virtualIps().size());
    }

    @Test
    void virtualIpPrintsAsWritten() throws Exception {
        assertEquals("198.51.100.50/24", ip("198.51.100.50", 24).toString());
    }

    @Test
    void loadNamesTheFileInErrors() {
        Path file = RESOURCES.resolve("several-errors.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(
                file + ":5:5: instances.VI_1.advert_intrval: unknown key; did you mean 'advert_interval'?",
                file + ":9:11: instances.VI_2.vrid: vrid 51 on eth0 is already used by instance VI_1 (line 4); "
                        + "instances VI_1 and VI_2 need different vrids"), e.errors());
    }

    @Test
    void missingFileIsOneLine() {
        Path file = RESOURCES.resolve("no-such.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(file + ": cannot read config: no such file"), e.errors());
    }

    @Test
    void directoryIsOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(RESOURCES));
        assertEquals(List.of(RESOURCES + ": cannot read config: is a directory, not a config file"), e.errors());
    }

    @Test
    void fileThatIsNotUtf8IsOneLine() {
        Path file = RESOURCES.resolve("not-utf8.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(file + ": cannot read config: not UTF-8 text"), e.errors());
    }
}
