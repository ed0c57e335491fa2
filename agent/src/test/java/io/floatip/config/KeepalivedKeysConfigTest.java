package io.floatip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys real keepalived configs needed (issue 18): read when right, an error at their line when wrong. */
class KeepalivedKeysConfigTest {
    static String instance(String extra) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50/24]
                %s""".formatted(extra);
    }

    static Config parse(String yaml) throws ConfigException {
        return ConfigLoader.parseWithoutHostChecks(yaml, "f.yaml");
    }

    static List<String> errors(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).errors();
    }

    @Test
    void dontTrackPrimaryIsOffByDefault() throws ConfigException {
        assertFalse(parse(instance("")).instances().get("VI_1").dontTrackPrimary());
        assertTrue(parse(instance("    dont_track_primary: true\n")).instances().get("VI_1").dontTrackPrimary());
        assertEquals(List.of("f.yaml:6:25: instances.VI_1.dont_track_primary: must be true or false, got 'yes please'"),
                errors(instance("    dont_track_primary: yes please\n")));
    }

    @Test
    void theGarpIntervalIsZeroByDefaultAndAtMostASecond() throws ConfigException {
        assertEquals(0, parse(instance("")).instances().get("VI_1").garp().intervalMillis());
        assertEquals(new GarpConfig(5_000, 5, 0, 20),
                parse(instance("    garp: {interval: 20ms}\n")).instances().get("VI_1").garp());
        assertEquals(List.of("f.yaml:6:22: instances.VI_1.garp.interval: must be between 0s and 1s, got '2s'"),
                errors(instance("    garp: {interval: 2s}\n")));
    }

    @Test
    void aScriptsOwnUserIsReadAndMustExist() throws ConfigException {
        String yaml = """
                global: {script_user: daemon}
                scripts:
                  chk: {command: /bin/true, user: %s}
                """ + instance("    track_scripts: [chk]\n");
        assertEquals("alice", parse(yaml.formatted("alice")).scripts().get("chk").user());
        assertEquals(null, parse(yaml.replace(", user: %s", "")).scripts().get("chk").user());
        assertEquals(List.of("bad.yaml:3:35: scripts.chk.user: no user 'mallory' in /etc/passwd; create it (useradd "
                + "--system mallory) or name an existing user"),
                Yaml.errors(yaml.formatted("mallory"), TestHost.host(FileFacts.local(), TestHost.PASSWD, 0)));
        assertEquals(List.of("f.yaml:3:35: scripts.chk.user: not a user name: 'a:b'"),
                errors(yaml.formatted("'a:b'")));
    }
}
