package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GarpRefreshConfigTest {
    static String config(String garp) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                    garp: %s
                """.formatted(garp);
    }

    @Test
    void offByDefaultAndReadWhenGiven() throws ConfigException {
        assertEquals(0, ConfigLoader.parseWithoutHostChecks(config("{}"), "f.yaml").instances().get("VI_1").garp()
                .refreshMillis());
        assertEquals(new GarpConfig(5_000, 5, 60_000), ConfigLoader.parseWithoutHostChecks(
                config("{refresh: 60s}"), "f.yaml").instances().get("VI_1").garp());
    }

    @Test
    void aRefreshUnderASecondIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parseWithoutHostChecks(config("{refresh: 100ms}"), "f.yaml"));
        assertEquals(List.of("f.yaml:6:21: instances.VI_1.garp.refresh: must be 0s (no refresh) or at least 1s, "
                + "got '100ms'"), e.errors());
    }
}
