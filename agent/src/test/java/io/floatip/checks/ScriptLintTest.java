package io.floatip.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every operator script must be before anyone runs it: plain POSIX sh that dash parses, self-documenting. */
class ScriptLintTest {

    static Stream<Path> scripts() {
        List<Path> all = new ArrayList<>();
        Scripts.NAMES.forEach(name -> all.add(Scripts.script(name)));
        all.add(Scripts.NOTIFY);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void isAnExecutableShScriptThatDashParses(Path script) {
        assertTrue(Files.isRegularFile(script), script + " exists");
        assertTrue(Files.isExecutable(script), script + " is executable");
        String text = Scripts.read(script);
        assertTrue(text.startsWith("#!/bin/sh\n"), script + " starts with #!/bin/sh");
        assertFalse(text.contains("\r"), script + " has Unix line ends");
        Scripts.runArgv(Scripts.env(), List.of(Scripts.DASH, "-n", script.toString())).expect(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void checkbashismsFindsNothing(Path script) {
        Path checkbashisms = Scripts.requireTool("checkbashisms", "devscripts");
        // --posix also flags what POSIX leaves optional (local, echo -n ...); --extra looks at more than the shebang says.
        Scripts.runArgv(Scripts.env(), List.of(checkbashisms.toString(), "--posix", "--extra", script.toString()))
                .expect(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void dashHPrintsTheHeaderAsUsage(Path script) {
        Scripts.Run run = Scripts.run(Scripts.env(), script, "-h").expect(0);
        String name = script.getFileName().toString();
        assertTrue(run.output().startsWith(name + " - "), name + " -h starts with its name:\n" + run.output());
        assertTrue(run.output().contains("Usage: " + name), run.output());
        assertTrue(run.output().contains("Exit code"), run.output());
        assertFalse(run.output().lines().anyMatch(line -> line.startsWith("#")), "comment marks stripped:\n"
                + run.output());
        // The header is all of it: -h stops before the code.
        assertFalse(run.output().contains("me=") || run.output().contains("case $1"), run.output());
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        var env = Scripts.env();
        Scripts.run(env, Scripts.script("check_process")).expect(2);
        Scripts.run(env, Scripts.script("check_process"), "a", "b").expect(2);
        Scripts.run(env, Scripts.script("check_process"), "").expect(2);
        Scripts.run(env, Scripts.script("check_process"), "/usr/sbin/haproxy").expect(2);
        Scripts.run(env, Scripts.script("check_process"), "-x").expect(2);

        Path tcp = Scripts.script("check_tcp");
        Scripts.run(env, tcp).expect(2);
        Scripts.run(env, tcp, "127.0.0.1").expect(2);
        Scripts.run(env, tcp, "127.0.0.1", "80", "1", "extra").expect(2);
        for (String port : List.of("0", "65536", "99999999", "http", "-1", "", "8 0")) {
            Scripts.run(env, tcp, "127.0.0.1", port).expect(2);
        }
        for (String timeout : List.of("0", "0.0", "-1", "1s", ".5", "5.", "1.2.3")) {
            Scripts.run(env, tcp, "127.0.0.1", "80", timeout).expect(2);
        }
        Scripts.run(env, tcp, "", "80").expect(2);
        Scripts.run(env, tcp, "-v", "80").expect(2);

        Path http = Scripts.script("check_http");
        Scripts.run(env, http).expect(2);
        Scripts.run(env, http, "127.0.0.1:80/").expect(2);
        Scripts.run(env, http, "ftp://127.0.0.1/").expect(2);
        Scripts.run(env, http, "http://").expect(2);
        for (String status : List.of("20", "2000", "abc", "600", "099")) {
            Scripts.run(env, http, "http://127.0.0.1:9/", status).expect(2);
        }
        Scripts.run(env, http, "http://127.0.0.1:9/", "200", "0").expect(2);
        Scripts.run(env, http, "http://127.0.0.1:9/", "200", "1", "x").expect(2);

        for (String proxy : List.of("check_haproxy", "check_nginx")) {
            Path script = Scripts.script(proxy);
            String var = proxy.equals("check_haproxy") ? "FLOATIP_HAPROXY_" : "FLOATIP_NGINX_";
            Scripts.run(env, script, "http://127.0.0.1:9/", "1", "x").expect(2);
            Scripts.run(env, script, "127.0.0.1:9").expect(2);
            Scripts.run(env, script, "http://127.0.0.1:9/", "soon").expect(2);
            Scripts.run(Scripts.env(var + "URL", "localhost/healthz"), script).expect(2);
            Scripts.run(Scripts.env(var + "PROCESS", "/usr/sbin/x"), script).expect(2);
        }
    }

    /** The scripts stand alone, so two helpers are copied into several; the copies must not drift. */
    @Test
    void sharedHelpersAreIdenticalCopies() {
        assertSameBlock("pids_named", "check_process", "check_haproxy", "check_nginx");
        assertSameBlock("http_status", "check_http", "check_haproxy", "check_nginx");
    }

    private static void assertSameBlock(String block, String... names) {
        String first = null;
        for (String name : names) {
            String text = Scripts.read(Scripts.script(name));
            String open = "# --- " + block + ":";
            String close = "# --- end " + block + " ---";
            int start = text.indexOf(open);
            int end = text.indexOf(close);
            assertTrue(start >= 0 && end > start, name + " has the " + block + " block");
            String body = text.substring(start, end + close.length());
            if (first == null) {
                first = body;
            } else {
                assertEquals(first, body, block + " in " + name + " differs from the one in " + names[0]);
            }
        }
    }

    @Test
    void readmeDocumentsEveryScript() {
        String readme = Scripts.read(Scripts.CHECKS.resolve("README.md"));
        for (String name : Scripts.NAMES) {
            assertTrue(readme.contains("### " + name), "README has a section for " + name);
        }
        for (int code = 0; code <= 5; code++) {
            assertTrue(readme.contains("\n| " + code + " |"), "README's exit code table has " + code);
        }
    }
}
