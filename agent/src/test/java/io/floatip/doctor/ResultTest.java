package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void linesLineUpTheirChecksAndAddTheFixOnlyWhenThereIsOne() {
        assertEquals("OK    libpcap: loads", Result.ok("libpcap", "loads").line());
        assertEquals("WARN  x: y; fix: z", Result.warn("x", "y", "z").line());
        assertEquals("FAIL  x: y; fix: z", Result.fail("x", "y", "z").line());
    }

    @Test
    void onlyAFailMakesTheExitCodeOne() {
        assertEquals(0, Doctor.exitCode(List.of(Result.ok("a", "b"), Result.warn("a", "b", "c"))));
        assertEquals(1, Doctor.exitCode(List.of(Result.ok("a", "b"), Result.fail("a", "b", "c"))));
    }
}
