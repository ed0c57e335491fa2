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

    /** keepalived's defaults where they differ from floatip's: VRRPv2, and 255 for a MASTER with no priority. */
    static final int KEEPALIVED_VERSION = 2;
    static final int DEFAULT_PRIORITY = 100;
    static final int OWNER_PRIORITY = 255;
    static final long DEFAULT_ADVERT_MILLIS = 1_000;
    static final long DEFAULT_GARP_DELAY_MILLIS = 5_000;
    static final int DEFAULT_GARP_REPEAT = 5;
    static final long MAX_PREEMPT_DELAY_MILLIS = 1_000_000;

    /**
     * What every instance reads against.
     *
     * @param scriptWeights  the scripts that were mapped, with their weights
     * @param weightsIgnored instances in sync groups whose tracking weights keepalived ignores
     */
    record Context(GlobalMapper.Defaults defaults, Map<String, Integer> scriptWeights,
            Map<String, TrackFileMapper.TrackFile> files, Set<String> weightsIgnored, Claims claims) {
    }

    /** @param dropped why the instance is left out, or null when {@code node} holds it */
    record Result(YamlNode.MapNode node, String dropped) {
    }

    private final String name;
    private final Context context;
    private final Scope scope;
    private final YamlNode.MapNode out;
    private String iface;
    private Integer vrid;
    private Integer priority;
    private Statement state;
    private Integer version;
    private Statement advert;
    private boolean preempt = true;
    private Long preemptDelay;
    private Long garpDelay;
    private Integer garpRepeat;
    private Long garpRefresh;
    private Statement unicastSource;
    private Statement auth;
    private final List<Statement> vipBlocks = new ArrayList<>();
    private final List<Statement> peerBlocks = new ArrayList<>();
    private final List<Statement> trackBlocks = new ArrayList<>();
    private final List<Statement> notifies = new ArrayList<>();

    private InstanceMapper(String name, Context context, YamlNode.MapNode out, Scope scope) {
        this.name = name;
        this.context = context;
        this.out = out;
        this.scope = scope;
    }

    /** @param out the instance's map, which its scope writes comments into */
    static Result map(Statement instance, Context context, YamlNode.MapNode out, Scope scope) {
        InstanceMapper mapper = new InstanceMapper(instance.arg(0), context, out, scope);
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
            case "version", "vrrp_version" -> version = Numbers.integer(s.arg(0), 2, 3).orElseGet(() -> {
                scope.notMapped(s, "the version is 2 or 3");
                return null;
            });
            case "nopreempt" -> preempt = false;
            case "preempt" -> {
                // keepalived keeps it for old configs; preempting is the default.
            }
            case "preempt_delay" -> preemptDelay = Numbers.secondsAsMillis(s.arg(0))
                    .filter(ms -> ms <= MAX_PREEMPT_DELAY_MILLIS).orElseGet(() -> {
                        scope.notMapped(s, "a preempt delay is 0 to 1000 seconds");
                        return null;
                    });
            case "garp_master_delay" -> garpDelay = Numbers.secondsAsMillis(s.arg(0)).orElseGet(() -> {
                scope.notMapped(s, "not a number of seconds");
                return null;
            });
            case "garp_master_repeat" -> garpRepeat = Numbers.integer(s.arg(0), 1, 255).orElseGet(() -> {
                scope.notMapped(s, "floatip sends 1 to 255");
                return null;
            });
            case "garp_master_refresh" -> garpRefresh = Numbers.secondsAsMillis(s.arg(0))
                    .filter(ms -> ms == 0 || ms >= 1_000).orElseGet(() -> {
                        scope.notMapped(s, "floatip refreshes every 1 s or more, or not at all (0)");
                        return null;
                    });
            case "virtual_ipaddress" -> vipBlocks.add(s);
            case "unicast_src_ip" -> unicastSource = s;
            case "unicast_peer" -> peerBlocks.add(s);
            case "authentication" -> auth = s;
            case "track_script", "track_interface", "track_file" -> trackBlocks.add(s);
            default -> {
                if (NotifyMapper.EVENTS.containsKey(s.keyword())) {
                    notifies.add(s);
                } else {
                    scope.notMapped(s, Unmapped.why(s.keyword()));
                }
            }
        }
    }

    /** Writes the instance's keys; returns why it cannot be written at all, or null. */
    private String write() {
        if (iface == null || iface.contains(":") || iface.contains("/") || iface.length() > 15) {
            return iface == null ? "no interface" : "interface " + iface + " is not a name floatip accepts";
        }
        if (vrid == null) {
            return "no virtual_router_id from 1 to 255";
        }
        Optional<String> vridOwner = context.claims().vridOwner(iface, vrid);
        if (vridOwner.isPresent()) {
            return "virtual_router_id " + vrid + " on " + iface + " is already used by " + vridOwner.get();
        }
        List<VipMapper.Vip> vips = new ArrayList<>();
        for (VipMapper.Vip vip : VipMapper.read(vipBlocks, iface, scope)) {
            Optional<String> owner = context.claims().addressOwner(iface, vip.ip().address());
            if (owner.isPresent()) {
                scope.notMapped(vip.ip().text() + " (already an address of " + owner.get() + ")", vip.place());
            } else {
                vips.add(vip);
            }
        }
        if (vips.isEmpty()) {
            return "no virtual_ipaddress floatip can hold";
        }
        int v = version != null ? version
                : context.defaults().version != null ? context.defaults().version : KEEPALIVED_VERSION;
        out.put("interface", YamlNode.text(iface));
        out.put("vrid", YamlNode.number(vrid));
        out.put("priority", YamlNode.number(priority()));
        out.put("version", YamlNode.number(v));
        advertInterval(v);
        if (!preempt) {
            out.put("preempt", YamlNode.typed("false"));
        }
        if (preemptDelay != null) {
            out.put("preempt_delay", Millis.node(preemptDelay));
        }
        YamlNode.ListNode ips = new YamlNode.ListNode();
        vips.forEach(vip -> ips.add(YamlNode.text(vip.ip().text())));
        out.put("virtual_ips", ips);
        garp();
        UnicastMapper.Unicast unicast = UnicastMapper.read(unicastSource, peerBlocks, scope);
        if (unicast.source() != null) {
            out.put("unicast_source", YamlNode.text(unicast.source()));
        }
        if (!unicast.peers().isEmpty()) {
            YamlNode.ListNode peers = new YamlNode.ListNode();
            unicast.peers().forEach(peers::add);
            out.put("unicast_peers", peers);
        }
        if (auth != null) {
            AuthMapper.read(auth, v, scope).ifPresent(map -> out.put("authentication", map));
        }
        TrackMapper tracking = new TrackMapper(iface, context.weightsIgnored().contains(name),
                context.scriptWeights(), context.files(), scope);
        trackBlocks.forEach(tracking::read);
        tracking.putInto(out);
        YamlNode.MapNode notify = NotifyMapper.read(notifies, scope);
        if (!notify.entries().isEmpty()) {
            out.put("notify", notify);
        }
        context.claims().vrid(iface, vrid, name);
        vips.forEach(vip -> context.claims().address(iface, vip.ip().address(), name));
        return null;
    }

    /** keepalived's state is only where an instance starts; floatip starts every instance as backup. */
    private int priority() {
        String wanted = state == null ? null : state.arg(0);
        if (state != null && !"MASTER".equals(wanted) && !"BACKUP".equals(wanted)) {
            scope.note(state.text() + ": keepalived knows MASTER and BACKUP only, and reads this as BACKUP",
                    state.place());
        }
        if (priority == null && "MASTER".equals(wanted)) {
            scope.note(state.text() + " without a priority is keepalived's address owner: written as priority 255, "
                    + "which floatip makes master at once", state.place());
            return OWNER_PRIORITY;
        }
        int p = priority != null ? priority : DEFAULT_PRIORITY;
        if (state != null && p == OWNER_PRIORITY) {
            scope.note(state.text() + ": priority 255 is the address owner, which floatip makes master at once",
                    state.place());
        } else if (state != null) {
            scope.note(state.text() + ": floatip has no initial state; it starts as backup and the highest priority "
                    + "becomes master", state.place());
        }
        return p;
    }

    private void advertInterval(int v) {
        if (advert != null) {
            AdvertMapper.millis(advert, v, scope).filter(ms -> ms != DEFAULT_ADVERT_MILLIS)
                    .ifPresent(ms -> out.put("advert_interval", Millis.node(ms)));
        }
    }

    /** Only what differs from floatip's defaults, which are keepalived's. */
    private void garp() {
        long delay = garpDelay != null ? garpDelay
                : context.defaults().garpDelayMillis != null ? context.defaults().garpDelayMillis
                : DEFAULT_GARP_DELAY_MILLIS;
        int repeat = garpRepeat != null ? garpRepeat
                : context.defaults().garpRepeat != null ? context.defaults().garpRepeat : DEFAULT_GARP_REPEAT;
        YamlNode.MapNode garp = new YamlNode.MapNode();
        if (delay != DEFAULT_GARP_DELAY_MILLIS) {
            garp.put("delay", Millis.node(delay));
        }
        if (repeat != DEFAULT_GARP_REPEAT) {
            garp.put("repeat", YamlNode.number(repeat));
        }
        if (garpRefresh != null && garpRefresh != 0) {
            garp.put("refresh", Millis.node(garpRefresh));
        }
        if (!garp.entries().isEmpty()) {
            out.put("garp", garp);
        }
    }
}
