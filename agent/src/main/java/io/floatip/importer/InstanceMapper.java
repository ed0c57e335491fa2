package io.floatip.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one vrrp_instance into an entry of floatip's {@code instances}. keepalived lets the keywords come in any
 * order, so they are gathered first and written in floatip's order after.
 */
final class InstanceMapper {

    /** keepalived's default where it differs from floatip's: VRRPv2 (for IPv4; IPv6 is VRRPv3). */
    static final int KEEPALIVED_VERSION = 2;
    static final long DEFAULT_ADVERT_MILLIS = 1_000;
    static final long DEFAULT_GARP_DELAY_MILLIS = 5_000;
    static final int DEFAULT_GARP_REPEAT = 5;
    static final long MAX_PREEMPT_DELAY_MILLIS = 1_000_000;

    /**
     * What every instance reads against.
     *
     * @param scriptWeights  the scripts that were mapped, with their weights
     * @param weightsIgnored instances in sync groups whose tracking weights keepalived ignores
     * @param processes      the vrrp_track_process blocks that were mapped
     */
    record Context(GlobalMapper.Defaults defaults, Map<String, Integer> scriptWeights,
            Map<String, TrackFileMapper.TrackFile> files, Set<String> weightsIgnored, Claims claims,
            Set<String> processes) {
    }

    /** @param dropped why the instance is left out, or null when {@code node} holds it */
    record Result(YamlNode.MapNode node, String dropped) {
    }

    private final Statement instance;
    private final String name;
    private final Context context;
    private final Scope scope;
    private final YamlNode.MapNode out;
    private String iface;
    private Integer vrid;
    private Integer priority;
    private Statement state;
    private Integer version;
    private Statement versionStatement;
    private Statement advert;
    private Statement nopreempt;
    private Statement preemptDelayStatement;
    private Long preemptDelay;
    private Boolean strict;
    /** The last accept or no_accept: keepalived's parser lets it win. */
    private Statement accept;
    private Statement noVips;
    private boolean dontTrackPrimary;
    private Statement useVmac;
    private Boolean skipCheckAdvAddr;
    /** The first statement that sets the instance's address family, as keepalived's parser sees them. */
    private String familyAddress;
    private Long garpDelay;
    private Integer garpRepeat;
    private Long garpRefresh;
    private Place garpRefreshPlace;
    private Statement unicastSource;
    private Statement mcastSource;
    /** The later of unicast_src_ip and mcast_src_ip: one setting in keepalived (vrrp_srcip_handler). */
    private Statement source;
    private final List<Statement> routeBlocks = new ArrayList<>();
    private final List<Statement> ruleBlocks = new ArrayList<>();
    private Statement auth;
    private final List<Statement> vipBlocks = new ArrayList<>();
    private final List<Statement> excludedBlocks = new ArrayList<>();
    private final List<Statement> peerBlocks = new ArrayList<>();
    private final List<Statement> trackBlocks = new ArrayList<>();
    private final List<Statement> notifies = new ArrayList<>();

    private InstanceMapper(Statement instance, Context context, YamlNode.MapNode out, Scope scope) {
        this.instance = instance;
        this.name = instance.arg(0);
        this.context = context;
        this.out = out;
        this.scope = scope;
    }

    /** @param out the instance's map, which its scope writes comments into */
    static Result map(Statement instance, Context context, YamlNode.MapNode out, Scope scope) {
        InstanceMapper mapper = new InstanceMapper(instance, context, out, scope);
        instance.children().forEach(mapper::gather);
        String dropped = mapper.write();
        return new Result(dropped == null ? out : null, dropped);
    }

