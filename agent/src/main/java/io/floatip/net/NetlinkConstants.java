package io.floatip.net;

/** Values from linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h, linux/if.h. */
final class NetlinkConstants {
    private NetlinkConstants() {
    }

    static final int NLMSG_HDRLEN = 16;
    static final int NLA_HDRLEN = 4;
    /** Strips NLA_F_NESTED and NLA_F_NET_BYTEORDER from an attribute type. */
    static final int NLA_TYPE_MASK = 0x3fff;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    /** On NLMSG_ERROR: only the request's header was echoed. */
    static final int NLM_F_CAPPED = 0x100;
    /** On NLMSG_ERROR/NLMSG_DONE: extended-ack attributes follow. */
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;

    static final int RTMGRP_LINK = 1;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    static final int RTMGRP_IPV4_RULE = 0x80;
    static final int RTMGRP_IPV6_ROUTE = 0x400;
    /** RTNLGRP_IPV6_RULE (19) has no RTMGRP_ constant; as a bind(2) group bit it is 1 << (19 - 1). */
    static final int RTMGRP_IPV6_RULE = 1 << 18;
    /** netlink(7): join or leave one group (RTNLGRP_*, its bind(2) bit's index + 1) on a bound socket. */
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;
    /** rtnetlink.h: the route and rule groups, numbered as NETLINK_ADD_MEMBERSHIP takes them. */
    static final int[] RTNLGRP_ROUTING = {7, 8, 11, 19}; // IPV4_ROUTE, IPV4_RULE, IPV6_ROUTE, IPV6_RULE

    /** sizeof(struct rtmsg) and sizeof(struct fib_rule_hdr): eight u8 fields and a u32. */
    static final int RTMSG_LEN = 12;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;
    /** rtm_table is a u8; a larger table goes in RTA_TABLE with this in the header. */
    static final int RT_TABLE_COMPAT = 252;
    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_PROTOCOL = 21;
    static final int FR_ACT_TO_TBL = 1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** sizeof(struct ifaddrmsg): family, prefixlen, flags, scope (u8 each), index (u32). */
    static final int IFADDRMSG_LEN = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_FLAGS = 8;
    /** IFNAMSIZ - 1: room for the name without its NUL. */
    static final int IFNAMSIZ_MAX_CHARS = 15;

    /** sizeof(struct ifinfomsg): family, pad (u8), type (u16), index (s32), flags, change (u32). */
    static final int IFINFOMSG_LEN = 16;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_LINK = 5;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_AF_SPEC = 26;
    /** Inside IFLA_LINKINFO. */
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    /** Inside IFLA_INFO_DATA of a macvlan (linux/if_link.h). */
    static final int IFLA_MACVLAN_MODE = 1;
    static final int MACVLAN_MODE_PRIVATE = 1;
    /** Inside IFLA_AF_SPEC's AF_INET6 (linux/if_link.h): how the kernel makes the link-local address. */
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    static final int IN6_ADDR_GEN_MODE_NONE = 1;
    /** Inside IFLA_AF_SPEC's AF_INET (linux/if_link.h): the interface's IPv4 settings, net.ipv4.conf.IF.*. */
    static final int IFLA_INET_CONF = 1;

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;

    static int align4(int length) {
        return (length + 3) & ~3;
    }
}
