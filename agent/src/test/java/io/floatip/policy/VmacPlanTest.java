package io.floatip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floatip.policy.VmacPlan.Action;
import org.junit.jupiter.api.Test;

/** What use_vmac does with the name it wants, by what holds it now. */
class VmacPlanTest {
    static final byte[] VMAC = {0, 0, 0x5e, 0, 1, 51};

    @Test
    void aFreeNameIsCreated() {
        assertEquals(Action.CREATE, VmacPlan.decide(false, null, 0, null, 7, VMAC));
    }

    @Test
    void aLeftoverWithTheRightMacOnTheRightParentIsReused() {
        assertEquals(Action.REUSE, VmacPlan.decide(true, "macvlan", 7, VMAC.clone(), 7, VMAC));
    }

    @Test
    void aLeftoverOnAnotherParentOrWithAnotherMacIsReplaced() {
        assertEquals(Action.REPLACE, VmacPlan.decide(true, "macvlan", 8, VMAC.clone(), 7, VMAC));
        assertEquals(Action.REPLACE, VmacPlan.decide(true, "macvlan", 7, new byte[]{0, 0, 0x5e, 0, 1, 52}, 7, VMAC));
    }

    @Test
    void anythingElseOfThatNameIsNeverTouched() {
        assertEquals(Action.REFUSE, VmacPlan.decide(true, null, 0, VMAC.clone(), 7, VMAC)); // a plain NIC
        assertEquals(Action.REFUSE, VmacPlan.decide(true, "veth", 7, VMAC.clone(), 7, VMAC));
        assertEquals(Action.REFUSE, VmacPlan.decide(true, "vlan", 7, VMAC.clone(), 7, VMAC));
    }
}