    private void gather(Statement s) {
        switch (s.keyword()) {
            case "state" -> state = s;
            case "interface" -> iface = s.arg(0);
            case "virtual_router_id" -> vrid = Numbers.integer(s.arg(0), 1, 255).orElse(null);
            case "priority" -> priority = Numbers.integer(s.arg(0), 1, 255).orElseGet(() -> {
                scope.notMapped(s, "a priority is 1 to 255");
                return null;
            });
            case "advert_int" -> advert = s;
            case "version", "vrrp_version" -> {
                version = Numbers.integer(s.arg(0), 2, 3).orElseGet(() -> {
                    scope.notMapped(s, "the version is 2 or 3");
                    return null;
                });
                versionStatement = s;
            }
            case "nopreempt" -> nopreempt = s;
            case "preempt" -> {
                // keepalived's default, and floatip's.
            }
            case "accept", "no_accept" -> accept = s;
            case "preempt_delay" -> {
                preemptDelayStatement = s;
                preemptDelay = Numbers.secondsAsMillis(s.arg(0))
                        .filter(ms -> ms <= MAX_PREEMPT_DELAY_MILLIS).orElseGet(() -> {
                            scope.notMapped(s, "a preempt delay is 0 to 1000 seconds");
                            return null;
                        });
            }
            case "strict_mode" -> strictMode(s);
            case "skip_check_adv_addr" -> skipCheckAdvAddr(s);
            case "no_virtual_ipaddress" -> noVips = s;
            case "native_ipv6" -> nativeIpv6(s);
            case "dont_track_primary" -> dontTrackPrimary = true;
            case "use_vmac" -> useVmac = s;
            case "mcast_dst_ip" -> {
                family(s.arg(0));
                if (!String.valueOf(s.arg(0)).equalsIgnoreCase(GlobalMapper.MCAST_GROUP4)
                        && !String.valueOf(s.arg(0)).equalsIgnoreCase(GlobalMapper.MCAST_GROUP6)) {
                    scope.notMapped(s, Unmapped.why(s.keyword()));
                }
            }
            case "mcast_src_ip" -> {
                family(s.arg(0));
                mcastSource = s;
                source(s);
            }
            case "virtual_routes" -> routeBlocks.add(s);
            case "virtual_rules" -> ruleBlocks.add(s);
            case "garp_master_delay" -> garpDelay = Numbers.secondsAsMillis(s.arg(0)).orElseGet(() -> {
                scope.notMapped(s, "not a number of seconds");
                return null;
            });
            case "garp_master_repeat" -> garpRepeat = Numbers.integer(s.arg(0), 1, 255).orElseGet(() -> {
                scope.notMapped(s, "floatip sends 1 to 255");
                return null;
            });
            case "garp_master_refresh" -> {
                garpRefreshPlace = s.place();
                garpRefresh = Numbers.secondsAsMillis(s.arg(0)).filter(ms -> ms == 0 || ms >= 1_000).orElseGet(() -> {
                    scope.notMapped(s, "floatip refreshes every 1 s or more, or not at all (0)");
                    return null;
                });
            }
            case "virtual_ipaddress_excluded" -> excludedBlocks.add(s);
            case "virtual_ipaddress" -> {
                vipBlocks.add(s);
                s.children().stream().findFirst().ifPresent(first -> family(first.keyword()));
            }
            case "unicast_src_ip" -> {
                unicastSource = s;
                family(s.arg(0));
                source(s);
            }
            case "unicast_peer" -> {
                peerBlocks.add(s);
                s.children().stream().findFirst().ifPresent(first -> family(first.keyword()));
            }
            case "authentication" -> auth = s;
            case "track_script", "track_interface", "track_file", "track_process" -> trackBlocks.add(s);
            default -> {
                if (NotifyMapper.EVENTS.containsKey(s.keyword())) {
                    notifies.add(s);
                } else {
                    scope.notMapped(s, Unmapped.why(s.keyword()));
                }
            }
        }
    }

    /** vrrp_parser.c vrrp_skip_check_adv_addr_handler: on/off, no argument meaning on. */
    private void skipCheckAdvAddr(Statement s) {
        String value = s.args().isEmpty() ? "true" : s.arg(0);
        if (List.of("on", "true", "yes").contains(value)) {
            skipCheckAdvAddr = true;
        } else if (List.of("off", "false", "no").contains(value)) {
            skipCheckAdvAddr = false;
        } else {
            scope.notMapped(s, "not a boolean; keepalived refuses it");
        }
    }

