package io.floatip.net;

import static io.floatip.net.NetlinkConstants.*;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Decodes the rtnetlink replies and notifications the agent reads. Pure: bytes in, records out. */
final class NetlinkReplies {
    private NetlinkReplies() {
    }

    /** An RTM_NEWADDR (dump entry or notification); ifaddrmsg then IFA_* attributes. */
    static InterfaceAddress address(NetlinkMessage message) {
        ByteBuffer payload = message.payloadBuffer();
        if (payload.remaining() < IFADDRMSG_LEN) {
            throw new IllegalArgumentException("ifaddrmsg too short: " + payload.remaining() + " bytes");
        }
        int family = Byte.toUnsignedInt(payload.get(0));
        int prefixLength = Byte.toUnsignedInt(payload.get(1));
        int flags = Byte.toUnsignedInt(payload.get(2));
        int ifIndex = payload.getInt(4);
        Attributes attributes = Attributes.parse(message.payload(), IFADDRMSG_LEN);
        Integer longFlags = attributes.u32(IFA_FLAGS);
        if (longFlags != null) {
            flags = longFlags;
        }
        byte[] raw = attributes.has(IFA_LOCAL) ? attributes.bytes(IFA_LOCAL) : attributes.bytes(IFA_ADDRESS);
        if (raw == null) {
            throw new IllegalArgumentException("RTM_NEWADDR without IFA_LOCAL or IFA_ADDRESS");
        }
        return new InterfaceAddress(ifIndex, inetAddress(family, raw, ifIndex), prefixLength, flags,
                attributes.string(IFA_LABEL));
    }

    /** An RTM_NEWLINK or RTM_DELLINK; ifinfomsg then IFLA_* attributes. */
    static LinkReply link(NetlinkMessage message) {
        ByteBuffer payload = message.payloadBuffer();
        if (payload.remaining() < IFINFOMSG_LEN) {
            throw new IllegalArgumentException("ifinfomsg too short: " + payload.remaining() + " bytes");
        }
        int family = Byte.toUnsignedInt(payload.get(0));
        int ifIndex = payload.getInt(4);
        int flags = payload.getInt(8);
        Attributes attributes = Attributes.parse(message.payload(), IFINFOMSG_LEN);
        byte[] hardwareAddress = attributes.bytes(IFLA_ADDRESS);
        LinkState state = new LinkState(ifIndex, attributes.string(IFLA_IFNAME),
                (flags & IFF_UP) != 0,
                (flags & (IFF_LOWER_UP | IFF_RUNNING)) != 0,
                message.type() == RTM_DELLINK);
        Integer parent = attributes.u32(IFLA_LINK);
        byte[] linkInfo = attributes.bytes(IFLA_LINKINFO);
        String kind = linkInfo == null ? null : Attributes.parse(linkInfo, 0).string(IFLA_INFO_KIND);
        return new LinkReply(family, state, hardwareAddress != null ? hardwareAddress : new byte[0],
                parent == null ? 0 : parent, kind, attributes.string(IFLA_IFALIAS));
    }

    private static InetAddress inetAddress(int family, byte[] raw, int ifIndex) {
        try {
            if (family == AF_INET6 && raw.length == 16) {
                // Inet6Address keeps ::ffff:a.b.c.d as IPv6 where InetAddress.getByAddress would not;
                // link-local addresses only mean something with their interface.
                boolean linkLocal = (raw[0] & 0xff) == 0xfe && (raw[1] & 0xc0) == 0x80;
                return Inet6Address.getByAddress(null, raw, linkLocal ? ifIndex : -1);
            }
            if (family == AF_INET && raw.length == 4) {
                return InetAddress.getByAddress(raw);
            }
        } catch (UnknownHostException e) {
            // only thrown for a wrong length, excluded above
        }
        throw new IllegalArgumentException("address family " + family + " with " + raw.length + " bytes");
    }
}
