package io.floatip.config;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an instance's {@code virtual_ips} list and claims each address on the instance's interface. An
 * instance is of one address family, set by its first address that parses: one VRRP advert carries IPv4 or
 * IPv6 addresses, never both (RFC 5798 5.2.9).
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
        return field.list().map(list -> {
            int count = list.items().size();
            boolean ok = true;
            if (count == 0) {
                field.error("must list at least one address, like [198.51.100.50/24]");
                ok = false;
            } else if (count > InstanceConfig.MAX_VIRTUAL_IPS) {
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
                if (ip.isEmpty()) {
                    ok = false;
                    continue;
                }
                if (first == null) {
                    first = item.mark();
                } else if (isIpv6(ip.get()) != isIpv6(ips.get(0))) {
                    field.problems().at(item.mark(), path, mixed(ip.get(), ips.get(0), first));
                    ok = false;
                }
                ips.add(ip.get());
                claims.address(iface, ip.get(), instance, path, item.mark());
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
        if (!(item instanceof Node.Scalar scalar) || scalar.isEmpty()) {
            problems.at(item.mark(), path, "must be an address like 198.51.100.50/24, got " + item.describe());
            return Optional.empty();
        }
        try {
            return Optional.of(VirtualIpParser.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
            problems.at(item.mark(), path, e.getMessage());
            return Optional.empty();
        }
    }
}
