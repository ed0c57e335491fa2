package io.floatip.net;

import static io.floatip.net.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** use_vmac's link requests, byte by byte, nested attributes included (little-endian host). */
class LinkMessagesTest {
    private static final int SEQ = 0x01020304;
    private static final byte[] VMAC = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x33};

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(Bytes.hostIsLittleEndian(), "expected bytes are written for a little-endian host");
    }

    @Test
    void newMacvlanInPrivateMode() {
        byte[] expected = new Bytes()
                .u32(92)             // nlmsg_len: 16 + 16 ifinfomsg + 12 + 8 + 12 + 28
                .u16(16)             // nlmsg_type: RTM_NEWLINK
                .u16(0x605)          // REQUEST 0x1 | ACK 0x4 | EXCL 0x200 | CREATE 0x400
                .u32(SEQ)
                .u32(0)              // nlmsg_pid
                .u8(0).u8(0).u16(0)  // ifi_family AF_UNSPEC, pad, ifi_type
                .u32(0)              // ifi_index: 0, a new interface
                .u32(0).u32(0)       // ifi_flags, ifi_change
                .u16(12).u16(3)      // IFLA_IFNAME, 4 + "vrrp.51" + NUL = 12
                .ascii("vrrp.51").u8(0)
                .u16(8).u16(5)       // IFLA_LINK
                .u32(7)              // the parent's index
                .u16(10).u16(1)      // IFLA_ADDRESS, 4 + 6
                .u8(0x00, 0x00, 0x5e, 0x00, 0x01, 0x33).u8(0).u8(0) // the VMAC, padded to 4
                .u16(28).u16(18)     // IFLA_LINKINFO, nested: its 4 + 12 kind + 12 data
                .u16(12).u16(1)      //   IFLA_INFO_KIND, 4 + "macvlan" + NUL
                .ascii("macvlan").u8(0)
                .u16(12).u16(2)      //   IFLA_INFO_DATA, nested
                .u16(8).u16(1)       //     IFLA_MACVLAN_MODE
                .u32(1)              //     MACVLAN_MODE_PRIVATE
                .array();
        assertEquals(hex(expected), hex(LinkMessages.newMacvlan(SEQ, 7, "vrrp.51", VMAC)));
    }

    @Test
    void addrGenModeNoneIsNestedTwice() {
        byte[] expected = new Bytes()
                .u32(48)             // nlmsg_len: 16 + 16 + 16
                .u16(16)             // RTM_NEWLINK
                .u16(0x5)            // REQUEST | ACK: changes an existing link
                .u32(SEQ)
                .u32(0)
                .u8(0).u8(0).u16(0).u32(9).u32(0).u32(0) // ifinfomsg for index 9, no flag change
                .u16(16).u16(26)     // IFLA_AF_SPEC, nested
                .u16(12).u16(10)     //   AF_INET6, nested
                .u16(5).u16(8)       //     IFLA_INET6_ADDR_GEN_MODE, a u8
                .u8(1)               //     IN6_ADDR_GEN_MODE_NONE
                .u8(0).u8(0).u8(0)   //     padding
                .array();
        assertEquals(hex(expected), hex(LinkMessages.addrGenModeNone(SEQ, 9)));
    }

    @Test
    void ipv4ConfIsNestedThreeDeep() {
        byte[] expected = new Bytes()
                .u32(52)             // nlmsg_len: 16 + 16 + 4 + 4 + 4 + 8
                .u16(16)             // RTM_NEWLINK
                .u16(0x5)            // REQUEST | ACK: changes an existing link
                .u32(SEQ)
                .u32(0)
                .u8(0).u8(0).u16(0).u32(9).u32(0).u32(0) // ifinfomsg for index 9, no flag change
                .u16(20).u16(26)     // IFLA_AF_SPEC, nested
                .u16(16).u16(2)      //   AF_INET, nested
                .u16(12).u16(1)      //     IFLA_INET_CONF, nested
                .u16(8).u16(19)      //       IPV4_DEVCONF_ARP_IGNORE, a u32
                .u32(1)
                .array();
        assertEquals(hex(expected), hex(LinkMessages.ipv4Conf(SEQ, 9, 19, 1)));
        assertThrows(IllegalArgumentException.class, () -> LinkMessages.ipv4Conf(SEQ, 9, 0, 1));
    }

    @Test
    void upSetsIffUpInFlagsAndChange() {
        byte[] expected = new Bytes()
                .u32(32).u16(16).u16(0x5).u32(SEQ).u32(0)
                .u8(0).u8(0).u16(0).u32(9)
                .u32(1)              // ifi_flags: IFF_UP
                .u32(1)              // ifi_change: only IFF_UP
                .array();
        assertEquals(hex(expected), hex(LinkMessages.up(SEQ, 9)));
    }

    @Test
    void deleteByIndex() {
        byte[] expected = new Bytes()
                .u32(32).u16(17)     // RTM_DELLINK
                .u16(0x5).u32(SEQ).u32(0)
                .u8(0).u8(0).u16(0).u32(9).u32(0).u32(0)
                .array();
        assertEquals(hex(expected), hex(LinkMessages.delete(SEQ, 9)));
    }

    @Test
    void refusesWhatTheKernelWould() {
        assertThrows(IllegalArgumentException.class, () -> LinkMessages.newMacvlan(SEQ, 7, "a-name-too-long-x", VMAC));
        assertThrows(IllegalArgumentException.class, () -> LinkMessages.newMacvlan(SEQ, 7, "vrrp.51", new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> LinkMessages.delete(SEQ, 0));
    }

    @Test
    void aLinkReplyCarriesItsParentAndKind() {
        byte[] payload = new Bytes()
                .u8(0).u8(0).u16(1).u32(12).u32(0x1).u32(0) // ifinfomsg: index 12, IFF_UP
                .u16(8).u16(5).u32(7)                         // IFLA_LINK 7
                .u16(20).u16(18)                              // IFLA_LINKINFO
                .u16(12).u16(1).ascii("macvlan").u8(0)        //   IFLA_INFO_KIND
                .u16(4).u16(2)                                //   IFLA_INFO_DATA, empty
                .array();
        LinkReply reply = NetlinkReplies.link(new NetlinkMessage(16, 0, 0, 0, payload));
        assertEquals(7, reply.parentIndex());
        assertEquals("macvlan", reply.kind());
        assertEquals(12, reply.state().ifIndex());
    }
}
