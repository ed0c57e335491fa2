package io.floatip.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads virtual_ipaddress lines ({@code 198.51.100.50/24 dev eth0 label eth0:1 ...}). floatip adds each address
 * to the instance's interface with global scope and nothing else: an address on another device is left out,
 * and the options it would ignore are warned about one by one, the address kept. An instance is of one family,
 * set by its first address: keepalived's alloc_vrrp_vip (keepalived/vrrp/vrrp_data.c) ignores the others.
 */
final class VipMapper {

    /** An address as floatip writes it, and its line. */
    record Vip(Address ip, Place place) {
    }

    /** The ip(8) options that take a value, so the value is not read as an option of its own. */
    private static final Set<String> WITH_VALUE = Set.of("dev", "label", "brd", "broadcast", "scope", "peer",
            "preferred_lft", "track_group");

    private VipMapper() {
    }

    /** @param v6 the instance's family */
    static List<Vip> read(List<Statement> blocks, String iface, boolean v6, Scope scope) {
        List<Vip> vips = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Statement block : blocks) {
            for (Statement line : block.children()) {
                one(line, iface, scope).ifPresent(vip -> {
                    if (vip.ip().v6() != v6) {
                        scope.notMapped(line, vip.ip().family() + " in an " + (v6 ? "IPv6" : "IPv4") + " instance "
                                + "(the family of its first address); keepalived ignores it too");
                    } else if (seen.add(vip.ip().address())) {
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
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = WITH_VALUE.contains(option) && i + 1 < args.size() ? args.get(++i) : null;
            String what = value == null ? option : option + " " + value;
            switch (option) {
                case "dev" -> {
                    if (value != null && !value.equals(iface)) {
                        scope.notMapped(line, "on " + value + ", not the instance's interface " + iface
                                + "; not yet: floatip adds addresses to the instance's interface only");
                        return Optional.empty();
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
        return Optional.of(new Vip(ip.get(), line.place()));
    }
}
