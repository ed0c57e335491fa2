package io.floatip.router;

/**
 * A router's two RFC timers (absolute times; {@link Router#NEVER} when stopped), and the listener told each
 * time one is set or the state changes, so that an owner can keep the routers in a heap by deadline instead
 * of asking every router at every wake-up.
 */
final class Deadlines {
    private final Router router;
    private DeadlineListener listener;
    /** RFC 9568 Master_Down_Timer (BACKUP). */
    long masterDown = Router.NEVER;
    /** RFC 9568 Adver_Timer (MASTER). */
    long advert = Router.NEVER;

    Deadlines(Router router) {
        this.router = router;
    }

    void masterDown(long at) {
        masterDown = at;
        moved();
    }

    void advert(long at) {
        advert = at;
        moved();
    }

    void moved() {
        if (listener != null) {
            listener.deadlineChanged(router);
        }
    }

    void listener(DeadlineListener l) {
        listener = l;
    }
}
