package io.floatip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.Config;
import io.floatip.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    static final String WRITABLE = "t.yaml:9:14: scripts.chk.command: /opt/x/check.sh is writable by group (mode "
            + "0775); a non-root user could change what floatip runs: chmod go-w /opt/x/check.sh";

    @Test
    void aValidConfigWithoutScriptsIsTwoOkLines() {
        Config config = Configs.pair();
        ConfigCheck.Outcome outcome = ConfigCheck.run(hostChecks -> config, "t.yaml");
        assertEquals(List.of("OK    config: t.yaml: 1 instance(s) on eth0",
                "OK    scripts: no check or notify scripts configured"), ProcessChecksTest.lines(outcome.results()));
        assertEquals(config, outcome.config().orElseThrow());
    }

    @Test
    void eachErrorOfTheFileIsAFailAndNothingElseIsChecked() {
        ConfigCheck.Outcome outcome = ConfigCheck.run(hostChecks -> {
            throw new ConfigException(List.of("t.yaml:3:11: instances.VI_1.vrid: must be between 1 and 255, got 300",
                    "t.yaml:5:5: instances.VI_1.advert_intrval: unknown key; did you mean 'advert_interval'?"));
        }, "t.yaml");
        assertTrue(outcome.config().isEmpty());
        assertEquals(List.of(
                "FAIL  config: t.yaml:3:11: instances.VI_1.vrid: must be between 1 and 255, got 300; fix: correct "
                        + "t.yaml (floatip check-config -c t.yaml lists the same errors)",
                "FAIL  config: t.yaml:5:5: instances.VI_1.advert_intrval: unknown key; did you mean 'advert_interval'?; "
                        + "fix: correct t.yaml (floatip check-config -c t.yaml lists the same errors)"),
                ProcessChecksTest.lines(outcome.results()));
    }

    @Test
    void theLoadersSafetyErrorsAreScriptFailuresAndTheInterfacesAreStillChecked() {
        Config config = Configs.pair();
        ConfigCheck.Outcome outcome = ConfigCheck.run(hostChecks -> {
            if (hostChecks) {
                throw new ConfigException(List.of(WRITABLE));
            }
            return config;
        }, "t.yaml");
        assertEquals(config, outcome.config().orElseThrow());
        Result scripts = outcome.results().get(1);
        assertEquals(Status.FAIL, scripts.status());
        assertEquals("scripts", scripts.check());
        assertEquals(WRITABLE, scripts.detail());
    }

    @Test
    void safeScriptsAreCountedOnceEachWithTheUserTheyRunAs() {
        Config config = Configs.parse("""
                global:
                  script_user: nobody
                scripts:
                  chk: {command: /usr/bin/true}
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    track_scripts: [chk]
                    notify: {master: /usr/bin/true master, any: /usr/bin/logger}
                """);
        Result scripts = ConfigCheck.run(hostChecks -> config, "t.yaml").results().get(1);
        assertEquals("OK    scripts: 2 program(s) executable and safe (/usr/bin/true, /usr/bin/logger), run as nobody"
                + " by an agent run as root, as the agent's own user otherwise (floatip under floatip.service)",
                scripts.line());
    }
}
