package io.floatip.net;

import static io.floatip.net.NetlinkConstants.*;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Builds the rtnetlink requests the agent sends. Pure: bytes in, bytes out. */
final class NetlinkMessages {
    private NetlinkMessages() {
    }

    /**
     * RTM_NEWADDR with NLM_F_EXCL so an existing address answers EEXIST instead of being
     * silently replaced. IPv6 gets IFA_F_NODAD: a virtual address moving between nodes must
     * answer at once, not after duplicate address detection.
     */
    static byte[] newAddress(int seq, int ifIndex, InetAddress address, int prefixLength, String label) {
        int family = family(address);
        checkPrefixLength(address, prefixLength);
        if (label != null) {
            checkLabel(family, label);
        }
        int flags = family == AF_INET6 ? InterfaceAddress.IFA_F_NODAD : 0;
        MessageBuilder message = new MessageBuilder(RTM_NEWADDR,
                NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        ifaddrmsg(message, family, prefixLength, flags, ifIndex);
        message.attribute(IFA_LOCAL, address.getAddress());
        message.attribute(IFA_ADDRESS, address.getAddress());
        if (label != null) {
            message.attributeString(IFA_LABEL, label);
        }
        if (family == AF_INET6) {
            // ifa_flags is a u8; IFA_FLAGS is the u32 the kernel prefers when present.
            message.attributeU32(IFA_FLAGS, flags);
        }
        return message.build();
    }

    /** RTM_DELADDR; the kernel matches on address, prefix length and interface. */
    static byte[] deleteAddress(int seq, int ifIndex, InetAddress address, int prefixLength) {
        int family = family(address);
        checkPrefixLength(address, prefixLength);
        MessageBuilder message = new MessageBuilder(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifaddrmsg(message, family, prefixLength, 0, ifIndex);
        message.attribute(IFA_LOCAL, address.getAddress());
        message.attribute(IFA_ADDRESS, address.getAddress());
        return message.build();
    }

    /** RTM_GETADDR dump of every address of every family; the caller filters. */
    static byte[] dumpAddresses(int seq) {
        MessageBuilder message = new MessageBuilder(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
        ifaddrmsg(message, AF_UNSPEC, 0, 0, 0);
        return message.build();
    }

    /** RTM_GETLINK for one interface by name; the kernel looks up IFLA_IFNAME when the index is 0. */
    static byte[] getLink(int seq, String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > IFNAMSIZ_MAX_CHARS) {
            throw new IllegalArgumentException("interface name must be 1.." + IFNAMSIZ_MAX_CHARS + " bytes: " + name);
        }
        MessageBuilder message = new MessageBuilder(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, 0);
        message.attributeString(IFLA_IFNAME, name);
        return message.build();
    }

    /** RTM_GETLINK for one interface by index. */
    static byte[] getLink(int seq, int ifIndex) {
        if (ifIndex <= 0) {
            throw new IllegalArgumentException("interface index must be positive: " + ifIndex);
        }
        MessageBuilder message = new MessageBuilder(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifinfomsg(message, ifIndex);
        return message.build();
    }

    private static void ifaddrmsg(MessageBuilder message, int family, int prefixLength, int flags, int ifIndex) {
        message.u8(family).u8(prefixLength).u8(flags).u8(0 /* RT_SCOPE_UNIVERSE */).u32(ifIndex);
    }

    private static void ifinfomsg(MessageBuilder message, int ifIndex) {
        message.u8(AF_UNSPEC).u8(0 /* pad */).u16(0 /* type */).u32(ifIndex).u32(0 /* flags */).u32(0 /* change */);
    }

    static int family(InetAddress address) {
        if (address instanceof Inet4Address) {
            return AF_INET;
        }
        if (address instanceof Inet6Address) {
            return AF_INET6;
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }

    private static void checkPrefixLength(InetAddress address, int prefixLength) {
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + prefixLength);
        }
    }

    private static void checkLabel(int family, String label) {
        if (family != AF_INET) {
            throw new IllegalArgumentException("address labels exist for IPv4 only");
        }
        if (label.isEmpty() || label.getBytes(StandardCharsets.UTF_8).length > IFNAMSIZ_MAX_CHARS) {
            throw new IllegalArgumentException("label must be 1.." + IFNAMSIZ_MAX_CHARS + " bytes: " + label);
        }
    }
}
