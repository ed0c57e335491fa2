package io.floatip.importer;

/**
 * What keepalived's vrrp_complete_instance (keepalived/vrrp/vrrp.c) changes once an instance is read: the
 * priority a MASTER without one gets, the initial state strict mode forces, and the preempt settings it clears.
 * floatip has no initial state, so these are the only traces of {@code state} left.
 */
final class Completion {

    /** keepalived's VRRP_PRIO_OWNER and VRRP_PRIO_DFL. */
    static final int OWNER_PRIORITY = 255;
    static final int DEFAULT_PRIORITY = 100;

    /** @param preemptDelay null for none */
    record Start(int priority, boolean preempt, Long preemptDelay) {
    }

    private Completion() {
    }

    /**
     * @param state        the state statement, or null
     * @param priority     the priority read, or null
     * @param nopreempt    the nopreempt statement, or null
     * @param delay        the preempt_delay statement, or null; {@code delayMillis} its value
     */
    static Start complete(Statement state, Integer priority, boolean strict, Statement nopreempt, Statement delay,
            Long delayMillis, Scope scope) {
        String wanted = state == null ? null : state.arg(0);
        boolean stateMaster = "MASTER".equals(wanted);
        if (state != null && !stateMaster && !"BACKUP".equals(wanted)) {
            scope.note(state.text() + ": keepalived knows MASTER and BACKUP only, and reads this as BACKUP",
                    state.place());
        }
        int p = priority != null ? priority : stateMaster ? OWNER_PRIORITY : DEFAULT_PRIORITY;
        boolean master = state == null ? p == OWNER_PRIORITY : stateMaster;
        if (strict && state != null && master != (p == OWNER_PRIORITY)) {
            master = p == OWNER_PRIORITY;
            scope.note(state.text() + ": in strict mode keepalived starts as MASTER only with priority 255, so it "
                    + "reads this as " + (master ? "MASTER" : "BACKUP") + "; floatip has no initial state anyway",
                    state.place());
        } else if (priority == null && stateMaster) {
            scope.note(state.text() + " without a priority is keepalived's address owner: written as priority 255, "
                    + "which floatip makes master at once", state.place());
        } else if (state != null && p == OWNER_PRIORITY) {
            scope.note(state.text() + ": priority 255 is the address owner, which floatip makes master at once",
                    state.place());
        } else if (state != null) {
            scope.note(state.text() + ": floatip has no initial state; it starts as backup and the highest priority "
                    + "becomes master", state.place());
        }
        boolean preempt = nopreempt == null;
        if (!preempt && p == OWNER_PRIORITY) {
            scope.notMapped(nopreempt, "keepalived clears nopreempt with priority 255, the address owner, and "
                    + "still preempts; so does floatip");
            preempt = true;
        } else if (!preempt && master) {
            scope.notMapped(nopreempt, "keepalived clears nopreempt with initial state MASTER and still preempts; "
                    + "so does floatip");
            preempt = true;
        }
        Long kept = delayMillis;
        if (kept != null && kept > 0) {
            String why = master ? "keepalived drops the delay with initial state MASTER"
                    : strict ? "keepalived drops the delay in strict mode"
                    : !preempt ? "keepalived drops the delay with nopreempt, which never preempts" : null;
            if (why != null) {
                scope.notMapped(delay, why);
                kept = null;
            }
        }
        return new Start(p, preempt, kept);
    }
}
