package io.floatip.net;

/**
 * A decoded RTM_NEWLINK/RTM_DELLINK.
 *
 * @param family          ifi_family: AF_UNSPEC for the link itself; AF_BRIDGE etc. describe a role
 * @param state           what listeners get
 * @param hardwareAddress IFLA_ADDRESS, empty when the link has none
 * @param parentIndex     IFLA_LINK: the lower interface of a macvlan or VLAN, 0 when absent
 * @param kind            IFLA_LINKINFO's IFLA_INFO_KIND ("macvlan", "veth"...), null for a plain device
 * @param alias           IFLA_IFALIAS, null when none
 */
record LinkReply(int family, LinkState state, byte[] hardwareAddress, int parentIndex, String kind, String alias) {
}
