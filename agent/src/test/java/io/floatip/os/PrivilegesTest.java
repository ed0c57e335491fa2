package io.floatip.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PrivilegesTest {
    @Test
    void effectiveUidIsTheSecondUidField() {
        assertEquals(OptionalInt.of(0), Privileges.effectiveUid("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
        assertEquals(OptionalInt.of(1000), Privileges.effectiveUid("Uid:\t0\t1000\t1000\t1000\n"));
    }

    @Test
    void noOrBadUidLineIsUnknown() {
        assertEquals(OptionalInt.empty(), Privileges.effectiveUid("Name:\tjava\nGid:\t0\t0\t0\t0\n"));
        assertEquals(OptionalInt.empty(), Privileges.effectiveUid("Uid:\t0\n"));
        assertEquals(OptionalInt.empty(), Privileges.effectiveUid("Uid:\tx\ty\n"));
    }

    @Test
    void capEffIsAHexMask() {
        // 0x3000: bits 12 and 13, CAP_NET_ADMIN and CAP_NET_RAW
        assertEquals(Optional.of(0x3000L), Privileges.effectiveCapabilities("CapInh:\t0\nCapEff:\t0000000000003000\n"));
        assertEquals(Optional.of(-1L), Privileges.effectiveCapabilities("CapEff:\tffffffffffffffff\n"));
        assertEquals(Optional.empty(), Privileges.effectiveCapabilities("CapEff:\tnope\n"));
        assertEquals(Optional.empty(), Privileges.effectiveCapabilities("Uid:\t0\t0\t0\t0\n"));
    }

    @Test
    void thisProcessAgreesWithGeteuid() {
        assertEquals(OptionalInt.of(LibC.INSTANCE.geteuid()), Privileges.effectiveUid());
        assertEquals(LibC.INSTANCE.geteuid() == 0, Privileges.isRoot());
    }
}
