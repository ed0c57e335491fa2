package io.floatip.router;

import static io.floatip.router.SimNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two nodes, each with VI_1 (VRID 51) and VI_2 (VRID 52) in one sync group, in virtual time. */
class SyncGroupTest {

    /** What the agent's instance does for a group, around a simulated router. */
    static final class Member implements SyncGroup.Member {
        final SimRouter sim;
        final Faults faults = new Faults();
        SyncGroup group;
        /**
         * Tell the group of an own fault only when it changed no state, as {@link SyncGroup#ownFaultChanged}
         * asks (the agent tells it every time, which the group must also take).
         */
        boolean onlyWithoutStateChange;

        Member(SimRouter sim) {
            this.sim = sim;
            sim.onChange = to -> group.memberChanged(sim.net.now(), this, to);
        }

        @Override
        public String name() {
            return sim.config.name();
        }

        @Override
        public State state() {
            return sim.state();
        }

        @Override
        public boolean ownFault() {
            return faults.own();
        }

        @Override
        public void takeOver(long now, String why) {
            sim.router.takeOver(now, why);
        }

        @Override
        public void stepDown(long now, String why) {
            sim.router.stepDown(now, why);
        }

        @Override
        public void groupFault(long now, String why) {
            if (faults.set(Faults.GROUP, why)) {
                faults.apply(sim.router, now, "sync group fault cleared");
            }
        }

        void ownFault(String why) {
            long now = sim.net.now();
            State before = sim.state();
            faults.set("script", why);
            faults.apply(sim.router, now, "script up");
            if (!onlyWithoutStateChange || sim.state() == before) {
                group.ownFaultChanged(now);
            }
        }
    }

    final SimNetwork net = new SimNetwork(MS);
    final List<String> groupEvents = new ArrayList<>();
    Member a1;
    Member a2;
    Member b1;
    Member b2;
    SyncGroup ga;
    SyncGroup gb;

    void build(int priorityA, int priorityB) {
        a1 = new Member(net.add("A/VI_1", 51, "198.51.100.11", priorityA, 10, true, 0, 3));
        a2 = new Member(net.add("A/VI_2", 52, "198.51.100.11", priorityA, 10, true, 0, 3));
        b1 = new Member(net.add("B/VI_1", 51, "198.51.100.12", priorityB, 10, true, 0, 3));
        b2 = new Member(net.add("B/VI_2", 52, "198.51.100.12", priorityB, 10, true, 0, 3));
        ga = new SyncGroup("A", List.of(a1, a2), (g, to) -> groupEvents.add(g.name() + " " + to));
        gb = new SyncGroup("B", List.of(b1, b2), (g, to) -> groupEvents.add(g.name() + " " + to));
        a1.group = ga;
        a2.group = ga;
        b1.group = gb;
        b2.group = gb;
        for (Member m : List.of(a1, a2, b1, b2)) {
            m.sim.router.startup(0);
        }
        net.runFor(2_000 * MS);
    }

    @Test
    void aFaultInOneMemberTakesTheWholeGroupToTheOtherNodeAndBack() {
        build(150, 100);
        assertEquals(List.of(State.MASTER, State.MASTER, State.BACKUP, State.BACKUP),
                List.of(a1.state(), a2.state(), b1.state(), b2.state()));

        assertEquals(List.of(a1, a2), ga.members());
        assertEquals(State.MASTER, ga.state());
        assertEquals(State.BACKUP, gb.state());
        a1.ownFault("script chk is down");
        assertEquals(State.FAULT, a1.state());
        assertEquals(State.FAULT, a2.state(), "held in FAULT by its group");
        assertEquals(State.FAULT, ga.state());
        assertFalse(a2.sim.holdsVips);
        net.runFor(500 * MS);
        assertEquals(State.MASTER, b1.state());
        assertEquals(State.MASTER, b2.state());

        a1.ownFault(null);
        assertEquals(State.BACKUP, a1.state());
        assertEquals(State.BACKUP, a2.state(), "released with it");
        net.runFor(1_000 * MS);
        assertEquals(List.of(State.MASTER, State.MASTER, State.BACKUP, State.BACKUP),
                List.of(a1.state(), a2.state(), b1.state(), b2.state()), "preempted back together");
        assertTrue(groupEvents.containsAll(List.of("A FAULT", "B MASTER", "A MASTER", "B BACKUP")), "" + groupEvents);
    }

    @Test
    void whenOneMemberLosesToAHigherPriorityTheOthersFollowIt() {
        build(150, 100);
        // B's VI_2 alone becomes the better router for VRID 52.
        b2.sim.router.priorityChanged(net.now(), 200);
        net.runFor(1_000 * MS);
        assertEquals(List.of(State.BACKUP, State.BACKUP, State.MASTER, State.MASTER),
                List.of(a1.state(), a2.state(), b1.state(), b2.state()),
                "VI_1 followed VI_2 to node B although A's VI_1 priority is higher");
        assertFalse(a1.sim.holdsVips);
        assertTrue(b1.sim.holdsVips);
    }

    @Test
    void aGroupFaultDoesNotOutliveItsCause() {
        build(150, 100);
        a1.ownFault("script chk is down");
        a2.ownFault("interface eth1 is down"); // now both have faults of their own
        a1.ownFault(null);
        assertEquals(State.FAULT, a1.state(), "held: a2 is still faulty");
        a2.ownFault(null);
        assertEquals(State.BACKUP, a1.state());
        assertEquals(State.BACKUP, a2.state());
    }

    @Test
    void whileAnyMemberHasAFaultOfItsOwnNoOtherLeavesFaultWhicheverFaultCameFirst() {
        build(150, 100);
        long start = net.now();
        a2.ownFault("interface eth1 is down");
        a1.ownFault("script chk is down");
        a2.ownFault(null); // a2 is still held: a1 is faulty
        assertEquals(State.FAULT, a2.state());
        a1.ownFault(null);
        assertEquals(List.of(State.BACKUP, State.BACKUP), List.of(a1.state(), a2.state()));
        assertEquals(List.of(State.FAULT, State.BACKUP), a2.sim.transitionsSince(start).stream()
                .map(SimRouter.Transition::to).toList(), "no BACKUP in between: " + a2.sim.transitions);
        assertEquals(List.of(State.FAULT, State.BACKUP), a1.sim.transitionsSince(start).stream()
                .map(SimRouter.Transition::to).toList(), "" + a1.sim.transitions);
    }

    @Test
    void theGroupStaysInFaultWhileAnyMemberHasAFaultOfItsOwn() {
        build(150, 100);
        groupEvents.clear();
        a1.ownFault("script chk is down");
        a2.ownFault("interface eth1 is down");
        a1.ownFault(null); // a1 leaves FAULT for an instant, and is held again: a2 is faulty
        assertEquals(List.of("A FAULT"), groupEvents);
        a2.ownFault(null);
        assertEquals(List.of("A FAULT", "A BACKUP"), groupEvents);
    }

    @Test
    void aMemberThatGoesIntoFaultHoldsTheOthersThroughItsStateChangeAlone() {
        build(150, 100);
        a1.onlyWithoutStateChange = true;
        a2.onlyWithoutStateChange = true;
        a1.ownFault("script chk is down");
        assertEquals(State.FAULT, a2.state(), "held in FAULT by its group");
        net.runFor(1_000 * MS);
        assertEquals(List.of(State.MASTER, State.MASTER), List.of(b1.state(), b2.state()));
        a1.ownFault(null);
        assertEquals(List.of(State.BACKUP, State.BACKUP), List.of(a1.state(), a2.state()));
    }
}
