package io.floatip.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    private static String format(String address) throws Exception {
        return AddressText.format(InetAddress.getByName(address));
    }

    @Test
    void ipv4IsDottedQuad() throws Exception {
        assertEquals("198.51.100.50", format("198.51.100.50"));
        assertEquals("198.51.100.50/24", AddressText.cidr(InetAddress.getByName("198.51.100.50"), 24));
    }

    @Test
    void ipv6FollowsRfc5952() throws Exception {
        assertEquals("2001:db8::5", format("2001:db8:0:0:0:0:0:5"));
        assertEquals("2001:db8:1::50", format("2001:0db8:0001:0000:0000:0000:0000:0050"));
        assertEquals("::", format("0:0:0:0:0:0:0:0"));
        assertEquals("::1", format("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::", format("2001:db8:0:0:0:0:0:0"));
        // a single zero group stays, written as 0
        assertEquals("2001:db8:0:1:1:1:1:1", format("2001:db8:0:1:1:1:1:1"));
        // longest run wins; on a tie the first
        assertEquals("2001:0:0:1::1", format("2001:0:0:1:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", format("2001:db8:0:0:1:0:0:1"));
    }

    @Test
    void scopeIsKept() throws Exception {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        assertEquals("fe80::1%3", AddressText.format(Inet6Address.getByAddress(null, linkLocal, 3)));
    }
}
