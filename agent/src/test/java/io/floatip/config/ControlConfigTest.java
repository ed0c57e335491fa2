package io.floatip.config;

import static io.floatip.config.Yaml.assertSchemaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** global.control_socket and global.metrics: defaults, values, and one exact line per mistake. */
class ControlConfigTest {

    private static final String INSTANCES = """
            instances:
              VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
            """;

    private static GlobalConfig global(String globalSection) throws ConfigException {
        return ConfigLoader.parseWithoutHostChecks(globalSection + INSTANCES, "x.yaml").global();
    }

    private static InetSocketAddress at(String address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    @Nested
    class Valid {

        @Test
        void withoutGlobalTheSocketIsTheDefaultAndMetricsAreOff() throws Exception {
            GlobalConfig g = global("");
            assertEquals(Path.of("/run/floatip/control.sock"), g.controlSocket());
            assertEquals(GlobalConfig.DEFAULT_CONTROL_SOCKET, g.controlSocket());
            assertNull(g.metricsListen());
        }

        @Test
        void withAGlobalThatSetsNeither() throws Exception {
            GlobalConfig g = global("global: {router_id: lb1}\n");
            assertEquals(GlobalConfig.DEFAULT_CONTROL_SOCKET, g.controlSocket());
            assertNull(g.metricsListen());
            // The older constructors mean the same defaults, so configs compare equal as before.
            assertEquals(new GlobalConfig("lb1", "info"), g);
        }

        @Test
        void bothKeysSet() throws Exception {
            GlobalConfig g = global("""
                    global:
                      router_id: lb1
                      control_socket: /run/lb/floatip.sock
                      metrics:
                        listen: 127.0.0.1:9650
                    """);
            assertEquals(new GlobalConfig("lb1", "info", null, false, null, Path.of("/run/lb/floatip.sock"),
                    at("127.0.0.1", 9650)), g);
        }

        @Test
        void listenOnIpv6InBrackets() throws Exception {
            GlobalConfig g = global("global: {metrics: {listen: \"[::1]:9100\"}}\n");
            assertEquals(at("::1", 9100), g.metricsListen());
        }

        @Test
        void listenOnLocalhostIsIpv4LoopbackWithoutALookup() throws Exception {
            GlobalConfig g = global("global: {metrics: {listen: localhost:1}}\n");
            assertEquals(at("127.0.0.1", 1), g.metricsListen());
        }

        @Test
        void listenOnEveryAddressWhenAskedTo() throws Exception {
            assertEquals(at("0.0.0.0", 65535), global("global: {metrics: {listen: 0.0.0.0:65535}}\n").metricsListen());
        }

        @Test
        void recordRefusesARelativeSocket() {
            assertThrows(IllegalArgumentException.class,
                    () -> new GlobalConfig("lb1", "info", null, false, null, Path.of("control.sock"), null));
            assertThrows(NullPointerException.class,
                    () -> new GlobalConfig("lb1", "info", null, false, null, null, null));
        }
    }

    @Nested
    class ControlSocketErrors {

        @Test
        void relativePath() {
            assertSchemaError("bad.yaml:2:19: global.control_socket: must be an absolute path to a socket file, "
                    + "like /run/floatip/control.sock, got 'control.sock'", """
                    global:
                      control_socket: control.sock
                    """ + INSTANCES);
        }

        @Test
        void directory() {
            assertSchemaError("bad.yaml:2:19: global.control_socket: must be an absolute path to a socket file, "
                    + "like /run/floatip/control.sock, got '/run/floatip/'", """
                    global:
                      control_socket: /run/floatip/
                    """ + INSTANCES);
        }

        @Test
        void tooLongForSunPath() {
            String path = "/run/" + "a".repeat(103);
            assertSchemaError("bad.yaml:2:19: global.control_socket: is 108 bytes long; a UNIX socket path can "
                    + "have at most 107", "global:\n  control_socket: " + path + "\n" + INSTANCES);
        }

        @Test
        void longestPathIsAccepted() throws Exception {
            String path = "/run/" + "a".repeat(102);
            assertEquals(Path.of(path), global("global:\n  control_socket: " + path + "\n").controlSocket());
        }

        @Test
        void noValue() {
            assertSchemaError("bad.yaml:2:3: global.control_socket: has no value; give it one, or remove the key "
                    + "to use the default", """
                    global:
                      control_socket:
                    """ + INSTANCES);
        }

        @Test
        void aList() {
            assertSchemaError("bad.yaml:2:19: global.control_socket: must be a single value, got a list", """
                    global:
                      control_socket: [/run/a.sock]
                    """ + INSTANCES);
        }
    }

    @Nested
    class MetricsErrors {

        private void assertListenError(String message, String listen) {
            assertSchemaError("bad.yaml:3:13: global.metrics.listen: " + message, """
                    global:
                      metrics:
                        listen: %s
                    """.formatted(listen) + INSTANCES);
        }

        @Test
        void listenIsRequired() {
            assertSchemaError("bad.yaml:2:3: global.metrics.listen: missing; this key is required", """
                    global:
                      metrics:
                    """ + INSTANCES);
        }

        @Test
        void listenIsRequiredInAnEmptyMap() {
            assertSchemaError("bad.yaml:2:12: global.metrics.listen: missing; this key is required", """
                    global:
                      metrics: {}
                    """ + INSTANCES);
        }

        @Test
        void unknownKeyInMetrics() {
            assertSchemaError("bad.yaml:4:5: global.metrics.path: unknown key; known keys here: listen", """
                    global:
                      metrics:
                        listen: 127.0.0.1:9650
                        path: /metrics
                    """ + INSTANCES);
        }

        @Test
        void metricsAsAScalar() {
            assertSchemaError("bad.yaml:2:12: global.metrics: must be a map of keys, got the single value "
                    + "'127.0.0.1:9650'; write it as metrics: {listen: 127.0.0.1:9650}",
                    """
                    global:
                      metrics: 127.0.0.1:9650
                    """ + INSTANCES);
        }

        @Test
        void noPort() {
            assertListenError("must be HOST:PORT, like 127.0.0.1:9650 or \"[::1]:9650\", got '127.0.0.1'",
                    "127.0.0.1");
        }

        @Test
        void noHost() {
            assertListenError("must be HOST:PORT, like 127.0.0.1:9650 or \"[::1]:9650\", got ':9650'", "\":9650\"");
        }

        @Test
        void portZero() {
            assertListenError("the port must be between 1 and 65535, got 0", "127.0.0.1:0");
        }

        @Test
        void portTooHigh() {
            assertListenError("the port must be between 1 and 65535, got 65536", "127.0.0.1:65536");
        }

        @Test
        void portNotANumber() {
            assertListenError("the port must be a number between 1 and 65535, got 'http'", "127.0.0.1:http");
        }

        @Test
        void hostName() {
            assertListenError("the host must be an IPv4 address, an IPv6 address in brackets or localhost (names "
                    + "are not looked up), got 'metrics.example.net'", "metrics.example.net:9650");
        }

        @Test
        void badIpv4() {
            assertListenError("each part of an IPv4 address must be 0 to 255, got '127.0.0.256'",
                    "127.0.0.256:9650");
        }

        @Test
        void shortIpv4() {
            assertListenError("must be an IPv4 address like 127.0.0.1 before the port, got '127.1'", "127.1:9650");
        }

        @Test
        void ipv6WithoutBrackets() {
            assertListenError("an IPv6 address needs brackets, like 127.0.0.1:9650 or \"[::1]:9650\" (quoted, or "
                    + "YAML reads a list), got '::1:9650'", "\"::1:9650\"");
        }

        @Test
        void badIpv6() {
            assertListenError("'::g' is not an IPv6 address, in '[::g]:9650'", "\"[::g]:9650\"");
        }

        @Test
        void ipv6BracketNotClosed() {
            assertListenError("must be HOST:PORT, like 127.0.0.1:9650 or \"[::1]:9650\", got '[::1:9650'",
                    "\"[::1:9650\"");
        }
    }
}
