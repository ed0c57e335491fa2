package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 virtual addresses: the strict literal parser (never DNS), prefix lengths, and what is refused. */
class Ipv6ValueRulesTest {

    @ParameterizedTest
    @CsvSource({
        "2001:db8:1::50/64, 2001:db8:1::50/64",
        "2001:db8:1::50, 2001:db8:1::50/128",
        "2001:DB8:0001:0000:0000:0000:0000:0050/64, 2001:db8:1::50/64",
        "fe80::50, fe80::50/128",
        "fe80::ff:fe00:11/64, fe80::ff:fe00:11/64",
        "febf:ffff::1/10, febf:ffff::1/10",
        "2001:db8::, 2001:db8::/128",
        "2001:db8:0:0:1:0:0:1/64, 2001:db8::1:0:0:1/64",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1/128",
        "2001:db8:1:2:3:4:5::, 2001:db8:1:2:3:4:5:0/128",
        "::2001:db8:1:2:3:4:5, 0:2001:db8:1:2:3:4:5/128",
        "2001:db8:1:2:3:4:5:6/0, 2001:db8:1:2:3:4:5:6/0",
        "64:ff9b::198.51.100.50/96, 64:ff9b::c633:6432/96",
        "' 2001:db8::50/64 ', 2001:db8::50/64",
        "2001:db8::50/128, 2001:db8::50/128",
        "::2, ::2/128",
    })
    void parsesAddressWithOptionalPrefix(String text, String written) {
        VirtualIp ip = VirtualIpParser.parse(text);
        assertInstanceOf(Inet6Address.class, ip.address());
        assertEquals(written, ip.toString());
    }

    @Test
    void defaultPrefixIs128() {
        assertEquals(128, VirtualIpParser.parse("2001:db8::50").prefixLength());
    }

    @Test
    void theBytesAreTheAddress() {
        assertArrayEquals(HexFormat.of().parseHex("20010db8000100000000000000000050"),
                VirtualIpParser.parse("2001:db8:1::50/64").address().getAddress());
        assertArrayEquals(new byte[16], Ipv6Text.bytes("::"));
        assertArrayEquals(HexFormat.of().parseHex("00010000000000000000000000000000"), Ipv6Text.bytes("1::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::1::1", ":::", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::1", "2001:db8::g", ":1", "1:", ":1::", "2001:db8::50/",
        "2001:db8::50/x", "2001:db8::50/-1", "2001:db8::50/64/64", "[2001:db8::50]", "[::1]", "::1.2.3",
        "::198.51.100.050", "::198.51.100.256", "1.2.3.4::", "::1.2.3.4:5", "2001:db8:1::50 /64", "2001:db8:1: :50",
        "localhost:80", "lb.example:1", "::+1", "0x2001::1", "2001:db8::１"})
    void rejectsWhatIsNotAnIpv6Address(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse(text));
        assertEquals("must be an IPv6 address with an optional prefix length, like 2001:db8::50 or 2001:db8::50/64, "
                + "got '" + text + "'", e.getMessage());
    }

    @Test
    void aZoneIndexIsRefusedBecauseTheInterfaceIsTheInstances() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VirtualIpParser.parse("fe80::50%eth0/64"));
        assertEquals("must not name a zone ('%eth0'): the address lives on the instance's interface, "
                + "got 'fe80::50%eth0/64'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::50/129", "2001:db8::50/0128", "2001:db8::50/1000"})
    void rejectsPrefixesBeyond128(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse(text));
        assertEquals("prefix length must be between 0 and 128, got '" + text + "'", e.getMessage());
    }

    @Test
    void aPrefixWithinThreeDigitsMayHaveALeadingZero() {
        assertEquals(64, VirtualIpParser.parse("2001:db8::50/064").prefixLength());
    }

    @Test
    void rejectsMulticast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VirtualIpParser.parse("FF02::12"));
        assertEquals("ff02::12 is a multicast address; a virtual address must be unicast, got 'FF02::12'",
                e.getMessage());
    }

    @Test
    void rejectsIpv4MappedAddressesWhichJavaWouldTurnIntoIpv4() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VirtualIpParser.parse("::ffff:198.51.100.50/120"));
        assertEquals("is an IPv4-mapped IPv6 address, which no interface holds; write the IPv4 address "
                + "198.51.100.50 instead, got '::ffff:198.51.100.50/120'", e.getMessage());
    }

    @Test
    void rejectsTheUnspecifiedAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse("::/0"));
        assertEquals("is the unspecified address ::, which no router can hold, got '::/0'", e.getMessage());
    }

    @Test
    void rejectsLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VirtualIpParser.parse("0:0:0:0:0:0:0:1"));
        assertEquals("is the loopback address ::1, which never leaves the host, got '0:0:0:0:0:0:0:1'",
                e.getMessage());
    }

    /**
     * InetAddress.getByName would resolve "localhost" and accept "[::1]" and "::1%lo"; the parser never calls it,
     * so each is an error instead, whatever the resolver on this machine says.
     */
    @Test
    void neverResolvesAName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse("localhost"))
                .getMessage().startsWith("must be an IPv4 or IPv6 address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse("[::1]"))
                .getMessage().startsWith("must be an IPv6 address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VirtualIpParser.parse("::1%lo"))
                .getMessage().startsWith("must not name a zone"));
        assertNull(Ipv6Text.bytes("ip6-localhost"));
    }

    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "0:0:0:0:0:0:0:2, ::2",
        "fe80:0:0:0:0:ff:fe00:11, fe80::ff:fe00:11",
    })
    void formatsAsRfc5952Says(String text, String expected) {
        assertEquals(expected, Ipv6Text.format(Ipv6Text.of(Ipv6Text.bytes(text))));
    }
}
