package io.floatip.net;

import static io.floatip.net.NetlinkConstants.*;

import java.nio.charset.StandardCharsets;

/** The rtnetlink link requests of use_vmac: create a macvlan, bring it up, stop its link-local, delete it. Pure. */
final class LinkMessages {
    private LinkMessages() {
    }

    /**
     * RTM_NEWLINK creating a macvlan on {@code parentIndex} named {@code name} with {@code mac}, in private mode
     * (RFC 9568's virtual MAC must not let the node hear its own frames through a sibling macvlan, as bridge
     * mode would). NLM_F_EXCL: an interface of that name answers EEXIST instead of being changed.
     */
    static byte[] newMacvlan(int seq, int parentIndex, String name, byte[] mac) {
        checkName(name);
        if (mac.length != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 bytes: " + mac.length);
        }
        MessageBuilder message = new MessageBuilder(RTM_NEWLINK,
                NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        ifinfomsg(message, 0, 0, 0);
        message.attributeString(IFLA_IFNAME, name);
        message.attributeU32(IFLA_LINK, parentIndex);
        message.attribute(IFLA_ADDRESS, mac);
        int linkInfo = message.beginNest(IFLA_LINKINFO);
        message.attributeString(IFLA_INFO_KIND, "macvlan");
        int data = message.beginNest(IFLA_INFO_DATA);
        message.attributeU32(IFLA_MACVLAN_MODE, MACVLAN_MODE_PRIVATE);
        message.endNest(data);
        message.endNest(linkInfo);
        return message.build();
    }

    /** RTM_NEWLINK setting IFF_UP on an existing interface. */
    static byte[] up(int seq, int ifIndex) {
        MessageBuilder message = new MessageBuilder(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, checkIndex(ifIndex), IFF_UP, IFF_UP);
        return message.build();
    }

    /**
     * RTM_NEWLINK with IFLA_AF_SPEC { AF_INET6 { IFLA_INET6_ADDR_GEN_MODE = none } }: no link-local address
     * derived from the virtual MAC (RFC 9568 7.4 wants none; the same VMAC on the other node would make them
     * collide). Sent after creation: in the creating request this kernel does not apply it.
     */
    static byte[] addrGenModeNone(int seq, int ifIndex) {
        MessageBuilder message = new MessageBuilder(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, checkIndex(ifIndex), 0, 0);
        int spec = message.beginNest(IFLA_AF_SPEC);
        int inet6 = message.beginNest(AF_INET6);
        message.attributeU8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE);
        message.endNest(inet6);
        message.endNest(spec);
        return message.build();
    }

    /**
     * RTM_NEWLINK setting one of the interface's IPv4 settings (net.ipv4.conf.IF.KEY) by its IPV4_DEVCONF_
     * index: the way that works where /proc/sys is read-only (systemd's ProtectKernelTunables=).
     */
    static byte[] ipv4Conf(int seq, int ifIndex, int devconf, int value) {
        if (devconf < 1) {
            throw new IllegalArgumentException("not an IPV4_DEVCONF_ index: " + devconf);
        }
        MessageBuilder message = new MessageBuilder(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, checkIndex(ifIndex), 0, 0);
        int spec = message.beginNest(IFLA_AF_SPEC);
        int inet = message.beginNest(AF_INET);
        int conf = message.beginNest(IFLA_INET_CONF);
        message.attributeU32(devconf, value);
        message.endNest(conf);
        message.endNest(inet);
        message.endNest(spec);
        return message.build();
    }

    /** RTM_DELLINK by index. */
    static byte[] delete(int seq, int ifIndex) {
        MessageBuilder message = new MessageBuilder(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, checkIndex(ifIndex), 0, 0);
        return message.build();
    }

    private static void ifinfomsg(MessageBuilder message, int ifIndex, int flags, int change) {
        message.u8(AF_UNSPEC).u8(0 /* pad */).u16(0 /* type */).u32(ifIndex).u32(flags).u32(change);
    }

    private static int checkIndex(int ifIndex) {
        if (ifIndex <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + ifIndex);
        }
        return ifIndex;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > IFNAMSIZ_MAX_CHARS) {
            throw new IllegalArgumentException("interface name must be 1.." + IFNAMSIZ_MAX_CHARS + " bytes: " + name);
        }
    }
}
