package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimePriorityConfigTest {
    static final String INSTANCE = """
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                virtual_ips: [198.51.100.50/24]
            """;

    @Test
    void offByDefaultAndReadWhenGiven() throws ConfigException {
        assertEquals(0, ConfigLoader.parseWithoutHostChecks(INSTANCE, "f.yaml").global().realtimePriority());
        assertEquals(10, ConfigLoader.parseWithoutHostChecks("global:\n  realtime_priority: 10\n" + INSTANCE,
                "f.yaml").global().realtimePriority());
    }

    @Test
    void outOfRangeIsOneLineWithItsPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseWithoutHostChecks(
                "global:\n  realtime_priority: 100\n" + INSTANCE, "f.yaml"));
        assertEquals(List.of("f.yaml:2:22: global.realtime_priority: must be between 0 and 99, got 100"), e.errors());
    }
}
