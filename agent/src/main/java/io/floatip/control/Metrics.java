package io.floatip.control;

import io.floatip.protocol.DropReason;
import io.floatip.protocol.PolicyDrop;
import io.floatip.protocol.WireDrop;
import io.floatip.status.AgentStatus;
import io.floatip.status.AgentStatus.InstanceStatus;
import io.floatip.status.AgentStatus.ScriptStatus;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * An {@link AgentStatus} in Prometheus' text exposition format, version 0.0.4. Pure: the same snapshot gives
 * the same text. Every family is written with HELP and TYPE even when it has no samples, so dashboards see
 * the names before the first drop.
 *
 * <p>A VRRP instance's name is the label {@code vrrp_instance}, not {@code instance}: Prometheus attaches
 * {@code instance} (the scraped host:port) to every series itself and, by default, renames a scraped
 * {@code instance} label to {@code exported_instance}, which every rule and dashboard would then have to know.
 */
public final class Metrics {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The states each instance and group has a 0/1 series for. */
    public static final List<String> STATES = List.of("INIT", "BACKUP", "MASTER", "FAULT");
    /** The label that names a VRRP instance (see the class comment for why not "instance"). */
    public static final String INSTANCE = "vrrp_instance";
    /** How a VIP on another interface than its instance's is written in status (VirtualIp's toString). */
    private static final String DEV = " dev ";

    /**
     * The reasons an instance counts (the checks after its VRID picked it), exported at 0 from the start: a
     * series born with its first drops already in it has no increase() that Prometheus can see, so an alert
     * on it would miss the first burst after every start.
     */
    static final Set<DropReason> INSTANCE_DROPS = inOrder(true);
    /** The reasons an interface counts (the codec's, then whose advert it is), also exported at 0. */
    static final Set<DropReason> INTERFACE_DROPS = inOrder(false);

    /** In the counters' own order (wire reasons, then policy ones), as status and logs list them. */
    private static Set<DropReason> inOrder(boolean instance) {
        Set<DropReason> instanceOnes = Set.of(PolicyDrop.VERSION_MISMATCH, WireDrop.TTL_NOT_255,
                PolicyDrop.UNKNOWN_PEER, PolicyDrop.TTL_OUT_OF_RANGE, PolicyDrop.AUTH_MISMATCH,
                PolicyDrop.INTERVAL_MISMATCH, PolicyDrop.LOOP_BEHIND);
        Set<DropReason> interfaceLeaves = Set.of(PolicyDrop.VERSION_MISMATCH, PolicyDrop.UNKNOWN_PEER,
                PolicyDrop.TTL_OUT_OF_RANGE, PolicyDrop.AUTH_MISMATCH, PolicyDrop.INTERVAL_MISMATCH,
                PolicyDrop.LOOP_BEHIND);
        java.util.LinkedHashSet<DropReason> all = new java.util.LinkedHashSet<>(List.of(WireDrop.values()));
        all.addAll(List.of(PolicyDrop.values()));
        all.removeIf(r -> instance ? !instanceOnes.contains(r) : interfaceLeaves.contains(r));
        return java.util.Collections.unmodifiableSet(all);
    }

    private final StringBuilder out = new StringBuilder(8192);

    private Metrics() {
    }

    public static String render(AgentStatus status) {
        Metrics m = new Metrics();
        m.agent(status);
        m.instances(status.instances());
        m.interfaces(status.interfaces());
        m.scripts(status.scripts());
        m.groups(status.groups());
        m.refusals(status.refusals());
        return m.out.toString();
    }

    private void agent(AgentStatus s) {
        family("floatip_info", "gauge", "floatip's version and router_id; always 1.");
        sample("floatip_info", "1", "version", s.version(), "router_id", s.routerId());
        family("floatip_start_time_seconds", "gauge", "When the agent started, in seconds since the epoch.");
        sample("floatip_start_time_seconds", seconds(s.startedAtMillis()));
    }

