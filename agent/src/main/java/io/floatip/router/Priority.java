package io.floatip.router;

/**
 * The priority a router advertises and compares with: what tracking asks for; the address owner's 255, which
 * nothing changes (RFC 9568 6.1); or {@link Router#DRAINED_PRIORITY} while the operator drains the router,
 * which overrides even the owner's. The router asks it; whether a master must advertise a change is the router's.
 */
final class Priority {
    private int configured;
    private int requested;
    private int current;
    private boolean drained;

    Priority(int configured) {
        this.configured = configured;
        this.requested = configured;
        this.current = configured;
    }

    int current() {
        return current;
    }

    boolean drained() {
        return drained;
    }

    private boolean owner() {
        return configured == Router.OWNER_PRIORITY;
    }

    /** Tracking asks for {@code p}; true when the advertised priority changed (kept for later while drained). */
    boolean request(int p) {
        if (owner()) {
            return false;
        }
        requested = p;
        if (drained || p == current) {
            return false;
        }
        current = p;
        return true;
    }

    /** Starts or ends a drain; true when that changed anything. */
    boolean drain(boolean on) {
        if (on == drained) {
            return false;
        }
        drained = on;
        current = on ? Router.DRAINED_PRIORITY : owner() ? Router.OWNER_PRIORITY : requested;
        return true;
    }

    /** A reload's configured priority; tracking reports the new effective one right after. */
    void reconfigure(int priority) {
        configured = priority;
        if (owner() && !drained) {
            current = Router.OWNER_PRIORITY;
        }
    }
}
