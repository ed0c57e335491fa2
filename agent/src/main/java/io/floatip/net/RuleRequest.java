package io.floatip.net;

/**
 * One "look up a table" rule to add or delete (RTM_NEWRULE / RTM_DELRULE), tagged with
 * {@link RouteRequest#PROTOCOL} (FRA_PROTOCOL, Linux 4.17) as routes are.
 *
 * @param src      null for any source
 * @param dst      null for any destination
 * @param priority the preference, or -1 for the kernel's choice
 * @param iif      incoming interface name, or null
 * @param oif      outgoing interface name, or null
 * @param fwmark   -1 for none
 * @param fwmask   -1 for none (all bits)
 */
public record RuleRequest(boolean ipv6, java.net.InetAddress src, int srcLen, java.net.InetAddress dst, int dstLen,
        long table, long priority, String iif, String oif, long fwmark, long fwmask) {
}
