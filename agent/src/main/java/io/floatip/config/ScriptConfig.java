package io.floatip.config;

import java.util.Objects;

/**
 * A check script (keepalived's vrrp_script): run every {@code intervalMillis}; after {@code rise} successes
 * in a row it counts as up, after {@code fall} failures in a row as down.
 *
 * @param timeoutMillis how long one run may take before it counts as failed; may exceed the interval (a run
 *                      still going when the next is due means that next one is skipped)
 * @param weight        added to the priority of each tracking instance while the script is up (if positive)
 *                      or down (if negative); 0 puts tracking instances in FAULT while it is down
 * @param initFail      the state before the first result: false = up (keepalived's default), true = down
 * @param user          who this script runs as (keepalived's vrrp_script user); null: global.script_user
 */
public record ScriptConfig(String name, Command command, long intervalMillis, long timeoutMillis, int rise, int fall,
        int weight, boolean initFail, String user) {

    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;
    public static final int DEFAULT_RISE_FALL = 1;
    public static final int MAX_RISE_FALL = 255;
    public static final int MIN_WEIGHT = Weights.MIN;
    public static final int MAX_WEIGHT = Weights.MAX;

    public ScriptConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a script needs a name");
        }
        if (intervalMillis <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("interval and timeout must be positive: " + intervalMillis + "ms, "
                    + timeoutMillis + "ms");
        }
        if (rise < 1 || rise > MAX_RISE_FALL || fall < 1 || fall > MAX_RISE_FALL) {
            throw new IllegalArgumentException("rise and fall must be 1.." + MAX_RISE_FALL + ": " + rise + ", " + fall);
        }
        Weights.require("script " + name, weight);
        if (user != null && !UserNames.isPlausible(user)) {
            throw new IllegalArgumentException("not a user name: '" + user + "'");
        }
    }

    /** Runs as global.script_user. */
    public ScriptConfig(String name, Command command, long intervalMillis, long timeoutMillis, int rise, int fall,
            int weight, boolean initFail) {
        this(name, command, intervalMillis, timeoutMillis, rise, fall, weight, initFail, null);
    }
}