    private void source(Statement s) {
        if (source != null) {
            scope.notMapped(source, "keepalived's mcast_src_ip and unicast_src_ip are one setting, and the later "
                    + s.keyword() + " (line " + s.place().line() + ") overrides it");
        }
        source = s;
    }

    /** vrrp_parser.c vrrp_native_ipv6_handler: IPv6 (and VRRPv3), unless an IPv4 address came first. */
    private void nativeIpv6(Statement s) {
        if (familyAddress != null && !Ipv4.isV6(familyAddress)) {
            scope.notMapped(s, "after the IPv4 address " + familyAddress + " keepalived ignores it (\"Cannot specify "
                    + "native_ipv6 with IPv4 addresses\"); the instance is IPv4");
        } else {
            family("::");
        }
    }

    /** keepalived's parser gives the instance the family of the first address it reads, whatever its keyword. */
    private void family(String address) {
        if (familyAddress == null && address != null) {
            familyAddress = address;
        }
    }

    private void strictMode(Statement s) {
        String value = s.args().isEmpty() ? "true" : s.arg(0);
        if (List.of("on", "true", "yes").contains(value)) {
            strict = true;
            scope.notMapped(s, Unmapped.STRICT);
        } else if (List.of("off", "false", "no").contains(value)) {
            strict = false;
        } else {
            scope.notMapped(s, "not a boolean; keepalived ignores it too");
        }
    }

    /** Writes the instance's keys; returns why it cannot be written at all, or null. */
    private String write() {
        if (iface == null || !interfaceName(iface)) {
            return iface == null ? "no interface" : "interface " + iface + " is not a name floatip accepts";
        }
        if (vrid == null) {
            return "no virtual_router_id from 1 to 255";
        }
        boolean v6 = familyAddress != null && Ipv4.isV6(familyAddress);
        Optional<String> vridOwner = context.claims().vridOwner(iface, v6, vrid);
        if (vridOwner.isPresent()) {
            return "virtual_router_id " + vrid + " on " + iface + " is already used by " + vridOwner.get();
        }
        if (v6 && (unicastSource != null || !peerBlocks.isEmpty())) {
            return "not yet: IPv6 unicast; floatip sends IPv6 adverts to ff02::12 only";
        }
        List<VipMapper.Vip> vips = unclaimed(VipMapper.read(vipBlocks, iface, v6, scope));
        List<VipMapper.Vip> excluded = unclaimed(VipMapper.read(excludedBlocks, iface, null, scope));
        boolean strictMode = strict != null ? strict : context.defaults().strict;
        if (vips.isEmpty()) {
            String refused = NoVips.refusal(vipBlocks, noVips, v6 || version(false, strictMode) == 3, strictMode,
                    instance, scope);
            if (refused != null) {
                return refused;
            }
        }
        out.put("interface", YamlNode.text(iface));
        out.put("vrid", YamlNode.number(vrid));
        Completion.Start start = Completion.complete(state, priority, strictMode, nopreempt, preemptDelayStatement,
                preemptDelay, scope);
        int v = version(v6, strictMode);
        out.put("priority", YamlNode.number(start.priority()));
        out.put("version", YamlNode.number(v));
        advertInterval(v);
        if (!start.preempt()) {
            out.put("preempt", YamlNode.typed("false"));
        }
        if (start.preemptDelay() != null) {
            out.put("preempt_delay", Millis.node(start.preemptDelay()));
        }
        AcceptMapper.map(accept, strictMode, start.priority(), v, instance.place(), out, scope);
        if (dontTrackPrimary) {
            out.put("dont_track_primary", YamlNode.typed("true"));
        }
        if (useVmac != null) {
            VmacMapper.useVmac(useVmac, v6, vrid, out, scope);
        }
        if (skipCheckAdvAddr != null ? skipCheckAdvAddr : context.defaults().skipCheckAdvAddr) {
            out.put("skip_check_adv_addr", YamlNode.typed("true"));
        }
        YamlNode.ListNode ips = new YamlNode.ListNode();
        vips.forEach(vip -> ips.add(vip.node()));
        out.put("virtual_ips", ips);
        if (v6 && vips.isEmpty()) {
            // keepalived took the family from an IPv6 source, peer or native_ipv6; floatip is told.
            out.put("family", YamlNode.text("ipv6"));
        }
        if (!excluded.isEmpty()) {
            YamlNode.ListNode held = new YamlNode.ListNode();
            excluded.forEach(vip -> held.add(vip.node()));
            out.put("excluded_ips", held);
        }
        GarpMapper.map(garpDelay, garpRepeat, garpRefresh, garpRefreshPlace, context.defaults(), v6, scope)
                .ifPresent(garp -> out.put("garp", garp));
        if (v6 && mcastSource != null) {
            scope.notMapped(mcastSource, "floatip sends IPv6 adverts from the interface's link-local address "
                    + "(RFC 9568 5.1.2.1)");
        }
        UnicastMapper.putInto(UnicastMapper.read(v6 ? null : source, peerBlocks, scope), strictMode, peerBlocks, out,
                scope);
        if (auth != null) {
            AuthMapper.read(auth, v, strictMode, scope).ifPresent(map -> out.put("authentication", map));
        }
        TrackMapper.WeightRule weights = context.weightsIgnored().contains(name) ? TrackMapper.WeightRule.SYNC_GROUP
                : start.priority() == Completion.OWNER_PRIORITY ? TrackMapper.WeightRule.OWNER
                : TrackMapper.WeightRule.KEPT;
        TrackMapper tracking = new TrackMapper(iface, weights, context.scriptWeights(), context.files(),
                context.processes(), scope);
        trackBlocks.forEach(tracking::read);
        tracking.putInto(out);
        RoutingMapper.putInto(out, routeBlocks, ruleBlocks, scope);
        YamlNode.MapNode notify = NotifyMapper.read(notifies, scope);
        if (!notify.entries().isEmpty()) {
            out.put("notify", notify);
        }
        context.claims().vrid(iface, v6, vrid, name);
        vips.forEach(vip -> context.claims().address(vip.on(iface), vip.ip().address(), name));
        excluded.forEach(vip -> context.claims().address(vip.on(iface), vip.ip().address(), name));
        return null;
    }

