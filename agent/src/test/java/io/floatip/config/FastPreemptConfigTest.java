package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FastPreemptConfigTest {
    static String config(String line) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    %s
                """.formatted(line);
    }

    @Test
    void offByDefaultAndReadWhenGiven() throws ConfigException {
        assertFalse(ConfigLoader.parseWithoutHostChecks(config(""), "f.yaml").instances().get("VI_1").fastPreempt());
        assertTrue(ConfigLoader.parseWithoutHostChecks(config("fast_preempt: true"), "f.yaml").instances()
                .get("VI_1").fastPreempt());
    }

    @Test
    void notABooleanIsRefusedWhereItIs() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parseWithoutHostChecks(config("fast_preempt: fast"), "f.yaml"));
        assertEquals(List.of("f.yaml:6:19: instances.VI_1.fast_preempt: must be true or false, got 'fast'"),
                e.errors());
    }
}
