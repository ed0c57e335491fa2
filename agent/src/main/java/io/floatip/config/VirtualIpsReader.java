package io.floatip.config;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an instance's {@code virtual_ips} (or {@code excluded_ips}) list and claims each address on its
 * interface: the instance's, or the one an item names ({@code {address: ..., interface: eth1}}). The VIPs of
 * an instance are of one address family, set by the first address that parses: one VRRP advert carries IPv4
 * or IPv6 addresses, never both (RFC 9568 5.2.9). Excluded addresses are never advertised, so they may mix.
 * An empty list is an instance that elects a master for its notify scripts only (keepalived's
 * {@code no_virtual_ipaddress}).
 */
final class VirtualIpsReader {

    /**
     * What the list held.
     *
     * @param parsed   the addresses that parsed, in order (possibly of both families if the list mixes them)
     * @param complete whether every item was right, so {@code parsed} is the instance's list
     * @param first    where the first parsed address is written, or null if none parsed
     */
    record VirtualIps(List<VirtualIp> parsed, boolean complete, Mark first) {

        /** The instance's addresses, if the list was right. */
        Optional<List<VirtualIp>> ips() {
            return complete ? Optional.of(parsed) : Optional.empty();
        }

        /** The instance's family (true for IPv6), known once any address parsed. */
        Optional<Boolean> ipv6() {
            return parsed.isEmpty() ? Optional.empty() : Optional.of(isIpv6(parsed.get(0)));
        }
    }

    private VirtualIpsReader() {
    }

    /**
     * @param iface empty when the interface is wrong: then only repeats within this instance can be found
     * @return empty only when the value is not a list
     */
    static Optional<VirtualIps> read(Field field, String instance, Optional<String> iface, Claims claims) {
        return read(field, instance, iface, claims, true);
    }

    /** @param advertised whether the addresses go in adverts: then one family, at most 255 */
    static Optional<VirtualIps> read(Field field, String instance, Optional<String> iface, Claims claims,
            boolean advertised) {
        return field.list().map(list -> {
            int count = list.items().size();
            boolean ok = true;
            if (advertised && count > InstanceConfig.MAX_VIRTUAL_IPS) {
                field.error("has " + count + " addresses, at most " + InstanceConfig.MAX_VIRTUAL_IPS
                        + " are allowed (a VRRP advertisement counts them in one byte); split them across instances");
                ok = false;
            }
            List<VirtualIp> ips = new ArrayList<>();
            Mark first = null;
            for (int i = 0; i < count; i++) {
                Node item = list.items().get(i);
                String path = field.path() + "[" + i + "]";
                Optional<VirtualIp> ip = one(item, path, field.problems());
                if (ip.isPresent() && iface.isPresent() && iface.get().equals(ip.get().interfaceName())) {
                    ip = Optional.of(new VirtualIp(ip.get().address(), ip.get().prefixLength())); // its own
                }
                if (ip.isEmpty()) {
                    ok = false;
                    continue;
                }
                if (first == null) {
                    first = item.mark();
                } else if (advertised && isIpv6(ip.get()) != isIpv6(ips.get(0))) {
                    field.problems().at(item.mark(), path, mixed(ip.get(), ips.get(0), first));
                    ok = false;
                }
                ips.add(ip.get());
                Optional<String> on = ip.get().interfaceName() == null ? iface : Optional.of(ip.get().interfaceName());
                claims.address(on, ip.get(), instance, path, item.mark());
            }
            return new VirtualIps(ips, ok, first);
        });
    }

    static boolean isIpv6(VirtualIp ip) {
        return ip.address() instanceof Inet6Address;
    }

    private static String mixed(VirtualIp ip, VirtualIp first, Mark firstMark) {
        String family = isIpv6(ip) ? "IPv6" : "IPv4";
        return Ipv6Text.format(ip.address()) + " is " + family + ", but this instance's first address "
                + Ipv6Text.format(first.address()) + " (line " + firstMark.line() + ", column " + firstMark.column()
                + ") is " + (isIpv6(first) ? "IPv6" : "IPv4") + "; an instance is one address family, so give the "
                + family + " addresses an instance of their own (it may use the same vrid)";
    }

    private static Optional<VirtualIp> one(Node item, String path, Problems problems) {
        if (item instanceof Node.MapNode map) {
            return placed(new Section(map, path, problems));
        }
        if (!(item instanceof Node.Scalar scalar) || scalar.isEmpty()) {
            problems.at(item.mark(), path, "must be an address like 198.51.100.50/24, or a map like {address: "
                    + "203.0.113.50/24, interface: eth1}, got " + item.describe());
            return Optional.empty();
        }
        return parse(scalar.text(), item.mark(), path, problems);
    }

    /** {@code {address: 203.0.113.50/24, interface: eth1}}: keepalived's {@code dev eth1}. */
    private static Optional<VirtualIp> placed(Section s) {
        Optional<VirtualIp> ip = s.required("address",
                f -> f.text().flatMap(text -> parse(text, f.mark(), f.path(), f.problems())));
        Optional<String> iface = s.required("interface", f -> f.text().filter(name -> {
            Optional<String> problem = InterfaceNames.problem(name);
            problem.ifPresent(f::error);
            return problem.isEmpty();
        }));
        s.finish();
        if (ip.isEmpty() || iface.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VirtualIp(ip.get().address(), ip.get().prefixLength(), iface.get()));
    }

    private static Optional<VirtualIp> parse(String text, Mark mark, String path, Problems problems) {
        try {
            return Optional.of(VirtualIpParser.parse(text));
        } catch (IllegalArgumentException e) {
            problems.at(mark, path, e.getMessage());
            return Optional.empty();
        }
    }
}
