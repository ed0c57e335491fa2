package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeySuggesterTest {

    private static final List<String> INSTANCE_KEYS = List.of("interface", "vrid", "priority", "version",
            "advert_interval", "preempt", "preempt_delay", "virtual_ips", "garp");

    @ParameterizedTest
    @CsvSource({
        "advert_intrval, advert_interval",
        "vird, vrid",
        "priorty, priority",
        "Priority, priority",
        "preempt-delay, preempt_delay",
        "prio, priority",
        "virtual_ip, virtual_ips",
        "advert_int, advert_interval",
        "virtual_ipaddress, virtual_ips",
        "virtual_router_id, vrid",
    })
    void suggestsTheIntendedKey(String typed, String meant) {
        assertEquals(Optional.of("did you mean '" + meant + "'?"), KeySuggester.suggestion(typed, INSTANCE_KEYS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "x", "state", "authentication"})
    void staysQuietWhenNothingIsClose(String typed) {
        assertEquals(Optional.empty(), KeySuggester.suggestion(typed, INSTANCE_KEYS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual_router_id", "nopreempt"})
    void keepalivedNamesOnlyWhereTheirKeyLives(String typed) {
        assertEquals(Optional.empty(), KeySuggester.suggestion(typed, List.of("router_id", "log_level")));
    }

    @ParameterizedTest
    @CsvSource({"nopreempt, write 'preempt: false'", "garp_master_repeat, write it as 'repeat' under 'garp'"})
    void keepalivedNamesWithoutATwinSayWhatToWrite(String typed, String hint) {
        assertEquals(hint, KeySuggester.hint(typed, INSTANCE_KEYS));
    }

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "vird, vrid, 1", "ab, ba, 1", "kitten, sitting, 3", "'', abc, 3"})
    void distanceCountsASwapAsOneEdit(String a, String b, int expected) {
        assertEquals(expected, KeySuggester.distance(a, b));
    }
}
