package io.floatip.policy;

import java.util.Locale;

/**
 * Why two nodes hold the same VIP, as far as one of them can tell: from the other's advert it dropped (the drop
 * reason names the setting that differs), from the other's advert it accepted at a lower priority (the other
 * cannot hear us), or from the other's ARP or NA alone (none of its adverts reach us).
 */
public enum ConflictCause {
    AUTH_MISMATCH("advertises VRID %d with a different password"),
    VERSION_MISMATCH("advertises VRID %d as VRRPv%d, we speak VRRPv%d"),
    INTERVAL_MISMATCH("advertises VRID %d every %d ms, we every %d ms (VRRPv2 drops another interval)"),
    UNKNOWN_PEER("advertises VRID %d to us, but it is not in our unicast_peers"),
    TTL_OUT_OF_RANGE("advertises VRID %d with a TTL outside its min_ttl..max_ttl"),
    /** Its adverts reach us and it is master at a lower priority: ours do not reach it. */
    NOT_HEARD("advertises VRID %d at priority %d, below ours, so our adverts do not reach it "
            + "(IP protocol 112 filtered on its side, or its unicast_peers omit us?)"),
    /** Only its ARP or NA for our VIP: none of its adverts reach us. */
    SILENT("answers for our VIP, but none of its VRID %d adverts reach us "
            + "(multicast lost between us, IP protocol 112 filtered here, or its unicast_peers omit us?)");

    private final String text;

    ConflictCause(String text) {
        this.text = text;
    }

    /** The code status, metrics and notify show: auth_mismatch, silent, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    String text() {
        return text;
    }

    /**
     * Whether adverts sent straight to the other holder may settle it by the RFC election: frames pass between
     * us at least one way, and the other node takes adverts of our settings. They do not help against a
     * firewall, which drops them too; they cost one frame an interval.
     */
    public boolean healable() {
        return this == SILENT || this == UNKNOWN_PEER || this == NOT_HEARD;
    }
}
