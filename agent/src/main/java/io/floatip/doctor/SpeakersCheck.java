package io.floatip.doctor;

import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Listens for VRRP on every configured interface at once and reports each speaker heard (VRID, source,
 * priority). A configured VRID advertised by someone else is expected from the pair's other node and a
 * conflict from anyone else; the doctor cannot tell which, so it says both, unless unicast_peers names it.
 */
final class SpeakersCheck implements Check {

    private final Map<String, List<InstanceConfig>> byInterface;
    private final Duration time;

    /** @param byInterface the instances on each interface that exists */
    SpeakersCheck(Map<String, List<InstanceConfig>> byInterface, Duration time) {
        this.byInterface = new LinkedHashMap<>(byInterface);
        this.time = time;
    }

    @Override
    public List<Result> run(HostFacts host) {
        List<Result> results = new ArrayList<>();
        if (time.isZero()) {
            byInterface.keySet().forEach(iface -> results.add(Result.warn("vrrp " + iface, "not listened (--listen 0)",
                    "floatip doctor --listen 3 to look for other speakers of this pair's VRIDs")));
            return results;
        }
        Listening heard = host.listen(byInterface.keySet(), time);
        byInterface.forEach((iface, instances) -> results.addAll(report(iface, instances, heard)));
        return results;
    }

    private List<Result> report(String iface, List<InstanceConfig> instances, Listening listening) {
        String check = "vrrp " + iface;
        String error = listening.errors().get(iface);
        if (error != null) {
            return List.of(Result.warn(check, "cannot listen: " + error,
                    "run as root with libpcap installed (see the libpcap and capabilities lines)"));
        }
        // One speaker is one (VRID, source); its last advert says the most about it now.
        Map<Integer, Map<String, Advert>> speakers = new TreeMap<>();
        for (Advert advert : listening.heard().getOrDefault(iface, List.of())) {
            speakers.computeIfAbsent(advert.vrid(), v -> new TreeMap<>()).put(advert.source(), advert);
        }
        List<Result> results = new ArrayList<>();
        speakers.forEach((vrid, bySource) -> {
            Optional<InstanceConfig> ours = instances.stream().filter(i -> i.vrid() == vrid).findFirst();
            bySource.values().forEach(advert -> results.add(ours.map(i -> ofOurs(check, i, advert))
                    .orElseGet(() -> Result.ok(check, "VRID " + vrid + " from " + advert.source() + " priority "
                            + advert.priority() + " (VRRPv" + advert.version() + "): not one of ours, no conflict"))));
            if (ours.isPresent() && bySource.size() > 1) {
                results.add(Result.warn(check, bySource.size() + " other speakers advertise VRID " + vrid + " ("
                                + String.join(", ", bySource.keySet()) + "); a pair has one other node",
                        "give the pairs different vrids, the same on both nodes of each pair"));
            }
        });
        for (InstanceConfig instance : instances) {
            if (!speakers.containsKey(instance.vrid())) {
                results.add(Result.ok(check, "VRID " + instance.vrid() + " (" + instance.name() + "): no other speaker "
                        + "heard in " + time.toSeconds() + " s; expected on the master (backups do not advertise) and "
                        + "while the other node is not running"));
            }
        }
        Map<String, Integer> undecoded = listening.undecoded().getOrDefault(iface, Map.of());
        if (!undecoded.isEmpty()) {
            results.add(Result.warn(check, undecoded.values().stream().mapToInt(Integer::intValue).sum()
                    + " VRRP frame(s) that are not valid adverts " + new TreeMap<>(undecoded),
                    "look for a misconfigured or foreign VRRP speaker: tcpdump -ni " + iface + " ip proto 112"));
        }
        return results;
    }

    private static Result ofOurs(String check, InstanceConfig instance, Advert advert) {
        String says = "advertises VRID " + advert.vrid() + " priority " + advert.priority();
        String mismatches = mismatches(instance, advert);
        if (instance.unicast()) {
            boolean listed = instance.unicastPeers().stream().map(UnicastPeer::address)
                    .anyMatch(a -> a.getHostAddress().equals(advert.source()));
            if (listed && mismatches.isEmpty()) {
                return Result.ok(check, "peer " + advert.source() + " " + says + ": one of " + instance.name()
                        + "'s unicast_peers");
            }
            if (!listed) {
                return Result.warn(check, advert.source() + " " + says + " but is not one of " + instance.name()
                                + "'s unicast_peers: another VRRP group uses VRID " + advert.vrid() + " here" + mismatches,
                        "give one of the groups another vrid, the same on both of its nodes");
            }
            return Result.warn(check, "peer " + advert.source() + " " + says + mismatches,
                    "make both nodes' instances agree");
        }
        return Result.warn(check, "peer " + advert.source() + " " + says
                        + ": expected if it is your pair's other node" + mismatches,
                "if it is not, give this pair another vrid (1..255), the same on both nodes");
    }

    /** What differs from our instance in a way that matters, as text to append; empty when nothing does. */
    static String mismatches(InstanceConfig instance, Advert advert) {
        List<String> found = new ArrayList<>();
        if (advert.version() != instance.version()) {
            found.add("it speaks VRRPv" + advert.version() + ", " + instance.name() + " VRRPv" + instance.version());
        }
        List<String> ours = instance.virtualIps().stream().map(VirtualIp::address).map(a -> a.getHostAddress())
                .sorted().toList();
        List<String> theirs = advert.addresses().stream().sorted().toList();
        if (!ours.equals(theirs)) {
            found.add("its VIPs " + theirs + " differ from " + instance.name() + "'s " + ours);
        }
        if (advert.version() == 2 && instance.version() == 2 && advert.intervalCentis() != instance.advertIntervalCentis()) {
            found.add("its interval " + advert.intervalCentis() * 10 + " ms differs from " + instance.name() + "'s "
                    + instance.advertIntervalCentis() * 10 + " ms (VRRPv2 drops it)");
        }
        // A unicast peer may be given a TTL range (a peer behind routers); anything else must arrive with 255.
        boolean ttlAccepted = instance.unicastPeers().stream()
                .filter(p -> p.address().getHostAddress().equals(advert.source())).findFirst()
                .map(p -> p.acceptsTtl(advert.ttl())).orElse(advert.ttl() == 255);
        if (!ttlAccepted) {
            found.add("it arrives with TTL " + advert.ttl() + " (it crossed a router?), which " + instance.name()
                    + " drops");
        }
        return found.isEmpty() ? "" : "; but " + String.join("; ", found);
    }
}
