package io.floatip.config;

import static io.floatip.config.Yaml.errors;
import static io.floatip.config.Yaml.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host checks on real files: a program a non-root user could change is refused at load, with the fix.
 * A temp dir stands in for /, so paths in messages read as they would on a real machine.
 */
class ScriptSafetyTest {

    private static final String RISK = "a non-root user could change what floatip runs";

    @TempDir
    Path tempDir;

    private TestHost.RootedFiles files;

    @BeforeEach
    void rootOnly() {
        TestHost.assumeRootOrCi();
        files = new TestHost.RootedFiles(tempDir);
    }

    /** VI_1 on lines 1..6 tracks chk, whose command is on line 9, value at column 14. */
    private static String checking(String command) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    track_scripts: [chk]
                scripts:
                  chk:
                    command: %s
                """.formatted(command);
    }

    private List<String> errorsFor(String command) {
        return errors(checking(command), TestHost.host(files));
    }

    private Command loaded(String command) throws Exception {
        return parse(checking(command), TestHost.host(files)).scripts().get("chk").command();
    }

    @Test
    void safeScriptLoadsAndRunsAsTheScriptUser() throws Exception {
        files.file("/opt/x/check.sh", "rwxr-xr-x");
        Config config = parse(checking("/opt/x/check.sh --quick"), TestHost.host(files));
        assertEquals(Command.of("/opt/x/check.sh", "--quick"), config.scripts().get("chk").command());
        assertEquals("floatip_script", config.global().scriptUser());
    }

    @Test
    void groupWritableScript() throws Exception {
        files.file("/opt/x/check.sh", "rwxrwxr-x");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/check.sh is writable by group (mode 0775); "
                + RISK + ": chmod go-w /opt/x/check.sh"), errorsFor("/opt/x/check.sh"));
    }

    @Test
    void writableDirectoryAboveTheScript() throws Exception {
        files.file("/opt/x/check.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(files.real("/opt/x"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x (on the way to /opt/x/check.sh) is writable "
                + "by group and others (mode 0777); " + RISK + ": chmod go-w /opt/x"), errorsFor("/opt/x/check.sh"));
    }

    @Test
    void scriptOwnedByAnotherUser() throws Exception {
        Path real = files.file("/opt/x/check.sh", "rwxr-xr-x");
        Files.setAttribute(real, "unix:uid", 1000);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/check.sh is owned by uid 1000, not root; "
                + RISK + ": chown root /opt/x/check.sh"), errorsFor("/opt/x/check.sh"));
    }

    @Test
    void rootsEntryInAStickyDirectoryIsSafe() throws Exception {
        files.file("/shared/check.sh", "rwxr-xr-x");
        Files.setAttribute(files.real("/shared"), "unix:mode", 01777);
        assertEquals(Command.of("/shared/check.sh"), loaded("/shared/check.sh"));
    }

    @Test
    void stickyDirectoryDoesNotCoverAnotherUsersEntry() throws Exception {
        Path real = files.file("/shared/check.sh", "rwxr-xr-x");
        Files.setAttribute(files.real("/shared"), "unix:mode", 01777);
        Files.setAttribute(real, "unix:uid", 1000);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /shared/check.sh is owned by uid 1000, not root; "
                + RISK + ": chown root /shared/check.sh"), errorsFor("/shared/check.sh"));
    }

    @Test
    void writableDirectoryWithoutStickyBit() throws Exception {
        files.file("/shared/check.sh", "rwxr-xr-x");
        Files.setAttribute(files.real("/shared"), "unix:mode", 0777);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /shared (on the way to /shared/check.sh) is writable "
                + "by group and others (mode 0777); " + RISK + ": chmod go-w /shared"), errorsFor("/shared/check.sh"));
    }

    @Test
    void notExecutable() throws Exception {
        files.file("/opt/x/check.sh", "rw-r--r--");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/check.sh is not executable (mode 0644); "
                + "chmod +x /opt/x/check.sh"), errorsFor("/opt/x/check.sh"));
    }

    @Test
    void missingScriptAndMissingDirectory() throws Exception {
        files.file("/opt/x/other.sh", "rwxr-xr-x");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/check.sh does not exist"),
                errorsFor("/opt/x/check.sh"));
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/y/check.sh does not exist (there is no /opt/y)"),
                errorsFor("/opt/y/check.sh"));
    }

    @Test
    void directoryIsNotAProgram() throws Exception {
        files.file("/opt/x/check.sh", "rwxr-xr-x");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x is not a regular file (it is a directory)"),
                errorsFor("/opt/x"));
    }

    @Test
    void fileUsedAsADirectory() throws Exception {
        files.file("/opt/x/check.sh", "rwxr-xr-x");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/check.sh (on the way to "
                + "/opt/x/check.sh/run) is not a directory"), errorsFor("/opt/x/check.sh/run"));
    }

    @Test
    void bareNameIsTheFirstExecutableInTheFixedPath() throws Exception {
        files.file("/usr/local/bin/check_haproxy", "rw-r--r--");
        files.file("/usr/bin/check_haproxy", "rwxr-xr-x");
        files.file("/bin/check_haproxy", "rwxr-xr-x");
        assertEquals(Command.of("/usr/bin/check_haproxy", "-v"), loaded("check_haproxy -v"));
    }

    @Test
    void bareNameNotInPath() throws Exception {
        files.file("/usr/bin/true", "rwxr-xr-x");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: no executable 'check_nothing' in PATH "
                + "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin); write the full path"),
                errorsFor("check_nothing"));
    }

    @Test
    void bareNameFoundInPathIsCheckedLikeAnyOther() throws Exception {
        files.file("/usr/local/bin/check_haproxy", "rwxrwxrwx");
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /usr/local/bin/check_haproxy is writable by group "
                + "and others (mode 0777); " + RISK + ": chmod go-w /usr/local/bin/check_haproxy"),
                errorsFor("check_haproxy"));
    }

    @Test
    void relativeLinkToASafeFileKeepsThePathAsWritten() throws Exception {
        files.file("/usr/lib/floatip/check", "rwxr-xr-x");
        Files.createDirectories(files.real("/usr/bin"));
        Files.createSymbolicLink(files.real("/usr/bin/check"), Path.of("../lib/floatip/check"));
        assertEquals(Command.of("/usr/bin/check"), loaded("/usr/bin/check"));
    }

    @Test
    void linkIntoAWritableDirectoryNamesThatDirectory() throws Exception {
        files.file("/srv/drop/check.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(files.real("/srv/drop"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(files.real("/opt/x"));
        Files.createSymbolicLink(files.real("/opt/x/check.sh"), Path.of("/srv/drop/check.sh"));
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /srv/drop (on the way to /opt/x/check.sh) is "
                + "writable by group and others (mode 0777); " + RISK + ": chmod go-w /srv/drop"),
                errorsFor("/opt/x/check.sh"));
    }

    @Test
    void anotherUsersLinkInAStickyDirectory() throws Exception {
        files.file("/opt/x/check.sh", "rwxr-xr-x");
        Files.createDirectories(files.real("/shared"));
        Files.setAttribute(files.real("/shared"), "unix:mode", 01777);
        Path link = Files.createSymbolicLink(files.real("/shared/check.sh"), Path.of("/opt/x/check.sh"));
        Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /shared/check.sh is owned by uid 1000, not root; "
                + RISK + ": chown -h root /shared/check.sh"), errorsFor("/shared/check.sh"));
    }

    @Test
    void linkLoop() throws Exception {
        Files.createDirectories(files.real("/opt"));
        Files.createSymbolicLink(files.real("/opt/a"), Path.of("b"));
        Files.createSymbolicLink(files.real("/opt/b"), Path.of("a"));
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/a has too many levels of symbolic links"),
                errorsFor("/opt/a"));
    }

    @Test
    void listCommandAndNotifyCommandsAreCheckedToo() throws Exception {
        files.file("/opt/x/check.sh", "rwxrwxr-x");
        List<String> errors = errors("""
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    virtual_ips: [198.51.100.50]
                    notify:
                      master: /opt/x/check.sh master
                scripts:
                  chk:
                    command: [/opt/x/check.sh, --quick]
                """, TestHost.host(files));
        String unsafe = "/opt/x/check.sh is writable by group (mode 0775); " + RISK + ": chmod go-w /opt/x/check.sh";
        assertEquals(List.of("bad.yaml:7:15: instances.VI_1.notify.master: " + unsafe,
                "bad.yaml:10:14: scripts.chk.command: " + unsafe), errors);
    }

    /**
     * Issue 16 item 7: only argv[0] was checked, so {@code /bin/sh /world-writable/dir/chk.sh} passed and anyone
     * could change what root runs. The interpreter's script is now checked like the program (but need not be
     * executable).
     */
    @Test
    void theScriptAnInterpreterRunsIsCheckedToo() throws Exception {
        files.file("/bin/sh", "rwxr-xr-x");
        files.file("/usr/bin/python3.11", "rwxr-xr-x");
        files.file("/open/chk.sh", "rw-r--r--");
        Files.setAttribute(files.real("/open"), "unix:mode", 0777);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /open (on the way to /open/chk.sh) is writable by "
                + "group and others (mode 0777); " + RISK + ": chmod go-w /open (the script /open/chk.sh that the "
                + "interpreter runs)"), errorsFor("'/bin/sh -e /open/chk.sh'".replace("'", "\"")));
        Path theirs = files.file("/opt/x/theirs.py", "rw-r--r--");
        Files.setAttribute(theirs, "unix:uid", 1000);
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: /opt/x/theirs.py is owned by uid 1000, not root; "
                + RISK + ": chown root /opt/x/theirs.py (the script /opt/x/theirs.py that the interpreter runs)"),
                errorsFor("[/usr/bin/python3.11, -u, /opt/x/theirs.py]"));
        assertEquals(List.of("bad.yaml:9:14: scripts.chk.command: the script 'chk.sh' must be a full path (the "
                + "interpreter would look for it in the directory scripts start in)"), errorsFor("[/bin/sh, chk.sh]"));

        files.file("/opt/x/ok.sh", "rw-r--r--");
        assertEquals(Command.of("/bin/sh", "/opt/x/ok.sh", "arg"), loaded("[/bin/sh, /opt/x/ok.sh, arg]"),
                "a safe script need not be executable when an interpreter reads it");
        assertEquals(Command.of("/bin/sh", "-c", "exit 0"), loaded("[/bin/sh, -c, exit 0]"), "inline: nothing to check");
    }
}
