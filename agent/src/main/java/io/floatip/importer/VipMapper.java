package io.floatip.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads virtual_ipaddress (and virtual_ipaddress_excluded) lines ({@code 198.51.100.50/24 dev eth1 label
 * eth1:1 ...}). floatip adds each address with global scope and nothing else, on the instance's interface or
 * the one {@code dev} names (keepalived's parse_ipaddress, vrrp_ipaddress.c, puts it there and vrrp.c's
 * vrrp_send_link_update sends its gratuitous ARP there); the options it would ignore are warned about one by
 * one, the address kept. The VIPs are of one family, set by the first address: keepalived's alloc_vrrp_vip
 * (keepalived/vrrp/vrrp_data.c) ignores the others; the excluded addresses are never advertised and may mix.
 */
final class VipMapper {

    /** An address as floatip writes it, its line, and its interface when not the instance's (else null). */
    record Vip(Address ip, Place place, String dev) {

        /** The interface the address goes on. */
        String on(String iface) {
            return dev == null ? iface : dev;
        }

        /** As floatip's virtual_ips and excluded_ips list it. */
        YamlNode node() {
            return dev == null ? YamlNode.text(ip.text())
                    : new YamlNode.MapNode().put("address", YamlNode.text(ip.text())).put("interface", YamlNode.text(dev));
        }
    }

    /** The ip(8) options that take a value, so the value is not read as an option of its own. */
    private static final Set<String> WITH_VALUE = Set.of("dev", "label", "brd", "broadcast", "scope", "peer",
            "preferred_lft", "track_group");

    private VipMapper() {
    }

    /** @param v6 the instance's family, or null for excluded addresses, which may be of either */
    static List<Vip> read(List<Statement> blocks, String iface, Boolean v6, Scope scope) {
        List<Vip> vips = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Statement block : blocks) {
            for (Statement line : block.children()) {
                one(line, iface, scope).ifPresent(vip -> {
                    if (v6 != null && vip.ip().v6() != v6) {
                        scope.notMapped(line, vip.ip().family() + " in an " + (v6 ? "IPv6" : "IPv4") + " instance "
                                + "(the family of its first address); keepalived ignores it too");
                    } else if (seen.add(vip.on(iface) + " " + vip.ip().address())) {
                        vips.add(vip);
                    } else {
                        scope.notMapped(line, "the address is listed twice");
                    }
                });
            }
        }
        return vips;
    }

    private static Optional<Vip> one(Statement line, String iface, Scope scope) {
        String written = line.keyword();
        Optional<Address> ip = Address.parse(written);
        if (ip.isEmpty()) {
            scope.notMapped(line, Ipv4.isV6(written) ? "not an IPv6 address" : "not an IPv4 address");
            return Optional.empty();
        }
        List<String> args = line.args();
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = WITH_VALUE.contains(option) && i + 1 < args.size() ? args.get(++i) : null;
            String what = value == null ? option : option + " " + value;
            switch (option) {
                case "dev" -> {
                    if (value != null && !InstanceMapper.interfaceName(value)) {
                        scope.notMapped(line, "on " + value + ", not an interface name floatip accepts");
                        return Optional.empty();
                    }
                    if (value != null && !value.equals(iface)) {
                        dev = value;
                    }
                }
                case "label" -> scope.notMapped(what + " of " + written + " (ignored: floatip adds the address "
                        + "without a label)", line.place());
                case "brd", "broadcast" -> scope.notMapped(what + " of " + written + " (ignored: floatip adds the "
                        + "address without a broadcast address)", line.place());
                case "scope" -> {
                    if (!"global".equals(value)) {
                        scope.notMapped(what + " of " + written + " (ignored: floatip adds addresses with scope "
                                + "global)", line.place());
                    }
                }
                default -> scope.notMapped(what + " of " + written + " (ignored: " + Unmapped.why(option) + ")",
                        line.place());
            }
        }
        return Optional.of(new Vip(ip.get(), line.place(), dev));
    }
}