    private void instances(List<InstanceStatus> instances) {
        family("floatip_instance_state", "gauge", "1 for the state the VRRP instance is in, 0 for the others.");
        for (InstanceStatus i : instances) {
            for (String state : STATES) {
                sample("floatip_instance_state", state.equals(i.state()) ? "1" : "0", INSTANCE, i.name(),
                        "interface", i.interfaceName(), "vrid", Integer.toString(i.vrid()), "state", state);
            }
        }
        // Per VIP, so "no node holds it" and "two nodes hold it" are a sum across nodes: a MASTER whose claim
        // failed holds nothing, and an address counts whichever instance holds it.
        family("floatip_vip_held", "gauge",
                "1 while this node holds the virtual address on its interface (claimed by this agent), else 0.");
        for (InstanceStatus i : instances) {
            for (String vip : i.virtualIps()) {
                // "203.0.113.50/24 dev eth1": the address is the vip, the interface it goes on a label of its own.
                int dev = vip.indexOf(DEV);
                sample("floatip_vip_held", i.heldVips().contains(vip) ? "1" : "0", INSTANCE, i.name(),
                        "interface", i.interfaceName(), "vrid", Integer.toString(i.vrid()),
                        "vip", dev < 0 ? vip : vip.substring(0, dev),
                        "vip_interface", dev < 0 ? i.interfaceName() : vip.substring(dev + DEV.length()));
            }
        }
        perInstance(instances, "floatip_instance_priority", "gauge", "The configured priority.",
                InstanceStatus::priority);
        perInstance(instances, "floatip_instance_effective_priority", "gauge",
                "The priority advertised, after tracking weights.", InstanceStatus::effectivePriority);
        family("floatip_instance_last_transition_timestamp_seconds", "gauge",
                "When the instance last changed state, in seconds since the epoch.");
        for (InstanceStatus i : instances) {
            sample("floatip_instance_last_transition_timestamp_seconds", seconds(i.sinceMillis()),
                    INSTANCE, i.name());
        }
        family("floatip_instance_last_transition_reason", "gauge",
                "Why the instance last changed state, as a code (master_silent, fault, ...); always 1.");
        for (InstanceStatus i : instances) {
            if (i.reasonCode() != null) {
                sample("floatip_instance_last_transition_reason", "1", INSTANCE, i.name(), "reason", i.reasonCode());
            }
        }
        perInstance(instances, "floatip_instance_transitions_total", "counter", "State changes since start.",
                i -> i.counters().transitions());
        perInstance(instances, "floatip_adverts_sent_total", "counter", "VRRP adverts sent.",
                i -> i.counters().advertsSent());
        perInstance(instances, "floatip_adverts_received_total", "counter", "VRRP adverts accepted.",
                i -> i.counters().advertsReceived());
        perInstance(instances, "floatip_address_mismatches_total", "counter",
                "Adverts that listed other virtual addresses than ours (kept, not dropped).",
                i -> i.counters().addressMismatches());
        perInstance(instances, "floatip_instance_drained", "gauge",
                "1 while the operator has drained the instance (floatip drain), else 0.", i -> i.drained() ? 1 : 0);
        perInstance(instances, "floatip_vips_restored_total", "counter",
                "Virtual addresses something else removed from this master, put back by the VIP guard.",
                i -> i.counters().vipsRestored());
        perInstance(instances, "floatip_split_brain", "gauge",
                "1 while this master sees another node hold its virtual addresses (a conflict in status), else 0.",
                i -> i.conflict() != null ? 1 : 0);
        perInstance(instances, "floatip_split_brains_total", "counter",
                "Split brains confirmed on this instance (another node held its virtual addresses beside it).",
                i -> i.counters().conflicts());
        perInstance(instances, "floatip_routing_restored_total", "counter",
                "virtual_routes and virtual_rules something else removed from this master, put back.",
                i -> i.counters().routingRestored());
        perInstance(instances, "floatip_routing_failures_total", "counter",
                "virtual_routes and virtual_rules the kernel refused to add.",
                i -> i.counters().routingFailures());
        perInstance(instances, "floatip_vmac_recreated_total", "counter",
                "use_vmac's macvlan deleted by something else (or with its parent) and made again.",
                i -> i.counters().vmacRecreated());
        family("floatip_advert_drops_total", "counter",
                "Adverts for this instance dropped, by reason (each reason from 0 on).");
        for (InstanceStatus i : instances) {
            for (Map.Entry<String, Long> d : withZeros(INSTANCE_DROPS, i.counters().drops()).entrySet()) {
                sample("floatip_advert_drops_total", Long.toString(d.getValue()), INSTANCE, i.name(),
                        "reason", d.getKey());
            }
        }
    }

