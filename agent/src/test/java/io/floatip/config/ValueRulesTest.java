package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The single-value rules readers lean on: interface names and virtual addresses. */
class ValueRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "ens3", "bond0.100", "br-lan", "a", "fifteen_chars_x", "veth@1"})
    void acceptsLinuxInterfaceNames(String name) {
        assertEquals(Optional.empty(), InterfaceNames.problem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sixteen_chars_xx", ".", "..", "eth0/1", "eth 0", "eth\t0", "eth0:1"})
    void rejectsWhatTheKernelRejects(String name) {
        assertTrue(InterfaceNames.problem(name).isPresent(), name);
    }

    @ParameterizedTest
    @CsvSource({
        "198.51.100.50, 198.51.100.50/32",
        "198.51.100.50/24, 198.51.100.50/24",
        "203.0.113.7/0, 203.0.113.7/0",
        "' 203.0.113.7/32 ', 203.0.113.7/32",
        "0.0.0.0/8, 0.0.0.0/8",
    })
    void parsesAddressWithOptionalPrefix(String text, String written) {
        assertEquals(written, VirtualIpParser.parse(text).toString());
    }

    @Test
    void defaultPrefixIsThirtyTwo() {
        assertEquals(32, VirtualIpParser.parse("198.51.100.50").prefixLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lb.example", "198.51.100", "198.51.100.50.1", "198.51.100.050", "198.51.100.50/",
        "198.51.100.50/x", "", "/24"})
    void rejectsWhatIsNotAnAddress(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse(text));
        assertTrue(e.getMessage().startsWith("must be an IPv4 or IPv6 address"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.256", "256.51.100.1", "198.51.999.1/24"})
    void rejectsOctetsAbove255(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse(text));
        assertTrue(e.getMessage().startsWith("each part of an IPv4 address must be 0 to 255"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.50/33", "198.51.100.50/024", "198.51.100.50/100"})
    void rejectsPrefixesBeyond32(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse(text));
        assertTrue(e.getMessage().startsWith("prefix length must be between 0 and 32"), e.getMessage());
    }

    // IPv6 addresses: Ipv6ValueRulesTest.
}
