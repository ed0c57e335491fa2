package io.floatip.net;

/**
 * A decoded RTM_NEWLINK/RTM_DELLINK.
 *
 * @param family          ifi_family: AF_UNSPEC for the link itself; AF_BRIDGE etc. describe a role
 * @param state           what listeners get
 * @param hardwareAddress IFLA_ADDRESS, empty when the link has none
 */
record LinkReply(int family, LinkState state, byte[] hardwareAddress) {
}
