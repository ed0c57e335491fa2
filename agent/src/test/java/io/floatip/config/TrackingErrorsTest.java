package io.floatip.config;

import static io.floatip.config.ScriptsErrorsTest.config;
import static io.floatip.config.Yaml.assertSchemaError;

import org.junit.jupiter.api.Test;

/** track_scripts, track_interfaces and track_files: each mistake one line at the item (no host checks). */
class TrackingErrorsTest {

    private static final String CHK = "scripts:\n  chk: {command: /bin/true}\n";

    @Test
    void sameScriptTwice() {
        assertSchemaError("bad.yaml:6:33: instances.VI_1.track_scripts[1].name: chk is listed twice (first at line 6, "
                + "column 21); remove one", config("track_scripts: [chk, {name: chk, weight: 5}]", CHK));
    }

    @Test
    void sameInterfaceTwice() {
        assertSchemaError("bad.yaml:6:30: instances.VI_1.track_interfaces[1]: eth1 is listed twice (first at line 6, "
                + "column 24); remove one", config("track_interfaces: [eth1, eth1]", ""));
    }

    @Test
    void sameFileTwiceEvenWrittenDifferently() {
        assertSchemaError("bad.yaml:7:7: instances.VI_1.track_files[1]: /etc/floatip/./maint is listed twice (first "
                + "at line 6, column 19); remove one", config("""
                track_files: [/etc/floatip/maint,
                  /etc/floatip/./maint]
                """, ""));
    }

    @Test
    void interfaceNameWithAnAlias() {
        assertSchemaError("bad.yaml:6:24: instances.VI_1.track_interfaces[0]: must not contain ':', got 'eth0:1' (an "
                + "alias label like eth0:1 is not an interface; name the interface itself)",
                config("track_interfaces: [eth0:1]", ""));
    }

    @Test
    void interfaceNameTooLongInAMapItem() {
        assertSchemaError("bad.yaml:6:31: instances.VI_1.track_interfaces[0].name: must be at most 15 characters (a "
                + "Linux limit), got 'averyveryverylongname' (21)",
                config("track_interfaces: [{name: averyveryverylongname}]", ""));
    }

    @Test
    void interfaceWeightOutOfRange() {
        assertSchemaError("bad.yaml:6:45: instances.VI_1.track_interfaces[0].weight: must be between -253 and 253, "
                + "got -254", config("track_interfaces: [{name: eth1, weight: -254}]", ""));
    }

    @Test
    void trackedFileNotAbsolute() {
        assertSchemaError("bad.yaml:6:19: instances.VI_1.track_files[0]: must be an absolute path, like "
                + "/etc/floatip/maint, got 'maint'", config("track_files: [maint]", ""));
    }

    @Test
    void trackedFileWeightNotANumber() {
        assertSchemaError("bad.yaml:6:54: instances.VI_1.track_files[0].weight: must be a whole number between -253 "
                + "and 253, got 'lots'", config("track_files: [{path: /etc/floatip/maint, weight: lots}]", ""));
    }

    @Test
    void itemThatIsAList() {
        assertSchemaError("bad.yaml:6:24: instances.VI_1.track_interfaces[0]: must be an interface name, or a map "
                + "with name and weight, got a list", config("track_interfaces: [[eth1]]", ""));
    }

    @Test
    void mapItemWithoutItsName() {
        assertSchemaError("bad.yaml:6:24: instances.VI_1.track_interfaces[0].name: missing; this key is required",
                config("track_interfaces: [{weight: -10}]", ""));
    }

    @Test
    void unknownKeyInAMapItem() {
        assertSchemaError("bad.yaml:6:30: instances.VI_1.track_files[0].wieght: unknown key; did you mean 'weight'?",
                config("track_files: [{path: /x, wieght: 2}]", ""));
    }

    @Test
    void singleValueWhereAListBelongs() {
        assertSchemaError("bad.yaml:6:20: instances.VI_1.track_scripts: must be a list, got the single value 'chk'; "
                + "write it as [chk]", config("track_scripts: chk", CHK));
    }

    @Test
    void keepalivedSingularSpelling() {
        assertSchemaError("bad.yaml:6:5: instances.VI_1.track_script: unknown key; did you mean 'track_scripts'?",
                config("track_script: [chk]", CHK));
    }
}
