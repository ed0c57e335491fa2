package io.floatip.importer;

import java.util.List;

/** Whether keepalived runs an instance that has no VIP, and what the import says about it. */
final class NoVips {

    private NoVips() {
    }

    /**
     * An instance with no VIP to hold, as keepalived's vrrp_complete_instance (vrrp.c) has it: with
     * no_virtual_ipaddress it runs for its notify scripts, unless strict mode clears that keyword; without it,
     * VRRPv2 runs with a warning and VRRPv3 or strict mode is refused. The reason it is refused, or null.
     */
    static String refusal(List<Statement> vipBlocks, Statement noVips, boolean v3, boolean strictMode,
            Statement instance, Scope scope) {
        if (!vipBlocks.isEmpty() && vipBlocks.stream().anyMatch(b -> !b.children().isEmpty())) {
            return "no virtual_ipaddress floatip can hold";
        }
        if (noVips != null && !strictMode) {
            scope.note("no_virtual_ipaddress: virtual_ips is empty; the instance elects a master for its notify "
                    + "scripts, and its adverts carry no address, as keepalived's do", noVips.place());
            return null;
        }
        if (noVips == null && !v3 && !strictMode) {
            scope.note("no virtual_ipaddress: keepalived runs a VRRPv2 instance without one (\"No VIP specified; "
                    + "at least one is sensible\"), and so does floatip: virtual_ips is empty", instance.place());
            return null;
        }
        return strictMode && noVips != null
                ? "no_virtual_ipaddress in strict mode: keepalived clears it and refuses the instance (\"No VIP "
                        + "specified; at least one is required\", vrrp.c, vrrp_complete_instance)"
                : "no VIP and no no_virtual_ipaddress: keepalived refuses a VRRPv3 or strict instance without "
                        + "one (\"No VIP specified; at least one is required\"); add no_virtual_ipaddress if the "
                        + "notify scripts move the address";
    }
}
