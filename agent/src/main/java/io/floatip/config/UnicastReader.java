package io.floatip.config;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an instance's {@code unicast_source} and {@code unicast_peers} (keepalived's unicast_src_ip and
 * unicast_peer): for networks that drop multicast, such as most clouds; and {@code multicast_source}
 * (keepalived's mcast_src_ip), the source of multicast adverts. Both are one setting, the advert's source.
 */
final class UnicastReader {

    /** Peers empty means multicast, from {@code source} if set. */
    record Unicast(Inet4Address source, List<UnicastPeer> peers) {
        static final Unicast MULTICAST = new Unicast(null, List.of());
    }

    /** An address with where it is written, so a repeat can name the first. */
    private record Placed(Inet4Address address, Mark mark) {
    }

    private record Peer(UnicastPeer peer, Placed placed) {
    }

    private static final String SOURCE_EXAMPLE = "198.51.100.11";
    private static final String PEER_EXAMPLE = "198.51.100.12";

    private UnicastReader() {
    }

    static Optional<Unicast> read(Section instance) {
        Optional<Field> sourceField = instance.field("unicast_source");
        Optional<Field> peersField = instance.field("unicast_peers");
        Optional<Field> multicastField = instance.field("multicast_source");
        Optional<Placed> source = sourceField.map(Field::withDefault).flatMap(UnicastReader::source);
        boolean sourceOk = sourceField.isEmpty() || source.isPresent();
        if (peersField.isEmpty()) {
            sourceField.ifPresent(f -> f.problems().at(f.keyMark(), f.path(), "unicast_source only applies with "
                    + "unicast_peers; add unicast_peers, or name the source of multicast adverts with "
                    + "multicast_source"));
            if (sourceField.isPresent()) {
                return Optional.empty();
            }
            // keepalived's mcast_src_ip: the same source as unicast_src_ip, for multicast adverts.
            Optional<Placed> multicast = multicastField.map(Field::withDefault).flatMap(UnicastReader::source);
            if (multicastField.isPresent() && multicast.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(multicast.map(p -> new Unicast(p.address(), List.of())).orElse(Unicast.MULTICAST));
        }
        multicastField.ifPresent(f -> f.problems().at(f.keyMark(), f.path(), "multicast_source applies to "
                + "multicast adverts; with unicast_peers the source is unicast_source"));
        Optional<List<UnicastPeer>> peers = peers(peersField.get(), source);
        if (!sourceOk || peers.isEmpty() || multicastField.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Unicast(source.map(Placed::address).orElse(null), peers.get()));
    }

    private static Optional<Placed> source(Field field) {
        return field.text().flatMap(text -> address(text, SOURCE_EXAMPLE, field.mark(), field.path(),
                field.problems()));
    }

    private static Optional<List<UnicastPeer>> peers(Field field, Optional<Placed> source) {
        return field.list().flatMap(list -> {
            boolean ok = true;
            if (list.items().isEmpty()) {
                field.error("must list at least one peer, like [" + PEER_EXAMPLE + "]; remove the key to use "
                        + "multicast");
                ok = false;
            }
            List<UnicastPeer> peers = new ArrayList<>();
            Map<Inet4Address, Mark> seen = new HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String path = field.path() + "[" + i + "]";
                Optional<Peer> peer = peer(item, path, field.problems());
                if (peer.isEmpty()) {
                    ok = false;
                    continue;
                }
                Placed at = peer.get().placed();
                Mark first = seen.putIfAbsent(at.address(), at.mark());
                String ip = at.address().getHostAddress();
                if (first != null) {
                    field.problems().at(at.mark(), path, ip + " is listed twice (first at line " + first.line()
                            + ", column " + first.column() + "); remove one");
                    ok = false;
                } else if (source.isPresent() && source.get().address().equals(at.address())) {
                    field.problems().at(at.mark(), path, ip + " is this node's unicast_source (line "
                            + source.get().mark().line() + "); list only the other nodes");
                    ok = false;
                }
                peers.add(peer.get().peer());
            }
            return ok ? Optional.of(peers) : Optional.empty();
        });
    }

    private static Optional<Peer> peer(Node item, String path, Problems problems) {
        if (item instanceof Node.Scalar scalar && !scalar.isEmpty()) {
            return address(scalar.text(), PEER_EXAMPLE, item.mark(), path, problems)
                    .map(placed -> new Peer(UnicastPeer.of(placed.address()), placed));
        }
        if (item instanceof Node.MapNode map) {
            return peerMap(new Section(map, path, problems));
        }
        problems.at(item.mark(), path, "must be an address like " + PEER_EXAMPLE + ", or a map with address, "
                + "min_ttl and max_ttl, got " + item.describe());
        return Optional.empty();
    }

    private static Optional<Peer> peerMap(Section s) {
        Optional<Placed> address = s.required("address", f -> f.text()
                .flatMap(text -> address(text, PEER_EXAMPLE, f.mark(), f.path(), f.problems())));
        Optional<Integer> min = s.optional("min_ttl", UnicastPeer.MAX_TTL, f -> f.intBetween(0, UnicastPeer.MAX_TTL));
        Optional<Integer> max = s.optional("max_ttl", UnicastPeer.MAX_TTL, f -> f.intBetween(0, UnicastPeer.MAX_TTL));
        s.finish();
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            s.problems().at(s.mark(), s.path(), "min_ttl " + min.get() + " is above max_ttl " + max.get()
                    + "; swap them");
            return Optional.empty();
        }
        if (address.isEmpty() || min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Peer(new UnicastPeer(address.get().address(), min.get(), max.get()), address.get()));
    }

    /** One host address: a prefix length would suggest a subnet of peers, which this is not. */
    private static Optional<Placed> address(String text, String example, Mark mark, String path,
            Problems problems) {
        try {
            Ipv4Text.Parsed parsed = Ipv4Text.parse(text, "unicast addresses", "an IPv4 address like " + example);
            if (parsed.prefix() != null) {
                problems.at(mark, path, "must be a single address without a prefix length, like "
                        + parsed.address().getHostAddress() + ", got '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(new Placed(parsed.address(), mark));
        } catch (IllegalArgumentException e) {
            problems.at(mark, path, e.getMessage());
            return Optional.empty();
        }
    }
}
