package io.floatip.track;

/**
 * keepalived's rise/fall for one check script: {@code fall} failures in a row bring a script that is up
 * down, {@code rise} successes in a row bring it back. Pure.
 */
public final class ScriptState {
    private final int rise;
    private final int fall;
    private boolean up;
    private int streak;

    public ScriptState(int rise, int fall, boolean initiallyUp) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall are at least 1");
        }
        this.rise = rise;
        this.fall = fall;
        this.up = initiallyUp;
    }

    /** Records one run's result; returns true when that changed whether the script counts as up. */
    public boolean record(boolean success) {
        if (success == up) {
            streak = 0; // a result that agrees with the state breaks any streak towards the other
            return false;
        }
        streak++;
        if (streak >= (up ? fall : rise)) {
            up = !up;
            streak = 0;
            return true;
        }
        return false;
    }

    public boolean up() {
        return up;
    }
}
