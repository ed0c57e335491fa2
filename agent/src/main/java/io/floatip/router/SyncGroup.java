package io.floatip.router;

import java.util.List;

/**
 * keepalived's vrrp_sync_group: instances that move together, so that (say) the outside and inside VIPs of a
 * router pair stay on the same node. When a member becomes MASTER the others take over too; when one goes
 * back to BACKUP the others step down; while any member is in FAULT of its own, the others are held in FAULT.
 * Pure: members do the work, the group only decides. Loop thread only.
 */
public final class SyncGroup {

    /** What the group needs of an instance. */
    public interface Member {
        String name();

        State state();

        /** In FAULT for a reason of its own (not because of the group). */
        boolean ownFault();

        void takeOver(long now, String why);

        void stepDown(long now, String why);

        /** Holds the member in FAULT because of another member ({@code why}), or releases it (null). */
        void groupFault(long now, String why);
    }

    /** Told when the group as a whole changes state (for the group's notifications). */
    public interface Listener {
        void groupChanged(SyncGroup group, State to);
    }

    private final String name;
    private final List<Member> members;
    private final Listener listener;
    private boolean propagating;
    private State state = State.INIT;

    public SyncGroup(String name, List<Member> members, Listener listener) {
        this.name = name;
        this.members = List.copyOf(members);
        this.listener = listener;
    }

    /** A member changed state; the others follow. Changes made while following do not propagate again. */
    public void memberChanged(long now, Member source, State to) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            String why = "sync group " + name + ": " + source.name() + " is " + to;
            for (Member m : members) {
                if (m == source) {
                    continue;
                }
                if (to == State.MASTER && m.state() == State.BACKUP) {
                    m.takeOver(now, why);
                } else if (to == State.BACKUP && m.state() == State.MASTER) {
                    m.stepDown(now, why);
                }
            }
            updateFaults(now);
        } finally {
            propagating = false;
        }
        State groupState = to == State.INIT ? State.INIT : anyOwnFault() ? State.FAULT : to;
        if (groupState != state) {
            state = groupState;
            listener.groupChanged(this, groupState);
        }
    }

    /** While some member has a fault of its own, every other member is held in FAULT; after, all are freed. */
    private void updateFaults(long now) {
        Member faulty = null;
        for (Member m : members) {
            if (m.ownFault()) {
                faulty = m;
                break;
            }
        }
        for (Member m : members) {
            // The faulty member itself is freed of any older hold: its own fault keeps it in FAULT.
            m.groupFault(now, faulty == null || m == faulty ? null
                    : "sync group " + name + ": " + faulty.name() + " is in FAULT");
        }
    }

    /** A member's own fault came or went without its state changing (it was already held in FAULT). */
    public void ownFaultChanged(long now) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            updateFaults(now);
        } finally {
            propagating = false;
        }
    }

    private boolean anyOwnFault() {
        for (Member m : members) {
            if (m.ownFault()) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public List<Member> members() {
        return members;
    }
}
