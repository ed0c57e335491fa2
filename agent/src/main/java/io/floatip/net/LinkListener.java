package io.floatip.net;

/** Receives link changes from a {@link LinkMonitor}, on the monitor's thread. */
@FunctionalInterface
public interface LinkListener {

    /**
     * Called for every RTM_NEWLINK/RTM_DELLINK, including ones that change nothing the
     * {@link LinkState} shows (MTU, statistics...): compare with the previous state if it matters.
     */
    void linkChanged(LinkState state);

    /**
     * As {@link #linkChanged(LinkState)}, with when the monitor read the change ({@code System.nanoTime()}):
     * a listener that starts timers from a change (a returning link's Master_Down_Timer) starts them from
     * then, not from whenever another thread gets to it.
     */
    default void linkChanged(LinkState state, long readAt) {
        linkChanged(state);
    }

    /**
     * The kernel dropped notifications because they were not read fast enough (ENOBUFS).
     * Re-read the state of the links that matter with {@link Netlink#query(String)}.
     */
    default void eventsLost() {
    }

    /**
     * An address was added to or removed from an interface (RTM_NEWADDR / RTM_DELADDR), by anyone: the agent
     * itself, an operator, a network manager. Only a {@link LinkMonitor} started with addresses watched calls it.
     */
    default void addressChanged(InterfaceAddress address, boolean added) {
    }

    /**
     * A route or rule floatip added (its protocol, {@link RouteRequest#PROTOCOL}) was deleted, by anyone
     * (RTM_DELROUTE / RTM_DELRULE). Only a monitor started with routing watched calls it.
     */
    default void routingRemoved() {
    }
}
