package io.floatip.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an instance's {@code virtual_routes} and {@code virtual_rules}. The options are those real keepalived
 * configs use (keepalived's vrrp_iproute.c and vrrp_iprule.c parse many more); the others are refused by name,
 * so an imported config never silently loses what a route or rule did.
 */
final class RoutesReader {

    private static final String ROUTE_EXAMPLE = "{to: 203.0.113.0/24, via: 198.51.100.1}";
    private static final String RULE_EXAMPLE = "{from: 198.51.100.50/32, table: 100}";
    /** keepalived route options floatip does not carry out, and why. */
    private static final Map<String, String> ROUTE_REFUSED = Map.of(
            "nexthop", "multipath routes (nexthop) are not supported; give one route per gateway with its own metric",
            "onlink", "onlink is not supported; add the gateway's subnet to the interface instead",
            "protocol", "protocol is floatip's own (it finds its routes by it); remove it",
            "mtu", "route metrics such as mtu are not supported; set the interface's MTU",
            "advmss", "route metrics such as advmss are not supported",
            "realms", "realms are not supported",
            "tos", "tos routes are not supported",
            "no_track", "no_track is not needed: a route is held only while the instance is master, whatever its "
                    + "interface does");
    private static final Map<String, String> RULE_REFUSED = Map.of(
            "action", "only rules that look up a table are supported; blackhole/unreachable/prohibit rules are not",
            "goto", "goto rules are not supported",
            "tos", "tos rules are not supported",
            "realms", "realms are not supported",
            "suppress_prefixlength", "suppress_prefixlength is not supported",
            "sport", "port ranges (sport, dport, ipproto) are not supported",
            "dport", "port ranges (sport, dport, ipproto) are not supported",
            "uidrange", "uidrange is not supported",
            "protocol", "protocol is floatip's own (it finds its rules by it); remove it",
            "no_track", "no_track is not needed: a rule is held only while the instance is master");

    private RoutesReader() {
    }

    /** @param ipv6 the instance's family if known: a rule with neither from nor to is of that family */
    static Optional<VirtualRouting> read(Section instance, Optional<Boolean> ipv6) {
        Optional<List<VirtualRoute>> routes = instance.field("virtual_routes")
                .map(f -> items(f, ROUTE_EXAMPLE, RoutesReader::route)).orElse(Optional.of(List.of()));
        Optional<List<VirtualRule>> rules = instance.field("virtual_rules")
                .map(f -> items(f, RULE_EXAMPLE, s -> rule(s, ipv6.orElse(false)))).orElse(Optional.of(List.of()));
        if (routes.isEmpty() || rules.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VirtualRouting(routes.get(), rules.get()));
    }

    private static <T> Optional<List<T>> items(Field field, String example,
            java.util.function.Function<Section, Optional<T>> one) {
        return field.list().flatMap(list -> {
            boolean ok = true;
            List<T> out = new ArrayList<>();
            Map<T, Integer> seen = new java.util.HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String path = field.path() + "[" + i + "]";
                if (!(item instanceof Node.MapNode map)) {
                    field.problems().at(item.mark(), path, "must be a map like " + example + ", got "
                            + item.describe());
                    ok = false;
                    continue;
                }
                Optional<T> value = one.apply(new Section(map, path, field.problems()));
                if (value.isEmpty()) {
                    ok = false;
                    continue;
                }
                Integer first = seen.putIfAbsent(value.get(), item.mark().line());
                if (first != null) {
                    field.problems().at(item.mark(), path, "'" + value.get() + "' is listed twice (first at line "
                            + first + "); remove one");
                    ok = false;
                }
                out.add(value.get());
            }
            return ok ? Optional.of(out) : Optional.empty();
        });
    }

    private static Optional<VirtualRoute> route(Section s) {
        ROUTE_REFUSED.forEach((key, why) -> s.refuse(key, why));
        Optional<VirtualRoute.Type> type = s.optional("type", VirtualRoute.Type.UNICAST, f -> f.oneOf(
                List.of("unicast", "blackhole", "unreachable", "prohibit"))
                .map(t -> VirtualRoute.Type.valueOf(t.toUpperCase(java.util.Locale.ROOT))));
        Optional<VirtualIp> to = s.required("to", RoutingText::prefix);
        Optional<Optional<InetAddress>> via = s.optional("via", Optional.empty(),
                f -> RoutingText.address(f).map(Optional::of));
        Optional<Optional<String>> dev = s.optional("dev", Optional.empty(),
                f -> RoutingText.interfaceName(f).map(Optional::of));
        Optional<Optional<InetAddress>> src = s.optional("src", Optional.empty(),
                f -> RoutingText.address(f).map(Optional::of));
        Optional<Long> table = s.optional("table", VirtualRoute.MAIN_TABLE, RoutingText::table);
        Optional<Long> metric = s.optional("metric", 0L, f -> f.text().flatMap(t -> RoutingText.u32(f, t.strip(), 0)));
        Optional<Optional<VirtualRoute.Scope>> scope = s.optional("scope", Optional.empty(), f -> f.oneOf(
                List.of("global", "link", "host")).map(v -> Optional.of(v.equals("global")
                        ? VirtualRoute.Scope.UNIVERSE : VirtualRoute.Scope.valueOf(v.toUpperCase(java.util.Locale.ROOT)))));
        s.finish();
        if (List.of(type, to, via, dev, src, table, metric, scope).contains(Optional.empty())) {
            return Optional.empty();
        }
        boolean v6 = VirtualRoute.ipv6(to.get().address());
        if (!sameFamily(s, "via", via.get(), v6) || !sameFamily(s, "src", src.get(), v6)) {
            return Optional.empty();
        }
        if (type.get() != VirtualRoute.Type.UNICAST && (via.get().isPresent() || dev.get().isPresent())) {
            s.problems().at(s.mark(), s.path(), "a " + type.get().key() + " route drops what it matches, so it "
                    + "has no via or dev; remove them");
            return Optional.empty();
        }
        if (type.get() == VirtualRoute.Type.UNICAST && via.get().isEmpty() && dev.get().isEmpty()) {
            s.problems().at(s.mark(), s.path(), "needs via (a gateway) or dev (an interface), like "
                    + ROUTE_EXAMPLE + "; or type: blackhole");
            return Optional.empty();
        }
        return Optional.of(new VirtualRoute(type.get(), to.get(), via.get().orElse(null), dev.get().orElse(null),
                src.get().orElse(null), table.get(), metric.get(), scope.get().orElse(null)));
    }

    private static Optional<VirtualRule> rule(Section s, boolean instanceIpv6) {
        RULE_REFUSED.forEach((key, why) -> s.refuse(key, why));
        Optional<Optional<VirtualIp>> from = s.optional("from", Optional.empty(),
                f -> RoutingText.prefix(f).map(Optional::of));
        Optional<Optional<VirtualIp>> to = s.optional("to", Optional.empty(),
                f -> RoutingText.prefix(f).map(Optional::of));
        Optional<Long> table = s.required("table", RoutingText::table);
        Optional<Long> priority = s.optional("priority", -1L,
                f -> f.text().flatMap(t -> RoutingText.u32(f, t.strip(), 0)));
        Optional<Optional<String>> iif = s.optional("iif", Optional.empty(),
                f -> RoutingText.interfaceName(f).map(Optional::of));
        Optional<Optional<String>> oif = s.optional("oif", Optional.empty(),
                f -> RoutingText.interfaceName(f).map(Optional::of));
        Optional<long[]> fwmark = s.optional("fwmark", new long[] {-1, -1}, RoutesReader::fwmark);
        s.finish();
        if (List.of(from, to, table, priority, iif, oif, fwmark).contains(Optional.empty())) {
            return Optional.empty();
        }
        VirtualIp f = from.get().orElse(null);
        VirtualIp t = to.get().orElse(null);
        boolean v6 = f != null ? VirtualRoute.ipv6(f.address()) : t != null ? VirtualRoute.ipv6(t.address())
                : instanceIpv6;
        if (f != null && t != null && VirtualRoute.ipv6(t.address()) != v6) {
            s.problems().at(s.mark(), s.path(), "from " + f + " and to " + t + " are of two address families; a "
                    + "rule is of one");
            return Optional.empty();
        }
        return Optional.of(new VirtualRule(v6, f, t, table.get(), priority.get(), iif.get().orElse(null),
                oif.get().orElse(null), fwmark.get()[0], fwmark.get()[1]));
    }

    /** {@code 1}, {@code 0x10} or {@code 0x10/0xf0}, as ip-rule(8) writes it. */
    private static Optional<long[]> fwmark(Field f) {
        return f.text().flatMap(text -> {
            String[] parts = text.strip().split("/", -1);
            if (parts.length > 2) {
                f.error("must be a mark or mark/mask like 0x10/0xf0, got '" + text + "'");
                return Optional.empty();
            }
            Optional<Long> mark = RoutingText.u32(f, parts[0], 0);
            Optional<Long> mask = parts.length == 2 ? RoutingText.u32(f, parts[1], 0) : Optional.of(-1L);
            if (mark.isEmpty() || mask.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new long[] {mark.get(), mask.get()});
        });
    }

    private static boolean sameFamily(Section s, String key, Optional<InetAddress> a, boolean v6) {
        if (a.isPresent() && VirtualRoute.ipv6(a.get()) != v6) {
            Field f = s.field(key).orElseThrow();
            f.error("is " + (v6 ? "IPv4" : "IPv6") + " but the route's destination (to) is " + (v6 ? "IPv6" : "IPv4"));
            return false;
        }
        return true;
    }
}
