package io.floatip.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads unicast_src_ip and the unicast_peer block ({@code ADDRESS [min_ttl N] [max_ttl N]} per line). */
final class UnicastMapper {

    /** @param source null for none; @param peers empty for multicast */
    record Unicast(String source, List<YamlNode> peers) {
    }

    private UnicastMapper() {
    }

    /** @param source the unicast_src_ip or mcast_src_ip statement (the later), or null */
    static Unicast read(Statement source, List<Statement> peerBlocks, Scope scope) {
        String src = source == null ? null : address(source, source.arg(0), scope).orElse(null);
        List<YamlNode> peers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean onLinkOnly = false;
        for (Statement block : peerBlocks) {
            for (Statement line : block.children()) {
                Optional<String> address = address(line, line.keyword(), scope);
                if (address.isEmpty()) {
                    continue;
                }
                if (address.get().equals(src)) {
                    scope.notMapped(line, "this is the node's own unicast_src_ip");
                } else if (!seen.add(address.get())) {
                    scope.notMapped(line, "the peer is listed twice");
                } else if (line.args().isEmpty()) {
                    peers.add(YamlNode.text(address.get()));
                    onLinkOnly = true;
                } else {
                    ttlRange(line, address.get(), scope).ifPresent(peers::add);
                }
            }
        }
        // Without peers keepalived sends multicast adverts from it (vrrp_srcip_handler sets the one source);
        // with peers that all failed to map, it would be unicast: no source is better than a wrong mode.
        if (src != null && peers.isEmpty() && !peerBlocks.isEmpty()) {
            scope.notMapped(source, "none of the unicast_peer addresses could be mapped");
            src = null;
        }
        if (onLinkOnly) {
            scope.note("unicast_peer: floatip takes adverts from a peer without min_ttl/max_ttl only with TTL 255, "
                    + "as sent on the same link", peerBlocks.get(0).place());
        }
        return new Unicast(src, peers);
    }

    /** The source and peers as floatip keys; strict mode's refusal of unicast is noted (keepalived stops). */
    static void putInto(Unicast unicast, boolean strictMode, List<Statement> peerBlocks, YamlNode.MapNode out,
            Scope scope) {
        if (unicast.source() != null) {
            out.put(unicast.peers().isEmpty() ? "multicast_source" : "unicast_source", YamlNode.text(unicast.source()));
        }
        if (!unicast.peers().isEmpty()) {
            if (strictMode) {
                scope.note("unicast_peer in strict mode: keepalived refuses it on an interface that can multicast "
                        + "and stops its VRRP process (\"Unicast peers are not supported in strict mode\"); floatip "
                        + "runs the instance in unicast", peerBlocks.get(0).place());
            }
            YamlNode.ListNode peers = new YamlNode.ListNode();
            unicast.peers().forEach(peers::add);
            out.put("unicast_peers", peers);
        }
    }

    private static Optional<String> address(Statement s, String text, Scope scope) {
        if (text == null || Ipv4.isV6(text)) {
            scope.notMapped(s, text == null ? "no address" : "IPv6 in an IPv4 instance; keepalived ignores it too");
            return Optional.empty();
        }
        Optional<Ipv4> ip = Ipv4.parse(text).filter(parsed -> parsed.prefix() == null);
        if (ip.isEmpty()) {
            scope.notMapped(s, "not an IPv4 address");
        }
        return ip.map(Ipv4::address);
    }

    /** keepalived checks only the bounds given: a missing min_ttl is 0, a missing max_ttl 255. */
    private static Optional<YamlNode> ttlRange(Statement line, String address, Scope scope) {
        int min = 0;
        int max = 255;
        List<String> args = line.args();
        for (int i = 0; i < args.size(); i += 2) {
            Optional<Integer> value = Numbers.integer(i + 1 < args.size() ? args.get(i + 1) : null, 0, 255);
            if (value.isEmpty() || !(args.get(i).equals("min_ttl") || args.get(i).equals("max_ttl"))) {
                scope.notMapped(line, "floatip takes only min_ttl and max_ttl, each 0 to 255");
                return Optional.empty();
            }
            if (args.get(i).equals("min_ttl")) {
                min = value.get();
            } else {
                max = value.get();
            }
        }
        if (min > max) {
            scope.notMapped(line, "min_ttl is above max_ttl");
            return Optional.empty();
        }
        return Optional.of(new YamlNode.MapNode().put("address", YamlNode.text(address))
                .put("min_ttl", YamlNode.number(min)).put("max_ttl", YamlNode.number(max)));
    }
}
