package io.floatip.importer;

/**
 * keepalived's {@code accept} / {@code no_accept} and what strict mode does to them, as floatip's
 * {@code accept}. keepalived's parser lets the last of the two keywords win (vrrp_parser.c,
 * vrrp_accept_handler and vrrp_no_accept_handler); vrrp.c, vrrp_complete_instance, then defaults an instance
 * without either to accepting unless it runs in strict mode (the address owner, priority 255, always
 * accepts), and turns accept off for VRRPv2 in strict mode ("accept mode for VRRP version 2 does not comply
 * with RFC3768 - resetting").
 */
final class AcceptMapper {
    private AcceptMapper() {
    }

    /**
     * Puts {@code accept} into {@code out} when keepalived's result is not floatip's default, or the file said
     * {@code accept}.
     *
     * @param last the last accept or no_accept statement, or null
     * @param instance where the instance starts, for a note on what strict mode implies
     */
    static void map(Statement last, boolean strict, int priority, int version, Place instance, YamlNode.MapNode out,
            Scope scope) {
        boolean owner = priority == Completion.OWNER_PRIORITY;
        boolean accept = last != null ? last.keyword().equals("accept") : owner || !strict;
        if (accept && !owner && strict && version == 2) {
            scope.note("accept in strict mode with VRRPv2: keepalived turns it off (\"accept mode for VRRP version "
                    + "2 does not comply with RFC3768\"): accept: false", last.place());
            accept = false;
        } else if (last == null && !accept) {
            scope.note("strict mode: keepalived's master drops packets to its VIPs unless the instance says accept "
                    + "(vrrp.c, vrrp_complete_instance): accept: false", instance);
        }
        if (!accept || last != null) {
            out.put("accept", YamlNode.typed(Boolean.toString(accept)));
        }
    }
}
