package io.floatip.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What systemd says about a run that ended decides whether `floatip release` has anything to do. */
class AgentExitTest {
    @Test
    void onlyAnExitZeroThatSystemdCallsSuccessIsAStopThatReleasedEverything() {
        assertTrue(exit("success", "exited", "0").cleanStop());
        assertFalse(exit("signal", "killed", "KILL").cleanStop());
        assertFalse(exit("watchdog", "dumped", "ABRT").cleanStop());
        assertFalse(exit("watchdog", "killed", "ABRT").cleanStop());
        assertFalse(exit("exit-code", "exited", "1").cleanStop());
        assertFalse(exit("timeout", "killed", "KILL").cleanStop(), "a stop that timed out was killed mid-way");
        // systemd counts SIGTERM as success on stop, but an agent killed by it did not hand over.
        assertFalse(exit("success", "killed", "TERM").cleanStop());
        assertFalse(AgentExit.fromEnvironment(Map.of()).cleanStop(), "by hand: the operator asks for it");
    }

    @Test
    void describesTheEndForTheLog() {
        assertEquals("SERVICE_RESULT=signal, killed by SIGKILL", exit("signal", "killed", "KILL").describe());
        assertEquals("SERVICE_RESULT=watchdog, dumped core on SIGABRT", exit("watchdog", "dumped", "ABRT").describe());
        assertEquals("SERVICE_RESULT=exit-code, exited with status 1", exit("exit-code", "exited", "1").describe());
        assertEquals("not run by systemd as a stop command", AgentExit.fromEnvironment(Map.of("EXIT_CODE", " ")).describe());
    }

    private static AgentExit exit(String result, String code, String status) {
        return AgentExit.fromEnvironment(Map.of("SERVICE_RESULT", result, "EXIT_CODE", code, "EXIT_STATUS", status));
    }
}
