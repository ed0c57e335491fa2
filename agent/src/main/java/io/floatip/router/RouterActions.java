package io.floatip.router;

/**
 * What a router asks the world to do. The router calls these synchronously from its event methods; the agent
 * carries them out, a test records them. Keeping this a callback (not a returned list) lets the hot path run
 * without allocating.
 */
public interface RouterActions {
    /** Send one advertisement with this priority, as master (0 when stopping as master). */
    void sendAdvert(Router router, int priority);

    /**
     * Send one advertisement as a router that is not master (priority 0, having yielded or failed to claim): not
     * from the virtual router MAC, which is the master's (RFC 9568 7.3: the source of the master's adverts, so
     * that bridges learn where it is); the agent sends it from the interface's own MAC.
     */
    default void sendAdvertAsBackup(Router router, int priority) {
        sendAdvert(router, priority);
    }

    /** Add the virtual addresses and announce them (gratuitous ARP bursts); returns why one failed, or null. */
    String claimVips(Router router);

    /** Remove the virtual addresses. */
    void releaseVips(Router router);

    /** Announce the addresses again, without re-adding them (after a split brain heals). */
    void announceVips(Router router);

    /** The state changed; {@code reason} is one line for an operator. */
    void stateChanged(Router router, State from, State to, String reason);
}
