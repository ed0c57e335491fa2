package io.floatip.config;

import java.util.List;
import java.util.Optional;

/** Reads one entry of {@code instances}. */
final class InstanceReader {

    private InstanceReader() {
    }

    /** The instance, or empty if any of its keys is wrong (each reported where it is). */
    static Optional<InstanceConfig> read(String name, Section s, Claims claims, ScriptsReader.Scripts scripts,
            ProcessesReader.Processes processes, CommandReader commands) {
        Optional<String> iface = s.required("interface", InstanceReader::interfaceName);
        // Kept for checks that need the VIPs' family first: the vrid claim, and version 2 (IPv4 only).
        Field[] vridField = new Field[1];
        Field[] versionField = new Field[1];
        Optional<Integer> vrid = s.required("vrid", f -> {
            vridField[0] = f;
            return f.intBetween(InstanceConfig.MIN_VRID, InstanceConfig.MAX_VRID);
        });
        Optional<Integer> priority = s.optional("priority", InstanceConfig.DEFAULT_PRIORITY,
                f -> f.intBetween(InstanceConfig.MIN_PRIORITY, InstanceConfig.MAX_PRIORITY));
        Optional<Integer> version = s.optional("version", InstanceConfig.DEFAULT_VERSION, f -> {
            versionField[0] = f;
            return f.oneOf(List.of("2", "3")).map(Integer::valueOf);
        });
        Optional<Integer> advert = s.optional("advert_interval", InstanceConfig.DEFAULT_ADVERT_INTERVAL_CENTIS,
                f -> AdvertInterval.centis(f, version));
        Optional<Boolean> preempt = s.optional("preempt", true, Field::bool);
        Optional<Boolean> fastPreempt = s.optional("fast_preempt", false, Field::bool);
        Optional<Boolean> dontTrackPrimary = s.optional("dont_track_primary", false, Field::bool);
        Optional<Boolean> skipCheckAdvAddr = s.optional("skip_check_adv_addr", false, Field::bool);
        Optional<Boolean> useVmac = s.optional("use_vmac", false, Field::bool);
        Optional<Long> preemptDelay = s.optional("preempt_delay", 0L,
                f -> f.millisBetween(0, InstanceConfig.MAX_PREEMPT_DELAY_MILLIS));
        // Absent or empty: the instance elects a master for its notify scripts only.
        Optional<VirtualIpsReader.VirtualIps> vips = s.optional("virtual_ips",
                new VirtualIpsReader.VirtualIps(List.of(), true, null),
                f -> VirtualIpsReader.read(f, name, iface, claims));
        Optional<List<VirtualIp>> ips = vips.flatMap(VirtualIpsReader.VirtualIps::ips);
        Field[] familyField = new Field[1];
        Optional<Optional<Boolean>> family = s.optional("family", Optional.empty(), f -> {
            familyField[0] = f;
            return f.oneOf(List.of("ipv4", "ipv6")).map(v -> Optional.of(v.equals("ipv6")));
        });
        // The family is known once one address parsed (none at all: the family key's, else IPv4); with none
        // parsed of a wrong list, a clash of vrids shows after the fix.
        Optional<Boolean> ipv6 = ips.isPresent() && ips.get().isEmpty() ? family.map(f -> f.orElse(false))
                : vips.flatMap(VirtualIpsReader.VirtualIps::ipv6);
        boolean vipsParsed = vips.map(v -> !v.parsed().isEmpty()).orElse(false);
        boolean familyAgrees = true;
        if (vipsParsed && family.flatMap(f -> f).isPresent() && !family.get().get().equals(ipv6.get())) {
            familyField[0].error("the virtual_ips are " + (ipv6.get() ? "IPv6" : "IPv4") + " (line "
                    + vips.get().first().line() + "), and an instance is of one family; remove family, which "
                    + "only an instance without virtual_ips needs");
            familyAgrees = false;
        }
        // Where the family came from, for the errors below.
        String why6 = vipsParsed || familyField[0] == null
                ? "this instance's virtual_ips are IPv6 (line " + (vipsParsed ? vips.get().first().line() : "?") + ")"
                : "this instance is family: ipv6 (line " + familyField[0].mark().line() + ")";
        Optional<List<VirtualIp>> excluded = s.optional("excluded_ips", List.of(),
                f -> VirtualIpsReader.read(f, name, iface, claims, false).flatMap(VirtualIpsReader.VirtualIps::ips));
        Optional<Boolean> accept = s.optional("accept", true, Field::bool);
        if (vrid.isPresent() && iface.isPresent() && ipv6.isPresent()) {
            claims.vrid(iface.get(), ipv6.get(), vrid.get(), name, vridField[0]);
        }
        boolean oneFamily = true;
        if (ipv6.orElse(false) && version.orElse(3) == 2) {
            versionField[0].error("VRRPv2 is IPv4 only (RFC 3768); use version: 3 for " + (vipsParsed
                    ? "the IPv6 virtual_ips (line " + vips.get().first().line() + ")"
                    : "family: ipv6 (line " + familyField[0].mark().line() + ")"));
            oneFamily = false;
        }
        Optional<GarpConfig> garp = GarpReader.read(s);
        Optional<UnicastReader.Unicast> unicast = UnicastReader.read(s);
        if (ipv6.orElse(false) && unicast.isPresent() && !unicast.get().peers().isEmpty()) {
            Field peers = s.field("unicast_peers").orElseThrow();
            s.problems().at(peers.keyMark(), peers.path(), "unicast mode is IPv4 only for now, and " + why6
                    + "; remove unicast_peers to advertise to ff02::12");
            oneFamily = false;
        }
        if (ipv6.orElse(false) && unicast.isPresent() && unicast.get().peers().isEmpty()
                && unicast.get().source() != null) {
            Field source = s.field("multicast_source").orElseThrow();
            s.problems().at(source.keyMark(), source.path(), "applies to IPv4 instances; IPv6 adverts are sent "
                    + "from the interface's link-local address (RFC 9568 5.1.2.1), and " + why6);
            oneFamily = false;
        }
        Optional<AuthenticationReader.Authentication> auth = AuthenticationReader.read(s, version);
        Optional<TrackReader.Tracking> tracking = TrackReader.read(s, scripts, processes);
        Optional<NotifyConfig> notify = NotifyReader.read(s, commands);
        Optional<VirtualRouting> routing = RoutesReader.read(s, ipv6);
        s.finish();

        if (!oneFamily || !familyAgrees || List.of(iface, vrid, priority, version, advert, preempt, fastPreempt,
                preemptDelay, ips, garp, unicast, auth, tracking, notify, excluded, accept, dontTrackPrimary,
                skipCheckAdvAddr, useVmac, routing, ipv6).contains(Optional.empty())) {
            return Optional.empty();
        }
        return Optional.of(InstanceConfig.builder(name, iface.get(), vrid.get()).priority(priority.get())
                .version(version.get()).advertIntervalCentis(advert.get()).preempt(preempt.get())
                .preemptDelayMillis(preemptDelay.get()).virtualIps(ips.get()).garp(garp.get())
                .unicastSource(unicast.get().source()).unicastPeers(unicast.get().peers())
                .authPassword(auth.get().password()).trackScripts(tracking.get().scripts())
                .trackInterfaces(tracking.get().interfaces()).trackFiles(tracking.get().files())
                .notifications(notify.get()).fastPreempt(fastPreempt.get()).trackProcesses(tracking.get().processes())
                .excludedIps(excluded.get()).dontTrackPrimary(dontTrackPrimary.get())
                .skipCheckAdvAddr(skipCheckAdvAddr.get()).useVmac(useVmac.get()).routing(routing.get())
                .accept(accept.get()).ipv6(ipv6.get()).build());
    }

    private static Optional<String> interfaceName(Field field) {
        return field.text().filter(name -> {
            Optional<String> problem = InterfaceNames.problem(name);
            problem.ifPresent(field::error);
            return problem.isEmpty();
        });
    }
}
