package io.floatip.policy;

import io.floatip.router.State;

/**
 * What the VIP guard does when the kernel reports one of an instance's held addresses (a VIP or an excluded
 * address) added or removed on its interface by something else: systemd-networkd, NetworkManager, an operator.
 * A master puts back an address it holds; a backup or faulty node removes one that appears on it, since two
 * nodes would answer for it. Our own claims and releases produce the same events, and each comes out as
 * nothing to do or as an idempotent step (the agent's netlink call then reports EEXIST or ENOENT). Pure.
 */
public final class AddressGuard {
    /** The guard's decision for one address event. */
    public enum Action {
        /** A master lost an address it holds: add it back, announce it, restore the routes that needed it. */
        RESTORE,
        /** An address appeared on a node that is not master: delete it. */
        REMOVE,
        /** Nothing: the event agrees with the state (or is our own claim or release). */
        NONE
    }

    private AddressGuard() {
    }

    /**
     * @param added  whether the kernel reports the address added (false: removed)
     * @param state  the instance's router state
     * @param held   whether the instance holds the address now (a master's claimed list)
     */
    public static Action decide(boolean added, State state, boolean held) {
        if (!added && state == State.MASTER && held) {
            return Action.RESTORE;
        }
        if (added && (state == State.BACKUP || state == State.FAULT)) {
            return Action.REMOVE;
        }
        return Action.NONE;
    }
}
