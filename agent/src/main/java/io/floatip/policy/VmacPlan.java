package io.floatip.policy;

import java.util.Arrays;

/**
 * What to do with the interface name a use_vmac instance wants, given what holds that name now: create it,
 * reuse a macvlan left by an earlier run (a crash, or keepalived's during a migration) when it already has the
 * right MAC on the right parent, replace one with the wrong MAC or parent, and never touch anything that is not
 * a macvlan. Pure.
 */
public final class VmacPlan {
    private VmacPlan() {
    }

    public enum Action { CREATE, REUSE, REPLACE, REFUSE }

    /**
     * @param existingKind   the IFLA_INFO_KIND of the interface holding the name, or null when there is none
     *                       ({@code exists} false) or it is a plain device
     * @param existingParent its IFLA_LINK, 0 when none
     * @param existingMac    its MAC
     */
    public static Action decide(boolean exists, String existingKind, int existingParent, byte[] existingMac,
                                int parentIndex, byte[] mac) {
        if (!exists) {
            return Action.CREATE;
        }
        if (!"macvlan".equals(existingKind)) {
            return Action.REFUSE;
        }
        return existingParent == parentIndex && Arrays.equals(existingMac, mac) ? Action.REUSE : Action.REPLACE;
    }
}
