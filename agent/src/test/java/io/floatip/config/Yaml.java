package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Test helpers: parse config text named {@code bad.yaml} and look at the error lines. */
final class Yaml {

    static final String SOURCE = "bad.yaml";

    private Yaml() {
    }

    static List<String> errors(String text) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(text, SOURCE)).errors();
    }

    /** The errors without host checks: the config as written, whatever this machine has. */
    static List<String> schemaErrors(String text) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parseWithoutHostChecks(text, SOURCE)).errors();
    }

    /** Asserts that {@code expected} is the only error without host checks. */
    static void assertSchemaError(String expected, String text) {
        List<String> errors = schemaErrors(text);
        assertTrue(errors.equals(List.of(expected)), () -> "expected only the line\n  " + expected + "\nbut got\n  "
                + String.join("\n  ", errors));
    }

    /**
     * A valid multicast instance VI_1 on lines 1..5 (eth0, VRID 51, 198.51.100.50/32); {@code lines} follow
     * from line 6, indented under VI_1, so an error's line and column can be counted from here.
     */
    static String instanceWith(String lines) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                """ + lines.indent(4);
    }

    static Config parse(String text, HostChecks host) throws ConfigException {
        return ConfigLoader.parse(text, SOURCE, Path.of(SOURCE), () -> "node-a", Optional.of(host));
    }

    static List<String> errors(String text, HostChecks host) {
        return assertThrows(ConfigException.class, () -> parse(text, host)).errors();
    }

    /** Asserts that {@code expected} is one of the error lines, exactly. */
    static void assertError(String expected, String text) {
        List<String> errors = errors(text);
        assertTrue(errors.contains(expected), () -> "expected the line\n  " + expected + "\nin\n  "
                + String.join("\n  ", errors));
    }

    /** Asserts that there is exactly one error and that it starts with {@code prefix}. */
    static String assertOnlyErrorStartsWith(String prefix, String text) {
        List<String> errors = errors(text);
        assertTrue(errors.size() == 1 && errors.get(0).startsWith(prefix),
                () -> "expected one line starting\n  " + prefix + "\nbut got\n  " + String.join("\n  ", errors));
        return errors.get(0);
    }
}
