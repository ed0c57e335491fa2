package io.floatip.net;

import static io.floatip.net.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bytes, field by field (little-endian host assumed, as on x86_64 and aarch64). */
class NetlinkMessagesTest {
    private static final int SEQ = 0x01020304;

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(Bytes.hostIsLittleEndian(), "expected bytes are written for a little-endian host");
    }

    @Test
    void newAddressIpv4() throws Exception {
        byte[] expected = new Bytes()
                .u32(40)             // nlmsg_len: 16 header + 8 ifaddrmsg + 2 x 8 attributes
                .u16(20)             // nlmsg_type: RTM_NEWADDR
                .u16(0x605)          // nlmsg_flags: REQUEST 0x1 | ACK 0x4 | EXCL 0x200 | CREATE 0x400
                .u32(SEQ)            // nlmsg_seq
                .u32(0)              // nlmsg_pid: the kernel's
                .u8(2)               // ifa_family: AF_INET
                .u8(24)              // ifa_prefixlen
                .u8(0)               // ifa_flags
                .u8(0)               // ifa_scope: RT_SCOPE_UNIVERSE
                .u32(3)              // ifa_index
                .u16(8).u16(2)       // rta_len, rta_type IFA_LOCAL
                .u8(198, 51, 100, 50)
                .u16(8).u16(1)       // rta_len, rta_type IFA_ADDRESS
                .u8(198, 51, 100, 50)
                .array();
        byte[] actual = NetlinkMessages.newAddress(SEQ, 3, InetAddress.getByName("198.51.100.50"), 24, null);
        assertEquals(hex(expected), hex(actual));
    }

    @Test
    void newAddressIpv4WithLabel() throws Exception {
        byte[] expected = new Bytes()
                .u32(52)             // nlmsg_len: 40 + 12 for the label
                .u16(20)             // RTM_NEWADDR
                .u16(0x605)          // REQUEST | ACK | EXCL | CREATE
                .u32(SEQ)
                .u32(0)
                .u8(2).u8(24).u8(0).u8(0).u32(3) // ifaddrmsg: AF_INET /24, index 3
                .u16(8).u16(2).u8(203, 0, 113, 7)  // IFA_LOCAL
                .u16(8).u16(1).u8(203, 0, 113, 7)  // IFA_ADDRESS
                .u16(11).u16(3)      // rta_len 4 + 7 ("d0:vip" and its NUL), rta_type IFA_LABEL
                .ascii("d0:vip").u8(0)
                .u8(0)               // padding to 4 bytes
                .array();
        byte[] actual = NetlinkMessages.newAddress(SEQ, 3, InetAddress.getByName("203.0.113.7"), 24, "d0:vip");
        assertEquals(hex(expected), hex(actual));
    }

    @Test
    void newAddressIpv6HasNoDadInBothFlagFields() throws Exception {
        int[] address = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x50};
        byte[] expected = new Bytes()
                .u32(72)             // nlmsg_len: 16 + 8 + 2 x 20 + 8
                .u16(20)             // RTM_NEWADDR
                .u16(0x605)          // REQUEST | ACK | EXCL | CREATE
                .u32(SEQ)
                .u32(0)
                .u8(10)              // ifa_family: AF_INET6
                .u8(64)              // ifa_prefixlen
                .u8(0x02)            // ifa_flags: IFA_F_NODAD
                .u8(0)               // ifa_scope
                .u32(3)              // ifa_index
                .u16(20).u16(2).u8(address)  // IFA_LOCAL 2001:db8:1::50
                .u16(20).u16(1).u8(address)  // IFA_ADDRESS
                .u16(8).u16(8).u32(0x02)     // IFA_FLAGS: IFA_F_NODAD as u32
                .array();
        byte[] actual = NetlinkMessages.newAddress(SEQ, 3, InetAddress.getByName("2001:db8:1::50"), 64, null);
        assertEquals(hex(expected), hex(actual));
    }

    @Test
    void deleteAddressIpv4() throws Exception {
        byte[] expected = new Bytes()
                .u32(40)             // nlmsg_len
                .u16(21)             // nlmsg_type: RTM_DELADDR
                .u16(0x005)          // REQUEST | ACK
                .u32(SEQ)
                .u32(0)
                .u8(2).u8(24).u8(0).u8(0).u32(3) // ifaddrmsg: AF_INET /24, no flags, index 3
                .u16(8).u16(2).u8(198, 51, 100, 50) // IFA_LOCAL
                .u16(8).u16(1).u8(198, 51, 100, 50) // IFA_ADDRESS
                .array();
        byte[] actual = NetlinkMessages.deleteAddress(SEQ, 3, InetAddress.getByName("198.51.100.50"), 24);
        assertEquals(hex(expected), hex(actual));
    }

    @Test
    void deleteAddressIpv6() throws Exception {
        int[] address = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x50};
        byte[] expected = new Bytes()
                .u32(64)             // nlmsg_len: 16 + 8 + 2 x 20
                .u16(21)             // RTM_DELADDR
                .u16(0x005)          // REQUEST | ACK
                .u32(SEQ)
                .u32(0)
                .u8(10).u8(64).u8(0).u8(0).u32(3) // ifaddrmsg: AF_INET6 /64, index 3
                .u16(20).u16(2).u8(address)     // IFA_LOCAL
                .u16(20).u16(1).u8(address)     // IFA_ADDRESS
                .array();
        byte[] actual = NetlinkMessages.deleteAddress(SEQ, 3, InetAddress.getByName("2001:db8:1::50"), 64);
        assertEquals(hex(expected), hex(actual));
    }

    @Test
    void dumpAddresses() {
        byte[] expected = new Bytes()
                .u32(24)             // nlmsg_len: header + ifaddrmsg
                .u16(22)             // RTM_GETADDR
                .u16(0x301)          // REQUEST | DUMP (ROOT 0x100 | MATCH 0x200)
                .u32(SEQ)
                .u32(0)
                .u8(0).u8(0).u8(0).u8(0).u32(0) // ifaddrmsg: AF_UNSPEC, every interface
                .array();
        assertEquals(hex(expected), hex(NetlinkMessages.dumpAddresses(SEQ)));
    }

    @Test
    void getLinkByName() {
        byte[] expected = new Bytes()
                .u32(40)             // nlmsg_len: 16 + 16 ifinfomsg + 8
                .u16(18)             // RTM_GETLINK
                .u16(0x005)          // REQUEST | ACK
                .u32(SEQ)
                .u32(0)
                .u8(0)               // ifi_family: AF_UNSPEC
                .u8(0)               // pad
                .u16(0)              // ifi_type
                .u32(0)              // ifi_index: 0, look up by name
                .u32(0)              // ifi_flags
                .u32(0)              // ifi_change
                .u16(7).u16(3)       // rta_len 4 + "d0" + NUL, IFLA_IFNAME
                .ascii("d0").u8(0)
                .u8(0)               // padding
                .array();
        assertEquals(hex(expected), hex(NetlinkMessages.getLink(SEQ, "d0")));
    }

    @Test
    void getLinkByIndex() {
        byte[] expected = new Bytes()
                .u32(32)             // nlmsg_len: 16 + 16
                .u16(18)             // RTM_GETLINK
                .u16(0x005)          // REQUEST | ACK
                .u32(SEQ)
                .u32(0)
                .u8(0).u8(0).u16(0)  // family, pad, type
                .u32(7)              // ifi_index
                .u32(0).u32(0)       // flags, change
                .array();
        assertEquals(hex(expected), hex(NetlinkMessages.getLink(SEQ, 7)));
    }

    @Test
    void rejectsWhatTheKernelWouldRejectLessClearly() throws Exception {
        InetAddress v4 = InetAddress.getByName("198.51.100.50");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessages.newAddress(1, 3, v4, 33, null));
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessages.newAddress(1, 3, v6, 129, null));
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessages.newAddress(1, 3, v6, 64, "d0:vip"));
        assertThrows(IllegalArgumentException.class,
                () -> NetlinkMessages.newAddress(1, 3, v4, 24, "sixteen-chars-xx"));
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessages.getLink(1, "sixteen-chars-xx"));
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessages.getLink(1, 0));
    }
}
