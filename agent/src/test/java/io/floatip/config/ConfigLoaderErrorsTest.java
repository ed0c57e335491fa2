package io.floatip.config;

import static io.floatip.config.Yaml.assertError;
import static io.floatip.config.Yaml.assertOnlyErrorStartsWith;
import static io.floatip.config.Yaml.errors;
import static io.floatip.config.Yaml.instanceWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each user mistake gives one line naming the file, line, column and field. */
class ConfigLoaderErrorsTest {

    @Nested
    class UnknownKeys {

        @Test
        void typoSuggestsTheNearestKey() {
            assertError("bad.yaml:5:5: instances.VI_1.advert_intrval: unknown key; did you mean 'advert_interval'?", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        advert_intrval: 2s
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void keepalivedSpellingPointsToOurs() {
            assertError("bad.yaml:4:5: instances.VI_1.virtual_router_id: unknown key; did you mean 'vrid'?", """
                    instances:
                      VI_1:
                        interface: eth0
                        virtual_router_id: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void keepalivedGarpKeyPointsIntoGarpSection() {
            assertError("bad.yaml:6:5: instances.VI_1.garp_master_delay: unknown key; write it as 'delay' under 'garp'",
                    """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        garp_master_delay: 5
                    """);
        }

        @Test
        void farFromAnythingListsTheKnownKeys() {
            assertError("bad.yaml:3:3: global.colour: unknown key; known keys here: router_id, log_level, "
                    + "script_user, allow_root_scripts, notify_fifo, notify_fifo_script, control_socket, metrics, "
                    + "realtime_priority, state_dir, split_brain", """
                    global:
                      router_id: lb1
                      colour: blue
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void splitBrainIsReportOrYield() {
            assertError("bad.yaml:3:16: global.split_brain: must be report or yield, got 'fight'", """
                    global:
                      router_id: lb1
                      split_brain: fight
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void atTopLevel() {
            assertError("bad.yaml:1:1: globl: unknown key; did you mean 'global'?", """
                    globl:
                      router_id: lb1
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void insideGarp() {
            assertError("bad.yaml:7:7: instances.VI_1.garp.repeats: unknown key; did you mean 'repeat'?", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        garp:
                          repeats: 3
                    """);
        }
    }

    @Nested
    class WrongTypes {

        @Test
        void listWhereAValueBelongs() {
            assertError("bad.yaml:4:11: instances.VI_1.vrid: must be a single value, got a list", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: [51]
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void mapWhereAValueBelongs() {
            assertError("bad.yaml:4:7: instances.VI_1.interface: must be a single value, got a map", """
                    instances:
                      VI_1:
                        interface:
                          name: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void singleValueWhereAListBelongsShowsTheFix() {
            assertError("bad.yaml:5:18: instances.VI_1.virtual_ips: must be a list, got the single value "
                    + "'198.51.100.50'; write it as [198.51.100.50]", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: 198.51.100.50
                    """);
        }

        @Test
        void valueWhereAMapBelongs() {
            assertError("bad.yaml:6:11: instances.VI_1.garp: must be a map of keys, got the single value '5'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        garp: 5
                    """);
        }

        @Test
        void instanceThatIsNotAMap() {
            assertError("bad.yaml:2:9: instances.VI_1: must be a map of keys, got a list", """
                    instances:
                      VI_1: [eth0, 51]
                    """);
        }

        @Test
        void listItemThatIsNotAnAddress() {
            assertError("bad.yaml:5:34: instances.VI_1.virtual_ips[1]: must be an address like 198.51.100.50/24, "
                    + "or a map like {address: 203.0.113.50/24, interface: eth1}, got a list", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50, [198.51.100.51]]
                    """);
        }

        @Test
        void emptyValueOfARequiredKey() {
            assertError("bad.yaml:4:5: instances.VI_1.vrid: has no value", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid:
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void emptyValueOfAKeyWithADefault() {
            assertError("bad.yaml:5:5: instances.VI_1.priority: has no value; give it one, or remove the key to "
                    + "use the default", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        priority:
                        virtual_ips: [198.51.100.50]
                    """);
        }
    }

    @Nested
    class BadValues {

        @Test
        void vridOutOfRange() {
            // The brief's own example: the value's line and column, then the field path.
            assertError("bad.yaml:7:11: instances.VI_1.vrid: must be between 1 and 255, got 300", """
                    global:
                      router_id: lb1
                    instances:
                      VI_1:
                        interface: eth0
                        priority: 150
                        vrid: 300
                        virtual_ips: [198.51.100.50/24]
                    """);
        }

        @Test
        void vridZero() {
            assertError("bad.yaml:4:11: instances.VI_1.vrid: must be between 1 and 255, got 0", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 0
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void vridNotANumber() {
            assertError("bad.yaml:4:11: instances.VI_1.vrid: must be a whole number between 1 and 255, got 'fifty'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: fifty
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void priorityTooHigh() {
            assertError("bad.yaml:6:15: instances.VI_1.priority: must be between 1 and 255, got 256",
                    instanceWith("priority: 256"));
        }

        @Test
        void versionNotTwoOrThree() {
            assertError("bad.yaml:6:14: instances.VI_1.version: must be 2 or 3, got '4'", instanceWith("version: 4"));
        }

        @Test
        void preemptNotABoolean() {
            assertError("bad.yaml:6:14: instances.VI_1.preempt: must be true or false, got 'yes'",
                    instanceWith("preempt: yes"));
        }

        @Test
        void preemptDelayTooLong() {
            assertError("bad.yaml:6:20: instances.VI_1.preempt_delay: must be between 0s and 1000s, got '1001s'",
                    instanceWith("preempt_delay: 1001s"));
        }

        @Test
        void negativeDuration() {
            assertError("bad.yaml:6:20: instances.VI_1.preempt_delay: must not be negative, got '-5s'",
                    instanceWith("preempt_delay: -5s"));
        }

        @Test
        void garbageDuration() {
            assertError("bad.yaml:6:22: instances.VI_1.advert_interval: must be a duration like 10ms, 1s, 1.5s or 2m "
                    + "(a bare number means seconds), got 'soon'", instanceWith("advert_interval: soon"));
        }

        @Test
        void advertIntervalNotInTenMillisecondSteps() {
            assertError("bad.yaml:6:22: instances.VI_1.advert_interval: must be a multiple of 10ms (VRRPv3 counts in "
                    + "centiseconds), got '15ms'", instanceWith("advert_interval: 15ms"));
        }

        @Test
        void advertIntervalBelowTenMilliseconds() {
            assertError("bad.yaml:6:22: instances.VI_1.advert_interval: must be between 10ms and 40.95s, got '5ms'",
                    instanceWith("advert_interval: 5ms"));
        }

        @Test
        void advertIntervalAboveVersionThreeMaximum() {
            assertError("bad.yaml:6:22: instances.VI_1.advert_interval: must be between 10ms and 40.95s, got '41s'",
                    instanceWith("advert_interval: 41s"));
        }

        @Test
        void interfaceNameTooLong() {
            assertError("bad.yaml:3:16: instances.VI_1.interface: must be at most 15 characters (a Linux limit), "
                    + "got 'eth0-very-long-name' (19)", """
                    instances:
                      VI_1:
                        interface: eth0-very-long-name
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void interfaceNameWithSlash() {
            assertError("bad.yaml:3:16: instances.VI_1.interface: must not contain '/', got 'eth0/1'", """
                    instances:
                      VI_1:
                        interface: eth0/1
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void interfaceNameWithWhitespace() {
            assertError("bad.yaml:3:16: instances.VI_1.interface: must not contain whitespace, got 'eth 0'", """
                    instances:
                      VI_1:
                        interface: "eth 0"
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void interfaceNameDotDot() {
            assertError("bad.yaml:3:16: instances.VI_1.interface: '..' is not a valid interface name", """
                    instances:
                      VI_1:
                        interface: ..
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void logLevelUnknown() {
            assertError("bad.yaml:2:14: global.log_level: must be error, warn, info or debug, got 'verbose'", """
                    global:
                      log_level: verbose
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void blankRouterId() {
            assertError("bad.yaml:2:14: global.router_id: must not be blank; remove it to use this machine's hostname",
                    """
                    global:
                      router_id: "  "
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void garpRepeatZero() {
            assertError("bad.yaml:8:15: instances.VI_1.garp.repeat: must be between 1 and 255, got 0", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        garp:
                          delay: 2s
                          repeat: 0
                    """);
        }

        @Test
        void garpDelayGarbage() {
            assertError("bad.yaml:7:14: instances.VI_1.garp.delay: must be a duration like 10ms, 1s, 1.5s or 2m "
                    + "(a bare number means seconds), got 'later'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        garp:
                          delay: later
                    """);
        }

        @Test
        void notAnAddress() {
            assertError("bad.yaml:5:19: instances.VI_1.virtual_ips[0]: must be an IPv4 or IPv6 address with an "
                    + "optional prefix length, like 198.51.100.50/24 or 2001:db8::50/64, got 'lb.example'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [lb.example]
                    """);
        }

        @Test
        void prefixTooLong() {
            assertError("bad.yaml:6:9: instances.VI_1.virtual_ips[0]: prefix length must be between 0 and 32, "
                    + "got '198.51.100.50/33'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips:
                          - 198.51.100.50/33
                    """);
        }

        @Test
        void ipv6AndIpv4InOneInstance() {
            assertError("bad.yaml:5:34: instances.VI_1.virtual_ips[1]: 2001:db8::50 is IPv6, but this instance's "
                    + "first address 198.51.100.50 (line 5, column 19) is IPv4; an instance is one address family, so "
                    + "give the IPv6 addresses an instance of their own (it may use the same vrid)", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50, "2001:db8::50"]
                    """);
        }

        @Test
        void emptyInstancesMap() {
            assertError("bad.yaml:1:12: instances: must define at least one instance, e.g. VI_1 with an interface, "
                    + "a vrid and virtual_ips", "instances: {}\n");
        }

        @Test
        void instancesWithNothingUnderIt() {
            assertError("bad.yaml:2:1: instances: must define at least one instance, e.g. VI_1 with an interface, "
                    + "a vrid and virtual_ips", "global: {}\ninstances:\n");
        }
    }

    @Nested
    class MissingKeys {

        @Test
        void requiredInstanceKeysAreReportedAtTheInstanceMap() {
            List<String> errors = errors("""
                    instances:
                      VI_1:
                        priority: 150
                    """);
            assertEquals(List.of(
                    "bad.yaml:3:5: instances.VI_1.interface: missing; this key is required",
                    "bad.yaml:3:5: instances.VI_1.vrid: missing; this key is required"), errors);
        }

        @Test
        void instancesMissing() {
            assertOnlyErrorStartsWith("bad.yaml:1:1: instances: missing; this key is required", """
                    global:
                      router_id: lb1
                    """);
        }
    }

    @Nested
    class DuplicateKeys {

        @Test
        void sameKeyTwiceInAnInstance() {
            assertError("bad.yaml:5:5: instances.VI_1.vrid: duplicate key, first set at line 4; remove one of them", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        vrid: 52
                        virtual_ips: [198.51.100.50]
                    """);
        }

        @Test
        void sameInstanceNameTwice() {
            assertError("bad.yaml:3:3: instances.VI_1: duplicate key, first set at line 2; remove one of them", """
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                      VI_1: {interface: eth0, vrid: 52, virtual_ips: [198.51.100.51]}
                    """);
        }

        @Test
        void sameSectionTwice() {
            assertError("bad.yaml:3:1: global: duplicate key, first set at line 1; remove one of them", """
                    global: {router_id: lb1}
                    instances: {VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}}
                    global: {router_id: lb2}
                    """);
        }
    }

    @Nested
    class Conflicts {

        @Test
        void sameVridOnOneInterfaceNamesBothInstances() {
            assertError("bad.yaml:8:11: instances.VI_2.vrid: vrid 51 on eth0 is already used by instance VI_1 "
                    + "(line 4); instances VI_1 and VI_2 need different vrids", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                      VI_2:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.60]
                    """);
        }

        @Test
        void versionTwoWithSubSecondInterval() {
            assertError("bad.yaml:7:22: instances.VI_1.advert_interval: version 2 sends whole seconds, so this must be "
                    + "1s to 255s, got '500ms'; use version: 3 for sub-second intervals", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        version: 2
                        advert_interval: 500ms
                    """);
        }

        @Test
        void versionTwoWithFractionalSeconds() {
            assertError("bad.yaml:7:22: instances.VI_1.advert_interval: version 2 sends whole seconds, so this must be "
                    + "1s to 255s, got '1.5'; use version: 3 for sub-second intervals", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        version: 2
                        advert_interval: 1.5
                    """);
        }

        @Test
        void versionTwoAboveItsMaximum() {
            assertError("bad.yaml:7:22: instances.VI_1.advert_interval: version 2 sends whole seconds, so this must be "
                    + "1s to 255s, got '5m'", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        version: 2
                        advert_interval: 5m
                    """);
        }

        @Test
        void moreThan255VirtualIps() {
            String ips = IntStream.range(0, 256)
                    .mapToObj(i -> (i < 128 ? "198.51.100." + i : "203.0.113." + (i - 128)))
                    .collect(Collectors.joining(", ", "[", "]"));
            assertOnlyErrorStartsWith("bad.yaml:5:18: instances.VI_1.virtual_ips: has 256 addresses, at most 255 are "
                    + "allowed", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: %s
                    """.formatted(ips));
        }

        @Test
        void sameAddressTwiceInOneInstance() {
            assertError("bad.yaml:5:37: instances.VI_1.virtual_ips[1]: 198.51.100.50 is listed twice (first at line 5, "
                    + "column 19); remove one", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50/24, 198.51.100.50/32]
                    """);
        }

        @Test
        void sameAddressInTwoInstancesOnOneInterface() {
            assertError("bad.yaml:9:34: instances.VI_2.virtual_ips[1]: 198.51.100.50 on eth0 is already used by "
                    + "instance VI_1 (line 5); an address can belong to only one instance per interface", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                      VI_2:
                        interface: eth0
                        vrid: 52
                        virtual_ips: [198.51.100.60, 198.51.100.50]
                    """);
        }
    }

    @Nested
    class WholeFile {

        @Test
        void emptyFile() {
            assertEquals(List.of("bad.yaml:1:1: the file is empty; it needs at least an 'instances' map"), errors(""));
        }

        @Test
        void onlyComments() {
            assertEquals(List.of("bad.yaml:1:1: the file is empty; it needs at least an 'instances' map"),
                    errors("# nothing yet\n\n"));
        }

        @Test
        void topLevelList() {
            assertEquals(List.of("bad.yaml:1:1: the top level must be a map with 'instances' (and optionally 'global', "
                    + "'scripts', 'processes' and 'sync_groups'), got a list"), errors("- eth0\n- 51\n"));
        }

        @Test
        void topLevelScalar() {
            assertEquals(List.of("bad.yaml:2:1: the top level must be a map with 'instances' (and optionally 'global', "
                    + "'scripts', 'processes' and 'sync_groups'), got the single value 'eth0'"), errors("# a comment first\neth0\n"));
        }

        @Test
        void syntaxErrorIsOneLineAtTheProblem() {
            String error = assertOnlyErrorStartsWith("bad.yaml:4:20: YAML syntax error: mapping values are not allowed here",
                    """
                    instances:
                      VI_1:
                        vrid: 51
                        interface: eth0: 1
                    """);
            assertFalse(error.contains("\n"), error);
            assertFalse(error.contains("Exception"), error);
        }

        @Test
        void tabIndentationIsASyntaxError() {
            String error = assertOnlyErrorStartsWith("bad.yaml:3:1: YAML syntax error: ",
                    "instances:\n  VI_1:\n\tvrid: 51\n");
            assertFalse(error.contains("\n"), error);
        }

        @Test
        void unclosedFlowListNamesWhereItStarted() {
            assertOnlyErrorStartsWith("bad.yaml:6:1: YAML syntax error: expected ',' or ']', but got <stream end> "
                    + "(while parsing a flow sequence started at line 5, column 18)", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50
                    """);
        }

        @Test
        void listAsAKeyIsASyntaxError() {
            assertOnlyErrorStartsWith("bad.yaml:1:4: YAML syntax error: keys must be plain names, not lists or maps",
                    "? [a, b]\n: c\n");
        }

        @Test
        void mergeKeysAreRefused() {
            assertError("bad.yaml:6:5: instances.VI_1.<<: unknown key; YAML merge keys are not supported; write the "
                    + "keys out", """
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                        <<: {priority: 200}
                    """);
        }

        @Test
        void blankInstanceName() {
            assertError("bad.yaml:2:3: instances: an instance needs a name, got ''", """
                    instances:
                      "": {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    """);
        }

        @Test
        void secondDocument() {
            assertError("bad.yaml:4:1: a second YAML document starts here, but a config holds only one; remove the "
                    + "'---' above it and what follows", """
                    instances:
                      VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                    ---
                    instances: {}
                    """);
        }

        @Test
        void aliasesAreRefused() {
            assertError("bad.yaml:7:11: instances.VI_2.vrid: YAML aliases (*id) are not supported; write the value out",
                    """
                    instances:
                      VI_1:
                        interface: eth1
                        vrid: &id 51
                        virtual_ips: [198.51.100.50]
                      VI_2:
                        vrid: *id
                        interface: eth0
                        virtual_ips: [198.51.100.60]
                    """);
        }

        @Test
        void everyProblemIsReportedInFileOrder() {
            List<String> errors = errors("""
                    global:
                      log_level: loud
                    instances:
                      VI_1:
                        interface: eth0
                        vrid: 51
                        virtual_ips: [198.51.100.50]
                      VI_2:
                        interface: eth0
                        vrid: 51
                        priority: 0
                        virtual_ips: [198.51.100.50]
                    """);
            assertEquals(List.of(
                    "bad.yaml:2:14: global.log_level: must be error, warn, info or debug, got 'loud'",
                    "bad.yaml:10:11: instances.VI_2.vrid: vrid 51 on eth0 is already used by instance VI_1 (line 6); "
                            + "instances VI_1 and VI_2 need different vrids",
                    "bad.yaml:11:15: instances.VI_2.priority: must be between 1 and 255, got 0",
                    "bad.yaml:12:19: instances.VI_2.virtual_ips[0]: 198.51.100.50 on eth0 is already used by instance "
                            + "VI_1 (line 7); an address can belong to only one instance per interface"), errors);
        }

        @Test
        void messageIsTheLinesJoined() {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.parse("instances:\n  VI_1: {vrid: 0}\n", "x.yaml"));
            assertEquals(String.join("\n", e.errors()), e.getMessage());
            assertEquals(2, e.errors().size(), e.getMessage());
        }
    }
}
