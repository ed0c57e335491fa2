package io.floatip.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SigBlk as /proc shows it: bit n-1 for signal n, 16 hex digits. */
class SignalMaskTest {
    /** A thread of an agent in the sigwait mode: HUP (bit 0), INT (1), QUIT (2) and TERM (14) blocked. */
    static final String SIGWAIT_THREAD = """
            Name:\tfloatip-loop
            State:\tS (sleeping)
            SigQ:\t0/7635
            SigPnd:\t0000000000000000
            ShdPnd:\t0000000000000000
            SigBlk:\t0000000000004007
            SigIgn:\t0000000000000000
            SigCgt:\t0000000000000000
            """;

    @Test
    void theSigwaitModesMaskBlocksAllFour() {
        SignalMask mask = SignalMask.fromStatus(SIGWAIT_THREAD);
        assertEquals(new SignalMask(0x4007), mask);
        assertTrue(mask.blocksAll(SignalMask.TAKEN));
        assertTrue(mask.blocks(SignalMask.SIGTERM));
        assertFalse(mask.blocks(9), "SIGKILL");
    }

    /** The JVM's own threads without the mode block only QUIT (its signal thread takes it). */
    @Test
    void aJvmThreadBlockingOnlyQuitBlocksNeitherStopNorReload() {
        SignalMask mask = SignalMask.fromStatus("SigBlk:\t0000000000000004\n");
        assertTrue(mask.blocks(SignalMask.SIGQUIT));
        assertFalse(mask.blocksAny(SignalMask.STOP_AND_RELOAD));
        assertFalse(mask.blocksAll(SignalMask.TAKEN));
    }

    @Test
    void termAloneIsNotEnough() {
        SignalMask mask = SignalMask.fromStatus("SigBlk:\t0000000000004000\n");
        assertTrue(mask.blocks(SignalMask.SIGTERM));
        assertFalse(mask.blocksAll(SignalMask.TAKEN), "HUP, INT and QUIT would still take their default action");
        assertTrue(mask.blocksAny(SignalMask.STOP_AND_RELOAD));
    }

    /** The real-time signals are the high bits: a mask with bit 63 set is still a mask, not a negative parse. */
    @Test
    void theHighBitsParseUnsigned() {
        SignalMask mask = SignalMask.fromStatus("SigBlk:\tfffffffe7ffbfeff\n");
        assertNotNull(mask);
        assertTrue(mask.blocks(64));
        assertFalse(mask.blocks(9));
        assertFalse(mask.blocks(0));
        assertFalse(mask.blocks(65));
    }

    @Test
    void noSigBlkLineIsNoMask() {
        assertNull(SignalMask.fromStatus("Name:\tjava\nState:\tS (sleeping)\n"));
    }

    @Test
    void aMalformedSigBlkIsNoMask() {
        assertNull(SignalMask.fromStatus("SigBlk:\t00000000zz004007\n"));
        assertNull(SignalMask.fromStatus("SigBlk:\t\n"));
        assertNull(SignalMask.fromStatus("SigBlk:\t1ffffffffffffffff\n"), "17 digits overflow a long");
    }

    /** This test JVM runs without the mode: its threads take TERM, so install() must not pick sigwait here. */
    @Test
    void thisTestJvmHasAThreadThatDoesNotBlockThem() {
        String open = Signals.threadNotBlocking();
        assertNotNull(open);
        assertTrue(open.startsWith("thread "), open);
        assertFalse(Signals.blockedInThisThread());
    }
}
