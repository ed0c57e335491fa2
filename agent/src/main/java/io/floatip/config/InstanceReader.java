package io.floatip.config;

import java.util.List;
import java.util.Optional;

/** Reads one entry of {@code instances}. */
final class InstanceReader {

    private InstanceReader() {
    }

    /** The instance, or empty if any of its keys is wrong (each reported where it is). */
    static Optional<InstanceConfig> read(String name, Section s, Claims claims, ScriptsReader.Scripts scripts,
            CommandReader commands) {
        Optional<String> iface = s.required("interface", InstanceReader::interfaceName);
        Optional<Integer> vrid = s.required("vrid", f -> vrid(f, name, iface, claims));
        Optional<Integer> priority = s.optional("priority", InstanceConfig.DEFAULT_PRIORITY,
                f -> f.intBetween(InstanceConfig.MIN_PRIORITY, InstanceConfig.MAX_PRIORITY));
        Optional<Integer> version = s.optional("version", InstanceConfig.DEFAULT_VERSION,
                f -> f.oneOf(List.of("2", "3")).map(Integer::valueOf));
        Optional<Integer> advert = s.optional("advert_interval", InstanceConfig.DEFAULT_ADVERT_INTERVAL_CENTIS,
                f -> AdvertInterval.centis(f, version));
        Optional<Boolean> preempt = s.optional("preempt", true, Field::bool);
        Optional<Long> preemptDelay = s.optional("preempt_delay", 0L,
                f -> f.millisBetween(0, InstanceConfig.MAX_PREEMPT_DELAY_MILLIS));
        Optional<List<VirtualIp>> ips = s.required("virtual_ips", f -> VirtualIpsReader.read(f, name, iface, claims));
        Optional<GarpConfig> garp = GarpReader.read(s);
        Optional<UnicastReader.Unicast> unicast = UnicastReader.read(s);
        Optional<AuthenticationReader.Authentication> auth = AuthenticationReader.read(s, version);
        Optional<TrackReader.Tracking> tracking = TrackReader.read(s, scripts);
        Optional<NotifyConfig> notify = NotifyReader.read(s, commands);
        s.finish();

        if (List.of(iface, vrid, priority, version, advert, preempt, preemptDelay, ips, garp, unicast, auth,
                tracking, notify).contains(Optional.empty())) {
            return Optional.empty();
        }
        return Optional.of(new InstanceConfig(name, iface.get(), vrid.get(), priority.get(), version.get(),
                advert.get(), preempt.get(), preemptDelay.get(), ips.get(), garp.get(),
                unicast.get().source(), unicast.get().peers(), auth.get().password(),
                tracking.get().scripts(), tracking.get().interfaces(), tracking.get().files(), notify.get()));
    }

    private static Optional<String> interfaceName(Field field) {
        return field.text().filter(name -> {
            Optional<String> problem = InterfaceNames.problem(name);
            problem.ifPresent(field::error);
            return problem.isEmpty();
        });
    }

    private static Optional<Integer> vrid(Field field, String instance, Optional<String> iface, Claims claims) {
        Optional<Integer> vrid = field.intBetween(InstanceConfig.MIN_VRID, InstanceConfig.MAX_VRID);
        if (vrid.isPresent() && iface.isPresent()) {
            claims.vrid(iface.get(), vrid.get(), instance, field);
        }
        return vrid;
    }
}
