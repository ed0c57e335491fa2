package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.HostTests;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Netlink against the real kernel, inside a namespace made for each test; ip(8) is the
 * independent witness.
 */
class NetlinkAddressHostTest {
    private TestNetns netns;
    private Netlink netlink;
    private int d0;

    @BeforeEach
    void namespaceWithD0() throws Exception {
        HostTests.requireRoot();
        netns = TestNetns.create();
        netns.addUpInterface("d0");
        netns.ip("addr", "add", "198.51.100.11/24", "dev", "d0");
        netlink = NetnsThread.call(netns.name, Netlink::new);
        d0 = netlink.ifIndex("d0");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (netlink != null) {
            netlink.close();
        }
        if (netns != null) {
            netns.close();
        }
    }

    @Test
    void ifIndexMatchesIp() throws Exception {
        String link = netns.ip("-o", "link", "show", "d0");
        assertTrue(link.startsWith(d0 + ": d0"), link);
    }

    @Test
    void addListDeleteIpv4() throws Exception {
        InetAddress vip = InetAddress.getByName("198.51.100.50");

        assertTrue(netlink.addAddress(d0, vip, 24, null));
        assertTrue(netns.ip("-4", "addr", "show", "dev", "d0").contains("inet 198.51.100.50/24 "));
        InterfaceAddress listed = find(netlink.addresses(d0), vip);
        assertEquals(24, listed.prefixLength());
        assertTrue(listed.secondary(), "198.51.100.11/24 came first: " + listed);
        assertTrue(listed.permanent(), listed.toString());
        assertEquals("d0", listed.label());
        assertFalse(find(netlink.addresses(d0), InetAddress.getByName("198.51.100.11")).secondary());

        assertFalse(netlink.addAddress(d0, vip, 24, null), "second add reports EEXIST as false");

        assertTrue(netlink.deleteAddress(d0, vip, 24));
        assertFalse(netns.ip("-4", "addr", "show", "dev", "d0").contains("198.51.100.50"));
        assertTrue(netlink.addresses(d0).stream().noneMatch(a -> a.address().equals(vip)));

        assertFalse(netlink.deleteAddress(d0, vip, 24), "second delete reports absence as false");
    }

    @Test
    void ipv4Label() throws Exception {
        InetAddress vip = InetAddress.getByName("203.0.113.7");
        assertTrue(netlink.addAddress(d0, vip, 24, "d0:vip"));
        assertTrue(netns.ip("-4", "addr", "show", "dev", "d0").contains("inet 203.0.113.7/24 scope global d0:vip"));
        assertEquals("d0:vip", find(netlink.addresses(d0), vip).label());
        assertTrue(netlink.deleteAddress(d0, vip, 24));
    }

    @Test
    void ipv6WithoutDuplicateAddressDetection() throws Exception {
        InetAddress vip = InetAddress.getByName("2001:db8:1::50");

        assertTrue(netlink.addAddress(d0, vip, 64, null));
        String line = lineWith(netns.ip("-6", "addr", "show", "dev", "d0"), "inet6 2001:db8:1::50/64");
        assertFalse(line.contains("tentative"), line);
        assertTrue(line.contains("nodad"), line);
        InterfaceAddress listed = find(netlink.addresses(d0), vip);
        assertEquals(64, listed.prefixLength());
        assertTrue(listed.noDad(), listed.toString());
        assertFalse(listed.tentative(), listed.toString());

        assertFalse(netlink.addAddress(d0, vip, 64, null));
        assertTrue(netlink.deleteAddress(d0, vip, 64));
        assertFalse(netns.ip("-6", "addr", "show", "dev", "d0").contains("2001:db8:1::50"));
        assertFalse(netlink.deleteAddress(d0, vip, 64));
    }

    @Test
    void addressesListsBothFamiliesOfOneInterfaceOnly() throws Exception {
        netns.addUpInterface("d1");
        netns.ip("addr", "add", "203.0.113.9/24", "dev", "d1");
        netns.ip("addr", "add", "2001:db8:2::9/64", "dev", "d0", "nodad");
        List<InterfaceAddress> addresses = netlink.addresses(d0);
        assertNotNull(find(addresses, InetAddress.getByName("198.51.100.11")));
        assertNotNull(find(addresses, InetAddress.getByName("2001:db8:2::9")));
        assertTrue(addresses.stream().allMatch(a -> a.ifIndex() == d0), addresses.toString());
    }

