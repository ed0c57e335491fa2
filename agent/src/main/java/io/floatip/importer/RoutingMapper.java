package io.floatip.importer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a vrrp_instance's virtual_routes and virtual_rules blocks into floatip's keys of those names. One line is
 * one route or rule, parsed as keepalived's vrrp_iproute.c (alloc_route) and vrrp_iprule.c (alloc_rule) read it:
 * keywords and their values in any order, the destination also without "to". What floatip carries out is mapped;
 * a line with any other option is left out whole, with that option named, so no route changes meaning.
 */
final class RoutingMapper {

    private static final Set<String> ROUTE_TYPES = Set.of("blackhole", "unreachable", "prohibit");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private RoutingMapper() {
    }

    /** Writes {@code virtual_routes} and {@code virtual_rules} into {@code out} when any line maps. */
    static void putInto(YamlNode.MapNode out, List<Statement> routeBlocks, List<Statement> ruleBlocks, Scope scope) {
        YamlNode.ListNode routes = new YamlNode.ListNode();
        routeBlocks.forEach(b -> b.children().forEach(line -> route(line, scope).ifPresent(routes::add)));
        if (!routes.items().isEmpty()) {
            out.put("virtual_routes", routes);
        }
        YamlNode.ListNode rules = new YamlNode.ListNode();
        ruleBlocks.forEach(b -> b.children().forEach(line -> rule(line, scope).ifPresent(rules::add)));
        if (!rules.items().isEmpty()) {
            out.put("virtual_rules", rules);
        }
    }

