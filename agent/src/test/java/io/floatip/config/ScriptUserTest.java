package io.floatip.config;

import static io.floatip.config.Yaml.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which user scripts run as, from a passwd text and euid the test gives. The loader tests' script paths do
 * not exist, so those also fail on the file; only the script_user line is looked at there.
 */
class ScriptUserTest {

    private static final String NO_FLOATIP_USER = """
            root:x:0:0:root:/root:/bin/bash
            alice:x:1000:1000:Alice:/home/alice:/bin/bash
            """;
    private static final String NO_USER_LINE = "no script_user: scripts would run as root; create the user "
            + "floatip_script, set global.script_user, or set allow_root_scripts: true";

    /** Resolves as the loader would, failing the test if anything is reported. */
    private static String resolve(Optional<String> written, boolean allowRoot, String passwd, int euid) {
        Problems problems = new Problems("x.yaml");
        HostChecks host = TestHost.host(FileFacts.local(), passwd, euid);
        Optional<String> user = ScriptUser.resolve(written, Optional.empty(), allowRoot, Mark.START,
                Optional.of(host), problems);
        assertEquals(List.of(), problems.lines());
        return user.orElseThrow();
    }

    @Test
    void aUserThatExistsIsUsed() {
        assertEquals("alice", resolve(Optional.of("alice"), false, TestHost.PASSWD, 0));
    }

    @Test
    void floatipScriptIsTheDefaultWhenItExists() {
        assertEquals("floatip_script", resolve(Optional.empty(), false, TestHost.PASSWD, 0));
        assertEquals("floatip_script", resolve(Optional.empty(), true, TestHost.PASSWD, 0));
    }

    @Test
    void rootOnlyWhenAllowed() {
        assertEquals("root", resolve(Optional.empty(), true, NO_FLOATIP_USER, 0));
    }

    @Test
    void aNonRootAgentRunsScriptsAsItself() {
        assertEquals("alice", resolve(Optional.empty(), false, NO_FLOATIP_USER, 1000));
    }

    @Test
    void withoutHostChecksTheNameIsTakenAsWritten() {
        Problems problems = new Problems("x.yaml");
        assertEquals(Optional.of("nobody_here"), ScriptUser.resolve(Optional.of("nobody_here"), Optional.empty(),
                false, Mark.START, Optional.empty(), problems));
        assertEquals(Optional.of("floatip_script"), ScriptUser.resolve(Optional.empty(), Optional.empty(), false,
                Mark.START, Optional.empty(), problems));
        assertTrue(problems.isEmpty());
    }

    @Test
    void passwdLinesThatNameNoUserAreSkipped() {
        Passwd passwd = Passwd.parse("# comment\n\n+nis\nbroken\nbob:x:nan:1::/:/bin/sh\nbob:x:1001:1::/:/bin/sh\n"
                + "carol:x:1001:1::/:/bin/sh\n");
        assertEquals(Map.of("bob", 1001, "carol", 1001), passwd.uids());
        assertEquals(Optional.of("bob"), passwd.nameOf(1001));
    }

    private static final String WITH_A_SCRIPT = """
            instances:
              VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
            scripts:
              chk: {command: /nonexistent/check.sh}
            """;

    @Test
    void rootWithoutAnyScriptUserIsAnErrorAtTheFileStart() {
        List<String> errors = Yaml.errors(WITH_A_SCRIPT, TestHost.host(FileFacts.local(), NO_FLOATIP_USER, 0));
        assertTrue(errors.contains("bad.yaml:1:1: global: " + NO_USER_LINE), String.join("\n", errors));
    }

    @Test
    void rootWithoutAnyScriptUserIsAnErrorAtTheGlobalKey() {
        List<String> errors = Yaml.errors("global:\n  router_id: lb1\n" + WITH_A_SCRIPT,
                TestHost.host(FileFacts.local(), NO_FLOATIP_USER, 0));
        assertTrue(errors.contains("bad.yaml:1:1: global: " + NO_USER_LINE), String.join("\n", errors));
        errors = Yaml.errors("# lb1\n\n" + WITH_A_SCRIPT + "global: {router_id: lb1}\n",
                TestHost.host(FileFacts.local(), NO_FLOATIP_USER, 0));
        assertTrue(errors.contains("bad.yaml:7:1: global: " + NO_USER_LINE), String.join("\n", errors));
    }

    @Test
    void notifyCommandsNeedAUserToo() {
        List<String> errors = Yaml.errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    notify: {any: /nonexistent/notify.sh}
                """, TestHost.host(FileFacts.local(), NO_FLOATIP_USER, 0));
        assertTrue(errors.contains("bad.yaml:1:1: global: " + NO_USER_LINE), String.join("\n", errors));
    }

    @Test
    void aScriptUserThatDoesNotExist() {
        List<String> errors = Yaml.errors("global:\n  script_user: floatip_scrpt\n" + WITH_A_SCRIPT,
                TestHost.host(FileFacts.local()));
        assertTrue(errors.contains("bad.yaml:2:16: global.script_user: no user 'floatip_scrpt' in /etc/passwd; "
                + "create it (useradd --system floatip_scrpt) or name an existing user"), String.join("\n", errors));
    }

    @Test
    void aScriptUserThatIsNotAName() {
        assertEquals(List.of("bad.yaml:2:16: global.script_user: must be a user name, got 'floatip script'"),
                Yaml.schemaErrors("global:\n  script_user: floatip script\n" + WITH_A_SCRIPT));
    }

    @Test
    void noCommandsNoUserAndNoLookUp() throws Exception {
        Config config = parse("""
                global: {allow_root_scripts: false}
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                """, TestHost.host(FileFacts.local(), "", 0));
        assertNull(config.global().scriptUser());
    }

    @Test
    void withoutHostChecksTheConfigStillNamesAUser() throws Exception {
        Config config = ConfigLoader.parseWithoutHostChecks(WITH_A_SCRIPT, "x.yaml");
        assertEquals(new GlobalConfig(config.global().routerId(), "info", "floatip_script", false, null),
                config.global());
        assertEquals(Path.of("x.yaml"), config.source());
    }
}