    /** A takeover's batch: the kernel has every address before the acknowledgements are read. */
    @Test
    void addAddressesHaveThemInPlaceWhenSent() throws Exception {
        InetAddress a = InetAddress.getByName("198.51.100.50");
        InetAddress b = InetAddress.getByName("198.51.100.51");
        InetAddress v6 = InetAddress.getByName("2001:db8:1::50");
        assertTrue(netlink.addAddress(d0, b, 24, null));
        List<String> seenWhenSent = new java.util.ArrayList<>();
        List<Netlink.AddOutcome> outcomes = netlink.addAddresses(List.of(
                new Netlink.AddressToAdd(d0, a, 24, null), new Netlink.AddressToAdd(d0, b, 24, null),
                new Netlink.AddressToAdd(9999, a, 24, null), new Netlink.AddressToAdd(d0, v6, 64, null)),
                () -> {
                    try {
                        seenWhenSent.add(netns.ip("addr", "show", "dev", "d0"));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
        assertEquals(new Netlink.AddOutcome(true, null), outcomes.get(0));
        assertEquals(new Netlink.AddOutcome(false, null), outcomes.get(1), "already there: EEXIST");
        assertEquals("ENODEV", outcomes.get(2).error().errnoName());
        assertEquals(new Netlink.AddOutcome(true, null), outcomes.get(3));
        String shown = seenWhenSent.get(0);
        assertTrue(shown.contains("inet 198.51.100.50/24 ") && shown.contains("inet6 2001:db8:1::50/64 "), shown);
        // Every answer was read: the next request gets its own.
        assertFalse(netlink.addAddress(d0, a, 24, null));
        assertTrue(netlink.deleteAddress(d0, a, 24));
    }

    @Test
    void unknownInterfaceIndexIsEnodev() throws Exception {
        int missing = 9999;
        InetAddress vip = InetAddress.getByName("198.51.100.50");
        NetlinkException add = assertThrows(NetlinkException.class, () -> netlink.addAddress(missing, vip, 24, null));
        assertEquals("ENODEV", add.errnoName());
        assertTrue(add.getMessage().contains("no such interface (index 9999)"), add.getMessage());
        NetlinkException delete = assertThrows(NetlinkException.class, () -> netlink.deleteAddress(missing, vip, 24));
        assertEquals(Errno.ENODEV, delete.errno());
        NetlinkException v6 = assertThrows(NetlinkException.class,
                () -> netlink.addAddress(missing, InetAddress.getByName("2001:db8:1::50"), 64, null));
        assertEquals(Errno.ENODEV, v6.errno());
        NetlinkException query = assertThrows(NetlinkException.class, () -> netlink.query(missing));
        assertEquals(Errno.ENODEV, query.errno());
        NetlinkException byName = assertThrows(NetlinkException.class, () -> netlink.query("nosuch0"));
        assertEquals(Errno.ENODEV, byName.errno());
        assertTrue(byName.getMessage().contains("no such interface (name nosuch0)"), byName.getMessage());
    }

    @Test
    void queryAndMacAddressMatchIp() throws Exception {
        assertEquals(new LinkState(d0, "d0", true, true, false), netlink.query("d0"));
        assertEquals(netlink.query("d0"), netlink.query(d0));

        Matcher ether = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(netns.ip("link", "show", "d0"));
        assertTrue(ether.find());
        assertArrayEquals(HexFormat.ofDelimiter(":").parseHex(ether.group(1)), netlink.macAddress("d0"));

        netns.ip("link", "set", "d0", "down");
        assertEquals(new LinkState(d0, "d0", false, false, false), netlink.query("d0"));
    }

    private static InterfaceAddress find(List<InterfaceAddress> addresses, InetAddress address) {
        return addresses.stream().filter(a -> a.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not in " + addresses));
    }

    private static String lineWith(String output, String text) {
        return output.lines().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError(text + " not in:\n" + output));
    }
}