    /** Every reason of {@code known} (0 unless counted), then any other reason that was counted. */
    private static Map<String, Long> withZeros(Set<DropReason> known, Map<String, Long> counted) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (DropReason r : known) {
            all.put(r.key(), counted.getOrDefault(r.key(), 0L));
        }
        counted.forEach(all::putIfAbsent);
        return all;
    }

    private void perInstance(List<InstanceStatus> instances, String name, String type, String help,
            ToLongFunction<InstanceStatus> value) {
        family(name, type, help);
        for (InstanceStatus i : instances) {
            sample(name, Long.toString(value.applyAsLong(i)), INSTANCE, i.name());
        }
    }

    private void interfaces(List<AgentStatus.InterfaceStatus> interfaces) {
        family("floatip_interface_drops_total", "counter",
                "Frames dropped on the interface before any instance saw them, by reason (each reason from 0 on).");
        for (AgentStatus.InterfaceStatus f : interfaces) {
            for (Map.Entry<String, Long> d : withZeros(INTERFACE_DROPS, f.drops()).entrySet()) {
                sample("floatip_interface_drops_total", Long.toString(d.getValue()), "interface", f.name(),
                        "reason", d.getKey());
            }
        }
        family("floatip_interface_send_errors_total", "counter", "Frames the interface failed to send.");
        for (AgentStatus.InterfaceStatus f : interfaces) {
            sample("floatip_interface_send_errors_total", Long.toString(f.sendErrors()), "interface", f.name());
        }
    }

    private void scripts(List<ScriptStatus> scripts) {
        family("floatip_script_up", "gauge", "1 while the check script counts as up (after rise and fall).");
        for (ScriptStatus s : scripts) {
            sample("floatip_script_up", s.up() ? "1" : "0", "script", s.name());
        }
        perScript(scripts, "floatip_script_runs_total", "Check script runs.", ScriptStatus::runs);
        perScript(scripts, "floatip_script_failures_total", "Check script runs that failed.",
                ScriptStatus::failures);
        perScript(scripts, "floatip_script_skips_total", "Check script runs skipped: the previous one still ran.",
                ScriptStatus::skips);
    }

    private void perScript(List<ScriptStatus> scripts, String name, String help, ToLongFunction<ScriptStatus> value) {
        family(name, "counter", help);
        for (ScriptStatus s : scripts) {
            sample(name, Long.toString(value.applyAsLong(s)), "script", s.name());
        }
    }

    private void groups(List<AgentStatus.GroupStatus> groups) {
        family("floatip_group_state", "gauge", "1 for the state the sync group is in, 0 for the others.");
        for (AgentStatus.GroupStatus g : groups) {
            for (String state : STATES) {
                sample("floatip_group_state", state.equals(g.state()) ? "1" : "0", "group", g.name(),
                        "state", state);
            }
        }
    }

    private void refusals(Map<String, Long> refusals) {
        family("floatip_refusals_total", "counter", "Files, socket clients and configs the agent refused, by what.");
        if (refusals != null) {
            refusals.forEach((what, n) -> sample("floatip_refusals_total", Long.toString(n), "what", what));
        }
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** @param labels name, value, name, value... */
    private void sample(String name, String value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    /** Exact: millis as seconds with three decimals, no binary fraction in between. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    static String escapeLabel(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
