package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "10ms, 10",
        "0ms, 0",
        "1s, 1000",
        "1.5s, 1500",
        "40.95s, 40950",
        "0.01s, 10",
        ".5s, 500",
        "2m, 120000",
        "1h, 3600000",
        "0s, 0",
        "3, 3000",
        "0.5, 500",
        "' 2s ', 2000",
    })
    void parsesNumberAndUnit(String text, long millis) {
        assertEquals(millis, Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "abc", "1 s", "1sec", "10MS", "1.s", "1e3ms", "1s2", "+1s", "1m30s"})
    void rejectsGarbageWithExamples(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("must be a duration like 10ms, 1s, 1.5s or 2m (a bare number means seconds), got '"
                + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "-10ms", "-3"})
    void rejectsNegative(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("must not be negative, got '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5ms", "0.0001s"})
    void rejectsSubMillisecond(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().startsWith("must be a whole number of milliseconds"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775808ms"})
    void rejectsOverflow(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().startsWith("is too large"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10, 10ms", "0, 0s", "1000, 1s", "1500, 1.5s", "40950, 40.95s", "120000, 120s"})
    void formatsForMessages(long millis, String text) {
        assertEquals(text, Durations.format(millis));
    }
}
