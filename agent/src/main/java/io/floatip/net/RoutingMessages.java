package io.floatip.net;

import static io.floatip.net.NetlinkConstants.*;

import java.net.InetAddress;

/** Builds RTM_NEWROUTE/RTM_DELROUTE and RTM_NEWRULE/RTM_DELRULE requests. Pure: values in, bytes out. */
final class RoutingMessages {
    private RoutingMessages() {
    }

    /** With NLM_F_EXCL, so an equal route answers EEXIST rather than being replaced. */
    static byte[] newRoute(int seq, RouteRequest r) {
        return route(new MessageBuilder(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq),
                r, true);
    }

    static byte[] deleteRoute(int seq, RouteRequest r) {
        return route(new MessageBuilder(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, seq), r, false);
    }

    static byte[] newRule(int seq, RuleRequest r) {
        return rule(new MessageBuilder(RTM_NEWRULE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq), r);
    }

    static byte[] deleteRule(int seq, RuleRequest r) {
        return rule(new MessageBuilder(RTM_DELRULE, NLM_F_REQUEST | NLM_F_ACK, seq), r);
    }

    private static byte[] route(MessageBuilder m, RouteRequest r, boolean add) {
        int family = NetlinkMessages.family(r.dst());
        same(family, r.gateway());
        same(family, r.prefsrc());
        checkLength(r.dst(), r.dstLen());
        // A delete matches on the scope only when it is not RT_SCOPE_NOWHERE (255): leave it open.
        int scope = add ? r.scope() : 255;
        m.u8(family).u8(r.dstLen()).u8(0 /* src_len */).u8(0 /* tos */)
                .u8(r.table() < 256 ? (int) r.table() : RT_TABLE_COMPAT).u8(RouteRequest.PROTOCOL).u8(scope)
                .u8(r.type()).u32(0 /* flags */);
        m.attribute(RTA_DST, r.dst().getAddress());
        m.attributeU32(RTA_TABLE, (int) r.table());
        if (r.gateway() != null) {
            m.attribute(RTA_GATEWAY, r.gateway().getAddress());
        }
        if (r.oif() != 0) {
            m.attributeU32(RTA_OIF, r.oif());
        }
        if (r.prefsrc() != null) {
            m.attribute(RTA_PREFSRC, r.prefsrc().getAddress());
        }
        if (r.metric() != 0) {
            m.attributeU32(RTA_PRIORITY, (int) r.metric());
        }
        return m.build();
    }

    private static byte[] rule(MessageBuilder m, RuleRequest r) {
        int family = r.ipv6() ? AF_INET6 : AF_INET;
        same(family, r.src());
        same(family, r.dst());
        if (r.src() != null) {
            checkLength(r.src(), r.srcLen());
        }
        if (r.dst() != null) {
            checkLength(r.dst(), r.dstLen());
        }
        m.u8(family).u8(r.dst() == null ? 0 : r.dstLen()).u8(r.src() == null ? 0 : r.srcLen()).u8(0 /* tos */)
                .u8(r.table() < 256 ? (int) r.table() : RT_TABLE_COMPAT).u8(0).u8(0).u8(FR_ACT_TO_TBL)
                .u32(0 /* flags */);
        if (r.src() != null) {
            m.attribute(FRA_SRC, r.src().getAddress());
        }
        if (r.dst() != null) {
            m.attribute(FRA_DST, r.dst().getAddress());
        }
        m.attributeU32(FRA_TABLE, (int) r.table());
        if (r.priority() >= 0) {
            m.attributeU32(FRA_PRIORITY, (int) r.priority());
        }
        if (r.iif() != null) {
            m.attributeString(FRA_IIFNAME, r.iif());
        }
        if (r.oif() != null) {
            m.attributeString(FRA_OIFNAME, r.oif());
        }
        if (r.fwmark() >= 0) {
            m.attributeU32(FRA_FWMARK, (int) r.fwmark());
            if (r.fwmask() >= 0) {
                m.attributeU32(FRA_FWMASK, (int) r.fwmask());
            }
        }
        m.attribute(FRA_PROTOCOL, new byte[] {(byte) RouteRequest.PROTOCOL});
        return m.build();
    }

    /**
     * Whether a RTM_DELROUTE or RTM_DELRULE notification is of a route or rule floatip added: the route's
     * rtm_protocol (byte 5 of struct rtmsg), the rule's FRA_PROTOCOL.
     */
    static boolean ours(NetlinkMessage message) {
        byte[] payload = message.payload();
        if (message.type() == RTM_DELROUTE || message.type() == RTM_NEWROUTE) {
            return payload.length >= RTMSG_LEN && (payload[5] & 0xff) == RouteRequest.PROTOCOL;
        }
        java.nio.ByteBuffer buffer = message.payloadBuffer();
        for (int at = RTMSG_LEN; at + NLA_HDRLEN <= payload.length; ) {
            int len = buffer.getShort(at) & 0xffff;
            int type = buffer.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < NLA_HDRLEN || at + len > payload.length) {
                return false;
            }
            if (type == FRA_PROTOCOL && len > NLA_HDRLEN) {
                return (payload[at + NLA_HDRLEN] & 0xff) == RouteRequest.PROTOCOL;
            }
            at += align4(len);
        }
        return false;
    }

    private static void same(int family, InetAddress a) {
        if (a != null && NetlinkMessages.family(a) != family) {
            throw new IllegalArgumentException("address of another family: " + a);
        }
    }

    private static void checkLength(InetAddress a, int length) {
        int bits = a.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + length);
        }
    }
}
