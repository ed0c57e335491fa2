package io.floatip.importer;

import java.util.Locale;
import java.util.Map;

/**
 * Why a keepalived keyword has no floatip equivalent, in a few words for the warning. "Not yet" marks what
 * floatip's open issues add (the key is named then only once the agent loads it); "out of scope" what it
 * will not do.
 */
final class Unmapped {

    static final String LVS = "out of scope: LVS load balancing; floatip moves addresses only";
    static final String EMAIL = "out of scope: email alerts; a notify script can send them";
    static final String SNMP = "out of scope: SNMP; floatip reports through status --json and its metrics";
    static final String STATIC = "out of scope: network configuration, not failover; keep it in the system's "
            + "network config";
    static final String XMIT_BASE = "floatip sends adverts with the virtual MAC as their source, as keepalived "
            + "does without vmac_xmit_base; peers take either";
    static final String STRICT = "floatip has no strict mode: the import applies what it changes in the settings "
            + "(authentication ignored, no preempt_delay, state MASTER only for priority 255, accept: false unless "
            + "the instance says accept), but not the rest";
    static final String FIREWALL = "floatip writes accept: false's drop rules into an nftables table of its own, "
            + "inet floatip, whatever keepalived's firewall settings say";
    static final String GARP_INTERVAL = "a per-interface setting; set garp.interval on the instances of its "
            + "interfaces (floatip spaces each instance's gratuitous ARPs/NAs, not an interface's)";
    static final String NONE = "no floatip equivalent";
    /**
     * lib/scheduler.c calls lib/process.c increment_process_priority only when a timer fires more than
     * min_auto_priority_delay late: SCHED_RR from the lowest priority, one step each time, up to
     * max_auto_priority. floatip's realtime_priority is SCHED_RR from the start, a different thing.
     */
    static final String AUTO_PRIORITY = "keepalived turns to real-time scheduling only after a timer fires late, "
            + "raising it step by step up to this; floatip does not adapt: global.realtime_priority (1..99) runs it "
            + "real-time from the start, if wanted";
    static final String KEEPALIVED_TUNING = "keepalived's own process tuning; floatip has global.realtime_priority";

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("vrrp_strict", STRICT),
            Map.entry("strict_mode", STRICT),
            Map.entry("vmac_xmit_base", XMIT_BASE),
            Map.entry("use_vmac_addr", "no floatip equivalent; use_vmac's macvlan always has the virtual MAC"),
            Map.entry("use_ipvlan", "ipvlan interfaces are not supported"),
            Map.entry("virtual_server", LVS),
            Map.entry("virtual_server_group", LVS),
            Map.entry("real_server", LVS),
            Map.entry("static_ipaddress", STATIC),
            Map.entry("static_routes", STATIC),
            Map.entry("static_rules", STATIC),
            Map.entry("notification_email", EMAIL),
            Map.entry("notification_email_from", EMAIL),
            Map.entry("smtp_server", EMAIL),
            Map.entry("smtp_connect_timeout", EMAIL),
            Map.entry("smtp_helo_name", EMAIL),
            Map.entry("smtp_alert", EMAIL),
            Map.entry("smtp_alert_vrrp", EMAIL),
            Map.entry("smtp_alert_checker", EMAIL),
            Map.entry("no_email_faults", EMAIL),
            Map.entry("no_checker_emails", EMAIL),
            Map.entry("snmp_socket", SNMP),
            Map.entry("enable_traps", SNMP),
            Map.entry("track_bfd", "BFD is not supported"),
            Map.entry("bfd_instance", "BFD is not supported"),
            Map.entry("notify_deleted", "floatip has no such notification"),
            Map.entry("notify_master_rx_lower_pri", "floatip has no such notification"),
            Map.entry("track_group", "static track groups are not supported"),
            Map.entry("linkbeat_interfaces", "floatip follows links through netlink only"),
            Map.entry("garp_group", GARP_INTERVAL),
            Map.entry("vrrp_garp_master_refresh_repeat", "floatip sends garp.repeat gratuitous ARPs at each refresh"),
            Map.entry("garp_master_refresh_repeat", "floatip sends garp.repeat gratuitous ARPs at each refresh"),
            Map.entry("max_auto_priority", AUTO_PRIORITY),
            Map.entry("min_auto_priority_delay", AUTO_PRIORITY),
            Map.entry("vrrp_priority", KEEPALIVED_TUNING),
            Map.entry("vrrp_rt_priority", KEEPALIVED_TUNING),
            Map.entry("vrrp_no_swap", KEEPALIVED_TUNING),
            Map.entry("vrrp_cpu_affinity", KEEPALIVED_TUNING),
            Map.entry("vrrp_rlimit_rttime", KEEPALIVED_TUNING),
            Map.entry("default_interface", "floatip has no default interface: every instance names its own"),
            Map.entry("dynamic_interfaces", "floatip needs each instance's interface when it starts; it follows "
                    + "its link, not its creation"),
            Map.entry("mcast_dst_ip", "floatip always uses keepalived's default group"),
            Map.entry("vrrp_iptables", FIREWALL),
            Map.entry("nftables", FIREWALL));

    private Unmapped() {
    }

    static String why(String keyword) {
        if (keyword.startsWith("$")) {
            return "parameter definition; the import does not substitute parameters";
        }
        if (keyword.startsWith("lvs_") || keyword.startsWith("checker_") || keyword.startsWith("virtual_server")
                || keyword.startsWith("nftables_ipvs")) {
            return LVS;
        }
        if (keyword.startsWith("notification_email") || keyword.startsWith("smtp_")) {
            return EMAIL;
        }
        if (keyword.startsWith("enable_snmp") || keyword.startsWith("snmp_")) {
            return SNMP;
        }
        if (keyword.startsWith("static_")) {
            return STATIC;
        }
        if (!keyword.equals(keyword.toLowerCase(Locale.ROOT)) && !WHY.containsKey(keyword)) {
            return "not a keyword: keepalived's are lowercase here, and it ignores this too";
        }
        return WHY.getOrDefault(keyword, NONE);
    }
}