    private static Optional<YamlNode> route(Statement line, Scope scope) {
        List<String> words = words(line);
        YamlNode.MapNode r = new YamlNode.MapNode();
        String type = null;
        String to = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : null;
            switch (w) {
                case "blackhole", "unreachable", "prohibit" -> type = w;
                case "to" -> {
                    to = value;
                    i++;
                }
                case "src", "via", "gw", "dev", "metric", "preference", "priority", "table", "scope" -> {
                    if (value == null) {
                        return refuse(line, scope, "'" + w + "' has no value");
                    }
                    String key = switch (w) {
                        case "gw" -> "via";
                        case "preference", "priority" -> "metric";
                        default -> w;
                    };
                    Optional<String> problem = routeValue(key, value, r);
                    if (problem.isPresent()) {
                        return refuse(line, scope, problem.get());
                    }
                    i++;
                }
                default -> {
                    if (to == null && (Ipv4.parse(w).isPresent() || Ipv4.isV6(w) || w.equals("default"))) {
                        to = w;
                    } else {
                        return refuse(line, scope, "floatip's virtual_routes take to, via, dev, src, table, metric, "
                                + "scope and blackhole/unreachable/prohibit, not '" + w + "'");
                    }
                }
            }
        }
        if (to == null) {
            return refuse(line, scope, "no destination");
        }
        Optional<String> prefix = prefix(to);
        if (prefix.isEmpty()) {
            return refuse(line, scope, "'" + to + "' is not a network: its host bits must be zero");
        }
        YamlNode.MapNode ordered = new YamlNode.MapNode();
        ordered.put("to", YamlNode.text(prefix.get()));
        r.entries().forEach(e -> ordered.put(e.key(), e.value()));
        if (type != null) {
            if (r.entries().stream().anyMatch(e -> e.key().equals("via") || e.key().equals("dev"))) {
                return refuse(line, scope, "a " + type + " route has no via or dev");
            }
            ordered.put("type", YamlNode.text(type));
        } else if (r.entries().stream().noneMatch(e -> e.key().equals("via") || e.key().equals("dev"))) {
            return refuse(line, scope, "a route needs via or dev");
        }
        return Optional.of(ordered);
    }

    private static Optional<String> routeValue(String key, String value, YamlNode.MapNode r) {
        switch (key) {
            case "src", "via" -> {
                if (Ipv4.parse(value).filter(ip -> ip.prefix() == null).isEmpty() && !isV6Address(value)) {
                    return Optional.of(key + " '" + value + "' is not an address");
                }
                r.put(key, YamlNode.text(value));
            }
            case "dev" -> r.put(key, YamlNode.text(value));
            case "metric" -> {
                Optional<Integer> n = Numbers.integer(value, 0, Integer.MAX_VALUE);
                if (n.isEmpty()) {
                    return Optional.of("metric '" + value + "' is not a number");
                }
                r.put(key, YamlNode.number(n.get()));
            }
            case "table" -> {
                Optional<String> problem = table(value, r);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            case "scope" -> {
                String scope = value.equals("universe") ? "global" : value;
                if (!List.of("global", "link", "host").contains(scope)) {
                    return Optional.of("floatip takes scope global, link or host, not '" + value + "'");
                }
                r.put(key, YamlNode.text(scope));
            }
            default -> throw new IllegalStateException(key);
        }
        return Optional.empty();
    }

    private static Optional<YamlNode> rule(Statement line, Scope scope) {
        List<String> words = words(line);
        YamlNode.MapNode r = new YamlNode.MapNode();
        for (int i = 0; i < words.size(); i += 2) {
            String w = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : null;
            if (value == null) {
                return refuse(line, scope, "'" + w + "' has no value");
            }
            switch (w) {
                case "from", "to" -> {
                    if (!value.equals("all")) {
                        Optional<String> prefix = prefix(value);
                        if (prefix.isEmpty()) {
                            return refuse(line, scope, "'" + value + "' is not a network: its host bits must be zero");
                        }
                        r.put(w, YamlNode.text(prefix.get()));
                    }
                }
                case "table", "lookup" -> {
                    Optional<String> problem = table(value, r);
                    if (problem.isPresent()) {
                        return refuse(line, scope, problem.get());
                    }
                }
                case "priority", "preference", "order" -> {
                    Optional<Integer> n = Numbers.integer(value, 0, Integer.MAX_VALUE);
                    if (n.isEmpty()) {
                        return refuse(line, scope, "priority '" + value + "' is not a number");
                    }
                    r.put("priority", YamlNode.number(n.get()));
                }
                case "iif", "dev" -> r.put("iif", YamlNode.text(value));
                case "oif" -> r.put("oif", YamlNode.text(value));
                case "fwmark" -> r.put("fwmark", YamlNode.text(value));
                default -> {
                    return refuse(line, scope, "floatip's virtual_rules take from, to, table, priority, iif, oif and "
                            + "fwmark, not '" + w + "'");
                }
            }
        }
        if (r.entries().stream().noneMatch(e -> e.key().equals("table"))) {
            return refuse(line, scope, "floatip's rules look up a table, and this one names none");
        }
        return Optional.of(r);
    }

    /** keepalived takes a table number or a name from rt_tables; floatip numbers and main. */
    private static Optional<String> table(String value, YamlNode.MapNode r) {
        if (value.equals("main") || value.equals("254")) {
            return Optional.empty(); // floatip's default
        }
        Optional<Integer> n = Numbers.integer(value, 1, Integer.MAX_VALUE).filter(t -> t != 253 && t != 255);
        if (n.isEmpty()) {
            return Optional.of("floatip takes a table number (not local or default), not '" + value + "'");
        }
        r.put("table", YamlNode.number(n.get()));
        return Optional.empty();
    }

    /** A network as floatip writes it; a lone address is a host route, as keepalived reads it. */
    private static Optional<String> prefix(String text) {
        if (text.equals("default")) {
            return Optional.of("default");
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (Ipv4.isV6(address)) {
            if (!isV6Address(address)) {
                return Optional.empty();
            }
            int length = slash < 0 ? 128 : Numbers.integer(text.substring(slash + 1), 0, 128).orElse(-1);
            return length >= 0 && hostBitsZero(address, length) ? Optional.of(text) : Optional.empty();
        }
        Optional<Ipv4> ip = Ipv4.parse(text);
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int length = ip.get().prefix() == null ? 32 : ip.get().prefix();
        return hostBitsZero(ip.get().address(), length) ? Optional.of(ip.get().address() + "/" + length)
                : Optional.empty();
    }

    private static boolean hostBitsZero(String address, int length) {
        byte[] b = bytes(address);
        for (int bit = length; bit < b.length * 8; bit++) {
            if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A literal only (digits, dots, colons): InetAddress parses it without asking DNS. */
    private static boolean isV6Address(String text) {
        return text.indexOf(':') >= 0 && V6.matcher(text).matches() && bytes(text).length == 16;
    }

    private static byte[] bytes(String literal) {
        if (!V6.matcher(literal).matches()) {
            return new byte[0];
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return new byte[0];
        }
    }

    private static List<String> words(Statement line) {
        List<String> words = new ArrayList<>();
        words.add(line.keyword());
        words.addAll(line.args());
        return words;
    }

    private static <T> Optional<T> refuse(Statement line, Scope scope, String why) {
        scope.notMapped(line, why);
        return Optional.empty();
    }
}
