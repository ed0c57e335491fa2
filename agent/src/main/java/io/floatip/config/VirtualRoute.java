package io.floatip.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A route a master adds after its VIPs and removes when it stops being master (keepalived virtual_routes).
 *
 * @param type      unicast (through {@code via} or straight out of {@code dev}), or a route that drops:
 *                  blackhole, unreachable, prohibit
 * @param to        the destination prefix, host bits zero
 * @param via       the gateway, or null
 * @param dev       the outgoing interface, or null to let the kernel find it from {@code via}
 * @param src       the preferred source address (often a VIP), or null
 * @param table     the routing table, 254 being main
 * @param metric    the route's priority (lower wins), 0 when not given
 * @param scope     universe, link or host; null for the kernel's usual choice (link without a gateway)
 */
public record VirtualRoute(Type type, VirtualIp to, InetAddress via, String dev, InetAddress src, long table,
        long metric, Scope scope) {

    public static final long MAIN_TABLE = 254;
    public static final long MAX_TABLE = 0xffff_ffffL;
    public static final long MAX_METRIC = 0xffff_ffffL;

    /** rtm_type values of linux/rtnetlink.h. */
    public enum Type {
        UNICAST(1), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8);

        public final int rtn;

        Type(int rtn) {
            this.rtn = rtn;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** rtm_scope values of linux/rtnetlink.h. */
    public enum Scope {
        UNIVERSE(0), LINK(253), HOST(254);

        public final int rt;

        Scope(int rt) {
            this.rt = rt;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public VirtualRoute {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(to, "to");
        boolean v6 = ipv6(to.address());
        if (via != null && ipv6(via) != v6 || src != null && ipv6(src) != v6) {
            throw new IllegalArgumentException("via and src must be of the destination's family: " + to);
        }
        if (type != Type.UNICAST && (via != null || dev != null)) {
            throw new IllegalArgumentException(type.key() + " routes have no via or dev: " + to);
        }
        if (table < 1 || table > MAX_TABLE || metric < 0 || metric > MAX_METRIC) {
            throw new IllegalArgumentException("table 1.." + MAX_TABLE + ", metric 0.." + MAX_METRIC);
        }
    }

    public boolean ipv6() {
        return ipv6(to.address());
    }

    /** The scope sent to the kernel: as given, else link for a unicast route with no gateway, as ip(8) does. */
    public Scope effectiveScope() {
        if (scope != null) {
            return scope;
        }
        return type == Type.UNICAST && via == null && !ipv6() ? Scope.LINK : Scope.UNIVERSE;
    }

    static boolean ipv6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    /** As ip(8) would show it, e.g. "203.0.113.0/24 via 198.51.100.1 table 100". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != Type.UNICAST) {
            sb.append(type.key()).append(' ');
        }
        sb.append(to);
        if (via != null) {
            sb.append(" via ").append(Ipv6Text.format(via));
        }
        if (dev != null) {
            sb.append(" dev ").append(dev);
        }
        if (src != null) {
            sb.append(" src ").append(Ipv6Text.format(src));
        }
        if (table != MAIN_TABLE) {
            sb.append(" table ").append(table);
        }
        if (metric != 0) {
            sb.append(" metric ").append(metric);
        }
        if (scope != null) {
            sb.append(" scope ").append(scope.key());
        }
        return sb.toString();
    }
}
