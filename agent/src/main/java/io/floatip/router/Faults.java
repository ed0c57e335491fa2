package io.floatip.router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a router must be in FAULT, from every source at once (its link, tracked scripts, interfaces and files
 * with weight 0, its sync group), and the one place that turns that into the router's fault events. Loop
 * thread only.
 */
public final class Faults {
    /** The source key a sync group uses; faults under other keys are the instance's own. */
    public static final String GROUP = "group";

    private final Map<String, String> reasons = new LinkedHashMap<>();

    /** Sets ({@code reason} non-null) or clears a fault; returns whether that changed anything. */
    public boolean set(String source, String reason) {
        String before = reason == null ? reasons.remove(source) : reasons.put(source, reason);
        return !java.util.Objects.equals(before, reason);
    }

    public boolean any() {
        return !reasons.isEmpty();
    }

    /** Faults of the instance's own, not those its sync group imposes. */
    public boolean own() {
        return reasons.keySet().stream().anyMatch(k -> !k.equals(GROUP));
    }

    public String summary() {
        return String.join("; ", reasons.values());
    }

    /** Moves the router into or out of FAULT to match; {@code cleared} says why when it leaves. */
    public void apply(Router router, long now, String cleared) {
        if (any()) {
            router.faultDetected(now, summary());
        } else if (router.state() == State.FAULT) {
            router.faultCleared(now, cleared);
        }
    }
}
