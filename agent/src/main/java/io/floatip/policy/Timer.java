package io.floatip.policy;

/** What an {@link InstancePolicy} asks to be woken for; the driver calls {@link InstancePolicy#fired} back. */
public enum Timer {
    /** keepalived's garp_master_delay: the takeover's second announcement. */
    GARP_REPEAT,
    /** keepalived's garp_master_refresh: announce again every refresh interval while the term lasts. */
    GARP_REFRESH,
    /** Ask for the unicast peers' MACs again. */
    RESOLVE_PEERS
}
