package io.floatip.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import io.floatip.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code floatip import-keepalived} run in-process through picocli: streams, --check, -o and exit codes. */
class ImportKeepalivedCommandTest {

    private static final String LEFT_OUT_3 = "floatip import-keepalived: 3 setting(s) not mapped; see the "
            + "'# floatip import: not mapped:' comments\n";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String corpus(String name) {
        return Imports.CORPUS.resolve(name).toString();
    }

    @Test
    void helpListsTheCommand() {
        assertTrue(run("--help").out().contains("import-keepalived"));
        Run help = run("import-keepalived", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--check"), help.out());
    }

    @Test
    void theYamlAloneGoesToStdout() throws Exception {
        Run run = run("import-keepalived", corpus("haproxy-master.conf"));
        assertEquals(0, run.code());
        assertEquals(Imports.corpus("haproxy-master.conf").yaml(), run.out());
        assertEquals("", run.err());
        assertEquals(150, ConfigLoader.parseWithoutHostChecks(run.out(), "out.yaml").instances().get("VI_1")
                .priority());
    }

    @Test
    void checkPassesWhenNothingIsLeftOut() {
        Run run = run("import-keepalived", "--check", corpus("haproxy-master.conf"));
        assertEquals(0, run.code());
        assertEquals("", run.err());
    }

    @Test
    void checkFailsAfterPrintingWhenSomethingIsLeftOut() throws Exception {
        Run run = run("import-keepalived", "--check", corpus("lvs.conf"));
        assertEquals(1, run.code());
        assertEquals(Imports.corpus("lvs.conf").yaml(), run.out());
        assertEquals(LEFT_OUT_3, run.err());
    }

    @Test
    void withoutCheckLeftOutSettingsAreCountedButDoNotFail() {
        Run run = run("import-keepalived", corpus("lvs.conf"));
        assertEquals(0, run.code());
        assertEquals(LEFT_OUT_3, run.err());
    }

    @Test
    void outputToAFile() throws Exception {
        Path out = dir.resolve("floatip.yaml");
        Run run = run("import-keepalived", "-o", out.toString(), "--check", corpus("unicast-cloud.conf"));
        assertEquals(0, run.code());
        assertEquals("", run.out());
        assertEquals(Imports.corpus("unicast-cloud.conf").yaml(), Files.readString(out));
        assertEquals(50, ConfigLoader.loadWithoutHostChecks(out).instances().get("VI_CLOUD").advertIntervalCentis());
    }

    @Test
    void anUnwritableOutput() {
        Run run = run("import-keepalived", "--output", dir.toString(), corpus("haproxy-master.conf"));
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith(dir + ": cannot write: "), run.err());
    }

    @Test
    void brokenInputIsOneLineWithFileAndLine() {
        Run run = run("import-keepalived", corpus("broken/unclosed.conf"));
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertEquals(corpus("broken/unclosed.conf") + ":1: the '{' of vrrp_instance is never closed\n", run.err());
        Run cycle = run("import-keepalived", "--check", corpus("cycle/a.conf"));
        assertEquals(1, cycle.code());
        assertEquals(1, cycle.err().lines().count());
        assertTrue(cycle.err().startsWith(corpus("cycle/b.conf") + ":1: include cycle: "), cycle.err());
    }

    @Test
    void aResultThatDoesNotLoadFails() {
        Run run = run("import-keepalived", corpus("no-instances.conf"));
        assertEquals(1, run.code());
        assertEquals("", run.out());
        String file = corpus("no-instances.conf");
        String expected = "floatip import-keepalived: " + file + ": refused, nothing written: the result does not "
                + "load as a floatip config (generated-floatip.yaml is the YAML it would have written):\n"
                + "  generated-floatip.yaml:";
        assertTrue(run.err().startsWith(expected), run.err());
        assertTrue(run.err().contains("instances: must define at least one instance"), run.err());
        assertTrue(run.err().endsWith("\nwhat was left out of " + file + ":\n"
                + "  " + file + ":6: not mapped: 198.51.100.130/24 dev eth9:1 (on eth9:1, not an interface name "
                + "floatip accepts)\n"
                + "  " + file + ":2: not mapped: vrrp_instance VI_NONE (no virtual_ipaddress floatip can hold)\n"),
                run.err());
    }

    @Test
    void aRefusedImportLeavesTheOutputFileAlone() throws Exception {
        Path out = Files.writeString(dir.resolve("floatip.yaml"), "kept\n");
        Run run = run("import-keepalived", "-o", out.toString(), corpus("no-instances.conf"));
        assertEquals(1, run.code());
        assertEquals("kept\n", Files.readString(out));
        assertTrue(run.err().contains("refused, nothing written"), run.err());
    }

    @Test
    void theFileIsRequired() {
        Run run = run("import-keepalived");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("Missing required parameter: 'FILE'"), run.err());
    }

    @Test
    void theConfigIdChoosesTheLines() {
        Run high = run("import-keepalived", "--check", "--config-id", "high", corpus("corpus/config-id.conf"));
        assertEquals(0, high.code(), high.err());
        assertTrue(high.out().contains("    priority: 150\n"), high.out());
        Run low = run("import-keepalived", "-i", "low", corpus("corpus/config-id.conf"));
        assertTrue(low.out().contains("    priority: 100\n    version: 2\n    preempt: false\n"), low.out());
        Run none = run("import-keepalived", "--check", corpus("corpus/config-id.conf"));
        assertEquals(0, none.code(), "lines for other ids are skipped, not left out: " + none.err());
        assertTrue(none.out().contains("# floatip import: note: config id " + ConfigId.local().id() + ", this host's "
                + "name up to its first dot (keepalived's default without -i): "), none.out());
        Run empty = run("import-keepalived", "--config-id", "", corpus("corpus/config-id.conf"));
        assertEquals(1, empty.code());
        assertEquals("floatip import-keepalived: --config-id must not be empty\n", empty.err());
    }

    @Test
    void keepalivedsDefaultMulticastGroupPassesCheck() throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    vrrp_mcast_group4 224.0.0.18
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    mcast_dst_ip 224.0.0.18
                    virtual_ipaddress {
                        198.51.100.50/24
                    }
                }
                """);
        Run run = run("import-keepalived", "--check", conf.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        Files.writeString(conf, Files.readString(conf).replace("mcast_dst_ip 224.0.0.18", "mcast_dst_ip 224.0.0.19"));
        assertEquals(1, run("import-keepalived", "--check", conf.toString()).code());
    }
}
