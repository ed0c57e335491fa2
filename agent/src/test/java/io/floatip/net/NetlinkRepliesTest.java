package io.floatip.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoding hand-made kernel replies (little-endian host assumed). */
class NetlinkRepliesTest {

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(Bytes.hostIsLittleEndian(), "hand-made bytes are little-endian");
    }

    /** An NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK: error, then the request's header. */
    private static Bytes error(int error, int flags) {
        return new Bytes()
                .u32(36)             // nlmsg_len: 16 + 4 error + 16 echoed header
                .u16(2)              // nlmsg_type: NLMSG_ERROR
                .u16(flags)          // nlmsg_flags
                .u32(7)              // nlmsg_seq: the request's
                .u32(4242)           // nlmsg_pid: our port id
                .u32(error)          // nlmsgerr.error: 0 or -errno
                .u32(40).u16(20).u16(0x605).u32(7).u32(0); // nlmsgerr.msg: the request's header
    }

    private static NetlinkMessage only(byte[] datagram) {
        List<NetlinkMessage> messages = NetlinkMessage.split(datagram, datagram.length);
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Test
    void errorZeroIsAnAck() {
        NetlinkMessage message = only(error(0, 0x100 /* NLM_F_CAPPED */).array());
        assertEquals(2, message.type());
        assertEquals(7, message.seq());
        assertEquals(4242, message.pid());
        assertEquals(new Ack(0, null), Ack.parse(message));
    }

    @Test
    void negativeErrorIsAnErrno() {
        Ack ack = Ack.parse(only(error(-17, 0x100).array()));
        assertEquals(17, ack.errno());
        assertEquals("EEXIST", Errno.name(ack.errno()));
    }

    @Test
    void extendedAckCarriesTheKernelsMessage() {
        byte[] datagram = new Bytes()
                .u32(52)             // nlmsg_len: 36 + 16 attribute
                .u16(2)              // NLMSG_ERROR
                .u16(0x300)          // NLM_F_CAPPED | NLM_F_ACK_TLVS
                .u32(7).u32(4242)
                .u32(-22)            // -EINVAL
                .u32(40).u16(20).u16(0x605).u32(7).u32(0) // echoed header
                .u16(15).u16(1)      // rta_len 4 + 11, NLMSGERR_ATTR_MSG
                .ascii("bad prefix").u8(0)
                .u8(0)               // padding
                .array();
        assertEquals(new Ack(22, "bad prefix"), Ack.parse(only(datagram)));
    }

    @Test
    void extendedAckAfterAWholeEchoedRequest() {
        // Without NETLINK_CAP_ACK the kernel echoes the entire request before the attributes.
        byte[] datagram = new Bytes()
                .u32(16 + 4 + 24 + 8) // nlmsg_len
                .u16(2).u16(0x200)    // NLMSG_ERROR, NLM_F_ACK_TLVS only
                .u32(9).u32(4242)
                .u32(-19)             // -ENODEV
                .u32(24).u16(22).u16(0x301).u32(9).u32(0) // echoed request header...
                .u32(0).u32(0)        // ...and its ifaddrmsg
                .u16(7).u16(1).ascii("odd").u8(0) // NLMSGERR_ATTR_MSG "odd"
                .u8(0)
                .array();
        assertEquals(new Ack(19, "odd"), Ack.parse(only(datagram)));
    }

    @Test
    void doneCarriesTheDumpsResult() {
        byte[] ok = new Bytes().u32(20).u16(3 /* NLMSG_DONE */).u16(0x2 /* MULTI */).u32(5).u32(4242).u32(0).array();
        byte[] failed = new Bytes().u32(20).u16(3).u16(0x2).u32(5).u32(4242).u32(-4 /* -EINTR */).array();
        assertEquals(0, Ack.doneErrno(only(ok)));
        assertEquals(Errno.EINTR, Ack.doneErrno(only(failed)));
    }

    @Test
    void addressFromADumpMessage() throws Exception {
        byte[] datagram = new Bytes()
                .u32(84)             // nlmsg_len: 16 + 8 + 8 + 8 + 8 + 8 + 20 + 8
                .u16(20)             // RTM_NEWADDR
                .u16(0x2)            // NLM_F_MULTI: part of a dump
                .u32(11).u32(4242)
                .u8(2)               // ifa_family: AF_INET
                .u8(24)              // ifa_prefixlen
                .u8(0x81)            // ifa_flags: SECONDARY | PERMANENT
                .u8(0)               // ifa_scope
                .u32(3)              // ifa_index
                .u16(8).u16(1).u8(198, 51, 100, 50)  // IFA_ADDRESS
                .u16(8).u16(2).u8(198, 51, 100, 50)  // IFA_LOCAL
                .u16(7).u16(3).ascii("d0").u8(0).u8(0) // IFA_LABEL "d0", padded
                .u16(8).u16(8).u32(0x81)             // IFA_FLAGS
                .u16(20).u16(6)      // IFA_CACHEINFO: four u32, ignored
                .u32(-1).u32(-1).u32(100).u32(100)
                .u16(8).u16(4).u8(198, 51, 100, 255) // IFA_BROADCAST, ignored
                .array();
        InterfaceAddress address = NetlinkReplies.address(only(datagram));
        assertEquals(new InterfaceAddress(3, InetAddress.getByName("198.51.100.50"), 24, 0x81, "d0"), address);
        assertTrue(address.secondary());
        assertTrue(address.permanent());
        assertFalse(address.temporary());
    }

    @Test
    void ipv4PeerAddressIsNotTheLocalOne() throws Exception {
        byte[] datagram = new Bytes()
                .u32(40).u16(20).u16(0x2).u32(11).u32(4242)
                .u8(2).u8(32).u8(0x80).u8(0).u32(5)  // AF_INET /32 PERMANENT on index 5
                .u16(8).u16(1).u8(203, 0, 113, 2)    // IFA_ADDRESS: the point-to-point peer
                .u16(8).u16(2).u8(203, 0, 113, 1)    // IFA_LOCAL: ours
                .array();
        assertEquals(InetAddress.getByName("203.0.113.1"), NetlinkReplies.address(only(datagram)).address());
    }

    @Test
    void ipv6FlagsComeFromIfaFlagsWhenPresent() throws Exception {
        byte[] datagram = new Bytes()
                .u32(52)             // nlmsg_len: 16 + 8 + 20 + 8
                .u16(20).u16(0x2).u32(11).u32(4242)
                .u8(10)              // AF_INET6
                .u8(64)
                .u8(0x82)            // ifa_flags: only the low 8 bits
                .u8(0)
                .u32(3)
                .u16(20).u16(1)      // IFA_ADDRESS 2001:db8:1::50
                .u8(0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x50)
                .u16(8).u16(8).u32(0x282) // IFA_FLAGS: NOPREFIXROUTE | PERMANENT | NODAD
                .array();
        InterfaceAddress address = NetlinkReplies.address(only(datagram));
        assertEquals(InetAddress.getByName("2001:db8:1::50"), address.address());
        assertEquals(0x282, address.flags());
        assertTrue(address.noDad());
        assertFalse(address.tentative());
        assertFalse(address.secondary());
        assertNull(address.label());
    }

    private static Bytes ifinfomsg(int type, int index, int flags) {
        return new Bytes()
                .u32(52)             // nlmsg_len: 16 + 16 + 8 + 12
                .u16(type)           // RTM_NEWLINK or RTM_DELLINK
                .u16(0)              // flags: a notification
                .u32(0).u32(0)       // seq, pid: from the kernel
                .u8(0)               // ifi_family: AF_UNSPEC
                .u8(0)               // pad
                .u16(1)              // ifi_type: ARPHRD_ETHER
                .u32(index)          // ifi_index
                .u32(flags)          // ifi_flags
                .u32(0)              // ifi_change
                .u16(7).u16(3).ascii("v0").u8(0).u8(0)      // IFLA_IFNAME "v0", padded
                .u16(10).u16(1).u8(0x02, 0, 0x5e, 0, 0x01, 0x2a).u8(0, 0); // IFLA_ADDRESS, padded
    }

    @Test
    void newLinkMessage() {
        // UP 0x1 | BROADCAST 0x2 | RUNNING 0x40 | MULTICAST 0x1000 | LOWER_UP 0x10000
        LinkReply link = NetlinkReplies.link(only(ifinfomsg(16, 4, 0x11043).array()));
        assertEquals(0, link.family());
        assertEquals(new LinkState(4, "v0", true, true, false), link.state());
        assertArrayEquals(new byte[] {0x02, 0, 0x5e, 0, 0x01, 0x2a}, link.hardwareAddress());
        assertTrue(link.state().usable());
    }

    @Test
    void upWithoutCarrier() {
        // UP | BROADCAST | MULTICAST, no LOWER_UP nor RUNNING: the peer or cable is gone
        assertEquals(new LinkState(4, "v0", true, false, false),
                NetlinkReplies.link(only(ifinfomsg(16, 4, 0x1003).array())).state());
    }

    @Test
    void delLinkMessage() {
        assertEquals(new LinkState(4, "v0", false, false, true),
                NetlinkReplies.link(only(ifinfomsg(17, 4, 0x1002).array())).state());
    }

    @Test
    void oneDatagramMayHoldAReplyAndItsAck() {
        byte[] datagram = new Bytes()
                .u8(ifinfomsg(16, 4, 0x11043).array())
                .u8(error(0, 0x100).array())
                .array();
        List<NetlinkMessage> messages = NetlinkMessage.split(datagram, datagram.length);
        assertEquals(List.of(16, 2), messages.stream().map(NetlinkMessage::type).toList());
    }

    @Test
    void lengthBeyondTheDatagramIsRejected() {
        byte[] datagram = new Bytes().u32(64).u16(3).u16(0).u32(1).u32(0).u32(0).array();
        assertThrows(IllegalArgumentException.class, () -> NetlinkMessage.split(datagram, datagram.length));
    }
}
