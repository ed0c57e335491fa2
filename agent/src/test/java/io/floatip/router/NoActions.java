package io.floatip.router;

/**
 * A router's actions that do nothing: no frame sent, every claim succeeds, no state change heard. For tests
 * that drive a {@link Router} for its timers or states alone; extend it to watch just the actions a test needs.
 */
public class NoActions implements RouterActions {
    @Override
    public void sendAdvert(Router router, int priority) {
    }

    @Override
    public String claimVips(Router router) {
        return null;
    }

    @Override
    public void releaseVips(Router router) {
    }

    @Override
    public void announceVips(Router router) {
    }

    @Override
    public void stateChanged(Router router, State from, State to, String reason) {
    }
}
