package io.floatip.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mark on floatip's macvlans: what it says, what is not one, what counts as a leftover, what goes back. */
class VmacMarkTest {

    @Test
    void anIpv4MarkCarriesTheParentsValues() {
        String alias = VmacMark.format(1234, "VI_1", new int[]{0, 0, 1});
        assertEquals("floatip pid=1234 arp_ignore=0 arp_filter=0 arp_announce=1 instance=VI_1", alias);
        assertEquals(new VmacMark.Mark(1234, true, 0, 0, 1), VmacMark.parse(alias));
    }

    @Test
    void anIpv6MarkHasNone() {
        String alias = VmacMark.format(9, "v6", null);
        assertEquals("floatip pid=9 instance=v6", alias);
        assertEquals(new VmacMark.Mark(9, false, -1, -1, -1), VmacMark.parse(alias));
    }

    @Test
    void anUnreadableValueIsKeptAsMinusOne() {
        assertEquals(new VmacMark.Mark(5, true, -1, 1, 2),
                VmacMark.parse(VmacMark.format(5, "a", new int[]{-1, 1, 2})));
    }

    @Test
    void anInstanceNameIsOneTokenAndTheMarkFitsAnAlias() {
        String alias = VmacMark.format(1, "a b=c\u00e9" + "x".repeat(300), null);
        assertTrue(alias.startsWith("floatip pid=1 instance=a_b=c_x"), alias);
        assertEquals(255, alias.length());
        assertEquals(new VmacMark.Mark(1, false, -1, -1, -1), VmacMark.parse(alias));
    }

    @Test
    void whatIsNotFloatipsIsNoMark() {
        assertNull(VmacMark.parse(null));
        assertNull(VmacMark.parse(""));
        assertNull(VmacMark.parse("floating ip, by hand"));
        assertNull(VmacMark.parse("floatip"));
        assertNull(VmacMark.parse("floatip pid=x"));
        assertNull(VmacMark.parse("floatip pid=0 instance=a"));
        assertNull(VmacMark.parse("floatip pid=-3"));
        assertNull(VmacMark.parse("floatip instance=a"));
        assertNull(VmacMark.parse("floatip pid=3 colour=red"));
        assertNull(VmacMark.parse("floatip pid=3 words"));
        assertNull(VmacMark.parse("floatip pid=3 arp_ignore=0 instance=a"), "some parent values but not all");
        assertNull(VmacMark.parse("floatip pid=3 arp_ignore=x arp_filter=0 arp_announce=0"));
        assertNull(VmacMark.parse("keepalived pid=3"));
    }

    @Test
    void aLeftoverIsOneWhoseMakerIsNotRunningOrIsThisProcess() {
        VmacMark.Mark mark = new VmacMark.Mark(40, false, -1, -1, -1);
        assertTrue(VmacMark.leftover(mark, 1, pid -> false), "its maker gone");
        assertFalse(VmacMark.leftover(mark, 1, pid -> pid == 40), "another floatip's, running");
        assertTrue(VmacMark.leftover(mark, 40, pid -> true), "this pid: a container's pid 1 after a crash");
    }

    @Test
    void aValueGoesBackOnlyWhileItIsStillFloatips() {
        assertEquals(0, VmacMark.restore(0, 1, 1));
        assertEquals(-1, VmacMark.restore(0, 1, 2), "changed since by an operator: left");
        assertEquals(-1, VmacMark.restore(1, 1, 1), "floatip changed nothing");
        assertEquals(-1, VmacMark.restore(-1, 1, 1), "the original was unreadable");
        assertEquals(1, VmacMark.restore(1, 2, 2));
    }
}
