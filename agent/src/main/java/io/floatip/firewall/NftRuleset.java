package io.floatip.firewall;

import io.floatip.config.VirtualIp;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;

/**
 * The {@code nft -f} input that makes floatip's table say exactly what the instances refuse now. Pure.
 *
 * <p>Each script replaces the whole table in one nftables transaction (declare it, delete it, write it anew),
 * so it is right whatever state a crash, an operator or an earlier failure left, and the kernel never shows a
 * half-written table. Rules follow keepalived's (vrrp_nftables.c, nft_setup_ipv4_vips and
 * nft_setup_ipv6_vips): an input chain drops packets to the addresses, an output chain drops packets from
 * them, and neighbour solicitations and advertisements pass both ways, since a master must still answer
 * neighbour discovery for its IPv6 VIPs (RFC 9568 6.4.3); ARP is not IP and never reaches these chains. Both
 * chains hook at priority -1, before a default filter table's, as keepalived's do. Forwarded traffic (the
 * virtual router's real job) takes neither hook. A link-local address is refused on its interface only.
 */
public final class NftRuleset {
    /** The table floatip owns; nothing else of the ruleset is touched. */
    public static final String TABLE = "inet floatip";
    /** nft's limit on a comment is 128 bytes. */
    private static final int MAX_COMMENT = 100;

    private NftRuleset() {
    }

    /** Removes the table if there is one (declaring an existing table is a no-op, deleting it then works). */
    public static String remove() {
        return "table " + TABLE + " {}\ndelete table " + TABLE + "\n";
    }

    /**
     * The table for {@code refused} (instance name to the addresses it refuses now, in a stable order), or
     * {@link #remove()} when nothing is refused: no table is left behind for nothing.
     *
     * @param ownInterface instance name to its own interface, where a VIP without {@code interface} lives
     */
    public static String replace(Map<String, List<VirtualIp>> refused, Map<String, String> ownInterface) {
        boolean any = refused.values().stream().anyMatch(l -> !l.isEmpty());
        if (!any) {
            return remove();
        }
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<VirtualIp>> e : refused.entrySet()) {
            String comment = " comment \"" + comment(e.getKey()) + "\"";
            for (VirtualIp vip : e.getValue()) {
                String address = vip.address() instanceof Inet4Address ? "ip" : "ip6";
                String text = host(vip);
                String onLink = "";
                if (vip.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
                    String dev = vip.interfaceName() != null ? vip.interfaceName()
                            : ownInterface.getOrDefault(e.getKey(), "");
                    onLink = "\"" + dev + "\" ";
                    in.append("        iifname ").append(onLink);
                    out.append("        oifname ").append(onLink);
                } else {
                    in.append("        ");
                    out.append("        ");
                }
                in.append(address).append(" daddr ").append(text).append(" counter drop").append(comment).append('\n');
                out.append(address).append(" saddr ").append(text).append(" counter drop").append(comment)
                        .append('\n');
            }
        }
        return remove() + "table " + TABLE + " {\n"
                + chain("input", "input", "daddr", in)
                + chain("output", "output", "saddr", out)
                + "}\n";
    }

    private static String chain(String name, String hook, String dir, CharSequence rules) {
        return "    chain " + name + " {\n"
                + "        type filter hook " + hook + " priority -1; policy accept;\n"
                + "        icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept\n"
                + rules
                + "    }\n";
    }

    /** The address alone, as nft reads it (the long IPv6 form is fine; a scope is not). */
    private static String host(VirtualIp vip) {
        String text = vip.address().getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    /** An instance's name as an nft string: no quote, backslash or control character, and short. */
    static String comment(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c);
        }
        return b.length() > MAX_COMMENT ? b.substring(0, MAX_COMMENT) : b.toString();
    }
}
