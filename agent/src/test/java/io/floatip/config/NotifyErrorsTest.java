package io.floatip.config;

import static io.floatip.config.ScriptsErrorsTest.config;
import static io.floatip.config.Yaml.assertSchemaError;

import org.junit.jupiter.api.Test;

/** An instance's notify map; keepalived's notify_* keys point to it (no host checks). */
class NotifyErrorsTest {

    @Test
    void typoInAnEvent() {
        assertSchemaError("bad.yaml:7:7: instances.VI_1.notify.mastr: unknown key; did you mean 'master'?", config("""
                notify:
                  mastr: /etc/floatip/notify.sh master
                """, ""));
    }

    @Test
    void unknownEventListsTheKnownOnes() {
        assertSchemaError("bad.yaml:6:14: instances.VI_1.notify.colour: unknown key; known keys here: master, backup, "
                + "fault, stop, any", config("notify: {colour: blue}", ""));
    }

    @Test
    void keepalivedNotifyMasterAtTheInstance() {
        assertSchemaError("bad.yaml:6:5: instances.VI_1.notify_master: unknown key; write it as notify: {master: ...}",
                config("notify_master: \"/etc/floatip/notify.sh master\"", ""));
    }

    @Test
    void keepalivedNotifyBackupAtTheInstance() {
        assertSchemaError("bad.yaml:6:5: instances.VI_1.notify_backup: unknown key; write it as notify: {backup: ...}",
                config("notify_backup: /etc/floatip/notify.sh backup", ""));
    }

    @Test
    void keepalivedNotifyFaultInsideTheMap() {
        assertSchemaError("bad.yaml:6:14: instances.VI_1.notify.notify_fault: unknown key; did you mean 'fault'?",
                config("notify: {notify_fault: /etc/floatip/notify.sh}", ""));
    }

    @Test
    void keepalivedPlainNotifyIsTheAnyEvent() {
        assertSchemaError("bad.yaml:6:13: instances.VI_1.notify: must be a map of state changes to commands, got the "
                + "single value '/etc/floatip/notify.sh'; keepalived's notify script is written here as notify: "
                + "{any: /etc/floatip/notify.sh}", config("notify: /etc/floatip/notify.sh", ""));
    }

    @Test
    void eventWithABrokenCommand() {
        assertSchemaError("bad.yaml:7:13: instances.VI_1.notify.stop: the \" at character 24 is never closed; close "
                + "it, or write the command as a list of words", config("""
                notify:
                  stop: '/etc/floatip/notify.sh "stop'
                """, ""));
    }

    @Test
    void eventWithoutACommand() {
        assertSchemaError("bad.yaml:7:7: instances.VI_1.notify.fault: has no value; give it one, or remove the key to "
                + "use the default", config("notify:\n  fault:\n", ""));
    }
}
