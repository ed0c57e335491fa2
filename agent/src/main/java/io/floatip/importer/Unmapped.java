package io.floatip.importer;

import java.util.Locale;
import java.util.Map;

/** Why a keepalived keyword has no floatip equivalent, in a few words for the warning. */
final class Unmapped {

    static final String LVS = "LVS; floatip does not do LVS";
    static final String EMAIL = "email alerts; floatip sends none, a notify script can";
    static final String VMAC = "virtual MAC interfaces are not supported yet";
    static final String NONE = "no floatip equivalent";

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("vrrp_strict", "keepalived's strict mode; floatip has no such switch"),
            Map.entry("strict_mode", "keepalived's strict mode; floatip has no such switch"),
            Map.entry("use_vmac", VMAC),
            Map.entry("vmac_xmit_base", VMAC),
            Map.entry("use_vmac_addr", VMAC),
            Map.entry("use_ipvlan", "ipvlan interfaces are not supported"),
            Map.entry("virtual_server", LVS),
            Map.entry("virtual_server_group", LVS),
            Map.entry("real_server", LVS),
            Map.entry("static_ipaddress", "static addresses belong in the system's network config"),
            Map.entry("static_routes", "static routes belong in the system's network config"),
            Map.entry("static_rules", "static rules belong in the system's network config"),
            Map.entry("virtual_routes", "floatip moves addresses, not routes"),
            Map.entry("virtual_rules", "floatip moves addresses, not routing rules"),
            Map.entry("virtual_ipaddress_excluded", "floatip has no excluded addresses; adding them to "
                    + "virtual_ips would change the adverts"),
            Map.entry("notification_email", EMAIL),
            Map.entry("notification_email_from", EMAIL),
            Map.entry("smtp_server", EMAIL),
            Map.entry("smtp_connect_timeout", EMAIL),
            Map.entry("smtp_helo_name", EMAIL),
            Map.entry("smtp_alert", EMAIL),
            Map.entry("smtp_alert_vrrp", EMAIL),
            Map.entry("smtp_alert_checker", EMAIL),
            Map.entry("no_email_faults", EMAIL),
            Map.entry("track_process", "process tracking; a check script such as check_process can do it"),
            Map.entry("vrrp_track_process", "process tracking; a check script such as check_process can do it"),
            Map.entry("track_bfd", "BFD is not supported"),
            Map.entry("bfd_instance", "BFD is not supported"),
            Map.entry("mcast_src_ip", "floatip sends multicast adverts from the interface's own address"),
            Map.entry("vrrp_mcast_group4", "floatip always uses 224.0.0.18"),
            Map.entry("mcast_dst_ip", "floatip always uses 224.0.0.18"),
            Map.entry("dont_track_primary", "floatip always goes to FAULT when its interface loses its link"),
            Map.entry("notify_deleted", "floatip has no such notification"),
            Map.entry("notify_master_rx_lower_pri", "floatip has no such notification"),
            Map.entry("notify_fifo_script", "floatip runs no FIFO reader; start one beside it"),
            Map.entry("vrrp_notify_fifo_script", "floatip runs no FIFO reader; start one beside it"),
            Map.entry("track_group", "static track groups are not supported"),
            Map.entry("linkbeat_interfaces", "floatip follows links through netlink only"),
            Map.entry("garp_group", "floatip has no delay between gratuitous ARPs"));

    private Unmapped() {
    }

    static String why(String keyword) {
        if (keyword.startsWith("@")) {
            return "conditional configuration; the import does not evaluate config ids";
        }
        if (keyword.startsWith("$")) {
            return "parameter definition; the import does not substitute parameters";
        }
        if (keyword.startsWith("lvs_") || keyword.startsWith("checker_")) {
            return LVS;
        }
        if (!keyword.equals(keyword.toLowerCase(Locale.ROOT)) && !WHY.containsKey(keyword)) {
            return "not a keyword: keepalived's are lowercase here, and it ignores this too";
        }
        return WHY.getOrDefault(keyword, NONE);
    }
}
