package io.floatip.config;

/**
 * A policy routing rule a master adds after its VIPs and removes when it stops being master (keepalived
 * virtual_rules). Only the "look up this table" action: what real configs use rules for.
 *
 * @param ipv6       the rule's family: that of {@code from}/{@code to}, else the instance's
 * @param from       the source prefix, or null for any
 * @param to         the destination prefix, or null for any
 * @param table      the table to look up
 * @param priority   the rule's preference (lower first), or -1 to let the kernel choose
 * @param iif        the incoming interface, or null
 * @param oif        the outgoing interface (a socket bound to it), or null
 * @param fwmark     the firewall mark to match, or -1
 * @param fwmask     the mask for {@code fwmark}, or -1 for all bits
 */
public record VirtualRule(boolean ipv6, VirtualIp from, VirtualIp to, long table, long priority, String iif,
        String oif, long fwmark, long fwmask) {

    public static final long MAX_U32 = 0xffff_ffffL;

    public VirtualRule {
        if (from != null && VirtualRoute.ipv6(from.address()) != ipv6
                || to != null && VirtualRoute.ipv6(to.address()) != ipv6) {
            throw new IllegalArgumentException("from and to must be of one family");
        }
        if (table < 1 || table > MAX_U32 || priority < -1 || priority > MAX_U32) {
            throw new IllegalArgumentException("table 1.." + MAX_U32 + ", priority 0.." + MAX_U32);
        }
        if (fwmask != -1 && fwmark == -1) {
            throw new IllegalArgumentException("fwmask needs fwmark");
        }
    }

    /** As ip-rule(8) would show it, e.g. "from 198.51.100.50/32 lookup 100". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (priority >= 0) {
            sb.append("priority ").append(priority).append(' ');
        }
        sb.append("from ").append(from == null ? "all" : from.toString());
        if (to != null) {
            sb.append(" to ").append(to);
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (fwmark >= 0) {
            sb.append(" fwmark 0x").append(Long.toHexString(fwmark));
            if (fwmask >= 0) {
                sb.append("/0x").append(Long.toHexString(fwmask));
            }
        }
        return sb.append(" lookup ").append(table).toString();
    }
}
