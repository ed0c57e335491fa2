package io.floatip.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One route to add or delete (RTM_NEWROUTE / RTM_DELROUTE), in the kernel's terms. Added with
 * {@link #PROTOCOL} as its rtm_protocol, so that a delete (which matches on it) removes only floatip's
 * route, never an equal one the operator added, and {@code ip route show proto 70} lists what floatip holds.
 *
 * @param gateway null for none
 * @param oif     the outgoing interface's index, 0 for none
 * @param prefsrc null for none
 * @param metric  RTA_PRIORITY; 0 leaves the kernel's default
 * @param scope   rtm_scope (0 universe, 253 link, 254 host)
 * @param type    rtm_type (1 unicast, 6 blackhole, 7 unreachable, 8 prohibit)
 */
public record RouteRequest(InetAddress dst, int dstLen, InetAddress gateway, int oif, InetAddress prefsrc,
        long table, long metric, int scope, int type) {

    /** floatip's rtm_protocol (and FRA_PROTOCOL): not one of iproute2's rt_protos names (keepalived's is 18). */
    public static final int PROTOCOL = 70;

    public RouteRequest {
        Objects.requireNonNull(dst, "dst");
    }
}