    /** A name floatip takes for an interface (see the config's InterfaceNames). */
    static boolean interfaceName(String name) {
        return !name.isEmpty() && !name.contains(":") && !name.contains("/") && name.length() <= 15
                && name.chars().noneMatch(Character::isWhitespace);
    }

    /** The addresses no earlier instance holds on their interface; the others are reported. */
    private List<VipMapper.Vip> unclaimed(List<VipMapper.Vip> read) {
        List<VipMapper.Vip> kept = new ArrayList<>();
        for (VipMapper.Vip vip : read) {
            Optional<String> owner = context.claims().addressOwner(vip.on(iface), vip.ip().address());
            if (owner.isPresent()) {
                scope.notMapped(vip.ip().text() + " (already an address of " + owner.get() + ")", vip.place());
            } else {
                kept.add(vip);
            }
        }
        return kept;
    }

    /**
     * vrrp_version_handler (vrrp_parser.c) and vrrp_complete_instance (vrrp.c): IPv6 is VRRPv3 unless the
     * instance says 2, which only strict mode overrides; IPv4 takes the instance's, the global or 2.
     */
    private int version(boolean v6, boolean strictMode) {
        if (v6) {
            if (version != null && version == 2) {
                scope.notMapped(versionStatement, strictMode ? "keepalived's strict mode runs IPv6 as VRRPv3"
                        : "VRRPv2 is IPv4 only (RFC 3768); floatip runs IPv6 as VRRPv3, so give the keepalived "
                        + "peers version 3 too");
            }
            return 3;
        }
        return version != null ? version
                : context.defaults().version != null ? context.defaults().version : KEEPALIVED_VERSION;
    }

    private void advertInterval(int v) {
        if (advert != null) {
            AdvertMapper.millis(advert, v, scope).filter(ms -> ms != DEFAULT_ADVERT_MILLIS)
                    .ifPresent(ms -> out.put("advert_interval", Millis.node(ms)));
        }
    }
}
