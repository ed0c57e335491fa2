package io.floatip.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScriptStateTest {
    @Test
    void fallFailuresInARowBringItDownAndRiseSuccessesBringItBack() {
        ScriptState s = new ScriptState(3, 2, true);
        assertFalse(s.record(false));
        assertTrue(s.up(), "one failure of fall 2");
        assertTrue(s.record(false));
        assertFalse(s.up());
        assertFalse(s.record(true));
        assertFalse(s.record(true));
        assertFalse(s.up(), "two successes of rise 3");
        assertTrue(s.record(true));
        assertTrue(s.up());
    }

    @Test
    void aResultAgreeingWithTheStateBreaksTheStreak() {
        ScriptState s = new ScriptState(1, 3, true);
        s.record(false);
        s.record(false);
        s.record(true);  // the streak of failures starts over
        s.record(false);
        s.record(false);
        assertTrue(s.up());
        assertTrue(s.record(false));
        assertEquals(false, s.up());
    }

    @Test
    void initFailStartsDown() {
        ScriptState s = new ScriptState(2, 1, false);
        assertFalse(s.up());
        s.record(true);
        assertTrue(s.record(true));
    }
}
