package io.floatip.policy;

import static io.floatip.policy.AddressGuard.Action.NONE;
import static io.floatip.policy.AddressGuard.Action.REMOVE;
import static io.floatip.policy.AddressGuard.Action.RESTORE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.router.State;
import org.junit.jupiter.api.Test;

/** The VIP guard's decisions, one address event at a time, for every state. */
class AddressGuardTest {

    @Test
    void aMasterPutsBackAVipItHoldsThatSomethingElseRemoved() {
        assertEquals(RESTORE, AddressGuard.decide(false, State.MASTER, true));
    }

    @Test
    void aMasterLeavesAloneAnAddressItDoesNotHoldYetOrAnAddedOne() {
        // Not held: our own release of an earlier term, or a VIP a reload is about to add.
        assertEquals(NONE, AddressGuard.decide(false, State.MASTER, false));
        assertEquals(NONE, AddressGuard.decide(true, State.MASTER, true), "our own claim");
        assertEquals(NONE, AddressGuard.decide(true, State.MASTER, false));
    }

    @Test
    void aBackupOrAFaultyNodeRemovesAVipThatAppearsOnIt() {
        assertEquals(REMOVE, AddressGuard.decide(true, State.BACKUP, false));
        assertEquals(REMOVE, AddressGuard.decide(true, State.FAULT, false));
        assertEquals(REMOVE, AddressGuard.decide(true, State.BACKUP, true), "held or not: a backup serves nothing");
    }

    @Test
    void aRemovalOnANodeThatIsNotMasterAndAnythingBeforeStartupChangeNothing() {
        assertEquals(NONE, AddressGuard.decide(false, State.BACKUP, false), "our own release at a step-down");
        assertEquals(NONE, AddressGuard.decide(false, State.FAULT, false));
        assertEquals(NONE, AddressGuard.decide(true, State.INIT, false), "not started: not ours to judge yet");
        assertEquals(NONE, AddressGuard.decide(false, State.INIT, true));
    }
}
