package io.floatip.config;

import static io.floatip.config.Yaml.assertSchemaError;
import static io.floatip.config.Yaml.schemaErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scripts section and references to it, checked as written (no host checks). */
class ScriptsErrorsTest {

    /** VI_1 on lines 1..5, {@code instance} lines under it from line 6, then {@code top} at the top level. */
    static String config(String instance, String top) {
        return Yaml.instanceWith(instance) + top;
    }

    /** Script chk on lines 6..8 with its command on line 8 (value at column 14), then {@code lines} under it. */
    private static String chk(String command, String lines) {
        return config("", """
                scripts:
                  chk:
                    command: %s
                """.formatted(command) + lines.indent(4));
    }

    @Test
    void unknownScriptListsTheDefinedOnes() {
        assertSchemaError("bad.yaml:6:21: instances.VI_1.track_scripts[0]: unknown script 'chk_nginx'; scripts "
                + "defined: chk_haproxy, chk_dns", config("track_scripts: [chk_nginx]", """
                scripts:
                  chk_haproxy: {command: /bin/true}
                  chk_dns: {command: /bin/true}
                """));
    }

    @Test
    void unknownScriptInAMapItem() {
        assertSchemaError("bad.yaml:7:16: instances.VI_1.track_scripts[0].name: unknown script 'chk_nginx'; scripts "
                + "defined: chk_haproxy", config("""
                track_scripts:
                  - {name: chk_nginx, weight: -30}
                """, """
                scripts:
                  chk_haproxy: {command: /bin/true}
                """));
    }

    @Test
    void unknownScriptWhenThereAreNone() {
        assertSchemaError("bad.yaml:6:21: instances.VI_1.track_scripts[0]: unknown script 'chk'; no scripts are "
                + "defined (add it under scripts)", config("track_scripts: [chk]", ""));
    }

    @Test
    void aScriptWithMistakesIsStillKnownByName() {
        assertSchemaError("bad.yaml:10:11: scripts.chk.rise: must be between 1 and 255, got 0",
                config("track_scripts: [chk]", """
                scripts:
                  chk:
                    command: /bin/true
                    rise: 0
                """));
    }

    @Test
    void scriptWeightOutOfRange() {
        assertSchemaError("bad.yaml:9:13: scripts.chk.weight: must be between -253 and 253, got -254",
                chk("/bin/true", "weight: -254"));
    }

    @Test
    void trackedWeightOverrideOutOfRange() {
        assertSchemaError("bad.yaml:6:41: instances.VI_1.track_scripts[0].weight: must be between -253 and 253, got 300",
                config("track_scripts: [{name: chk, weight: 300}]", """
                scripts:
                  chk: {command: /bin/true}
                """));
    }

    @Test
    void riseAndFallOutOfRange() {
        assertEquals(List.of("bad.yaml:9:11: scripts.chk.rise: must be between 1 and 255, got 0",
                "bad.yaml:10:11: scripts.chk.fall: must be between 1 and 255, got 256"),
                schemaErrors(chk("/bin/true", "rise: 0\nfall: 256")));
    }

    @Test
    void intervalZeroAndTimeoutNotADuration() {
        assertEquals(List.of("bad.yaml:9:15: scripts.chk.interval: must be more than 0s, got '0s'",
                "bad.yaml:10:14: scripts.chk.timeout: must be a duration like 10ms, 1s, 1.5s or 2m (a bare number "
                        + "means seconds), got 'soon'"),
                schemaErrors(chk("/bin/true", "interval: 0s\ntimeout: soon")));
    }

    @Test
    void timeoutZero() {
        assertSchemaError("bad.yaml:9:14: scripts.chk.timeout: must be more than 0s, got '0'",
                chk("/bin/true", "timeout: 0"));
    }

    @Test
    void intervalNegative() {
        assertSchemaError("bad.yaml:9:15: scripts.chk.interval: must not be negative, got '-1s'",
                chk("/bin/true", "interval: -1s"));
    }

    @Test
    void emptyCommandString() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: is empty; give the program to run and its arguments",
                chk("\"\"", ""));
    }

    @Test
    void emptyCommandList() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: is an empty list; give the program to run and its "
                + "arguments, like [/etc/floatip/notify.sh, master]", chk("[]", ""));
    }

    @Test
    void commandWithoutValue() {
        assertSchemaError("bad.yaml:8:5: scripts.chk.command: has no value", chk("", ""));
    }

    @Test
    void commandMissing() {
        assertSchemaError("bad.yaml:7:8: scripts.chk.command: missing; this key is required",
                config("", "scripts:\n  chk: {weight: 2}\n"));
    }

    @Test
    void commandListItemThatIsNotAWord() {
        assertSchemaError("bad.yaml:8:27: scripts.chk.command[1]: must be a word, got a map",
                chk("[/bin/check, {a: 1}]", ""));
    }

    @Test
    void commandListWithAnEmptyProgram() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: the program (the first word) must not be empty",
                chk("[\"\", x]", ""));
    }

    @Test
    void commandWithAnUnclosedQuote() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: the ' at character 12 is never closed; close it, or "
                + "write the command as a list of words", chk("\"/bin/check 'a b\"", ""));
    }

    @Test
    void commandWithAPipe() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: contains '|' outside quotes, but commands run without "
                + "a shell; put shell syntax in a script, or quote the word to pass it as it is",
                chk("/bin/check | logger", ""));
    }

    @Test
    void commandWithARelativeProgram() {
        assertSchemaError("bad.yaml:8:14: scripts.chk.command: the program must be a full path or a name found in "
                + "PATH, got 'bin/check.sh' (a relative path would depend on the directory floatip starts in)",
                chk("bin/check.sh", ""));
    }

    @Test
    void keepalivedSpellings() {
        List<String> errors = schemaErrors(config("", """
                vrrp_script:
                  chk:
                    script: /bin/true
                """));
        assertEquals(List.of("bad.yaml:6:1: vrrp_script: unknown key; did you mean 'scripts'?"), errors);
        errors = schemaErrors(config("", """
                scripts:
                  chk:
                    script: /bin/true
                    user: nobody
                """));
        assertTrue(errors.contains("bad.yaml:8:5: scripts.chk.script: unknown key; did you mean 'command'?"),
                String.join("\n", errors));
        assertTrue(errors.stream().noneMatch(e -> e.contains("scripts.chk.user")), String.join("\n", errors));
    }

    @Test
    void unknownKeyInAScriptListsTheKnownOnes() {
        assertSchemaError("bad.yaml:9:5: scripts.chk.colour: unknown key; known keys here: command, interval, timeout, "
                + "rise, fall, weight, init_fail, user", chk("/bin/true", "colour: blue"));
    }

    @Test
    void globalNotifyFifoMustBeAbsolute() {
        assertSchemaError("bad.yaml:2:16: global.notify_fifo: must be an absolute path, like /run/floatip/notify.fifo, "
                + "got 'notify.fifo'", "global:\n  notify_fifo: notify.fifo\n" + config("", ""));
    }

    @Test
    void allowRootScriptsMustBeABoolean() {
        assertSchemaError("bad.yaml:2:23: global.allow_root_scripts: must be true or false, got 'yes please'",
                "global:\n  allow_root_scripts: yes please\n" + config("", ""));
    }

    @Test
    void enableScriptSecurityIsAlwaysOn() {
        assertSchemaError("bad.yaml:2:3: global.enable_script_security: unknown key; floatip always checks that "
                + "scripts are safe to run; remove this key", "global:\n  enable_script_security: true\n" + config("", ""));
    }
}
