package io.floatip.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An instance's {@code virtual_routes} and {@code virtual_rules}: held, like its VIPs, only while master. */
public record VirtualRouting(List<VirtualRoute> routes, List<VirtualRule> rules) {

    public static final VirtualRouting NONE = new VirtualRouting(List.of(), List.of());

    public VirtualRouting {
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        if (new HashSet<>(routes).size() != routes.size() || new HashSet<>(rules).size() != rules.size()) {
            throw new IllegalArgumentException("a route or rule is listed twice");
        }
    }

    public boolean isEmpty() {
        return routes.isEmpty() && rules.isEmpty();
    }

    /** Every interface a route or rule names, for checks at start. */
    public Set<String> interfaces() {
        Set<String> names = new HashSet<>();
        routes.forEach(r -> {
            if (r.dev() != null) {
                names.add(r.dev());
            }
        });
        rules.forEach(r -> {
            if (r.iif() != null) {
                names.add(r.iif());
            }
            if (r.oif() != null) {
                names.add(r.oif());
            }
        });
        return names;
    }
}
