package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import io.floatip.net.LibpcapCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent says when the host is not ready for it: one line that names the fix, never a stack trace. */
class StartupErrorsTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void withoutLibpcapTheAgentNamesThePackageToInstall() throws Exception {
        try (Lab lab = Lab.create("nopcap", 1)) {
            Node n1 = lab.node(1);
            Path config = PairConfig.write(dir, "n1", 3, 100, 10, true, VIP + "/24", "");
            List<String> argv = new ArrayList<>(AgentCommand.run(config));
            // pcap4j loads the library named by this property: point it at nothing, as on a host without libpcap.
            // A JVM flag: before -cp (java need not be argv[0]: env may block signals for it).
            argv.add(argv.indexOf("-cp"), "-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8");
            List<String> out = new CopyOnWriteArrayList<>();
            Process p = n1.start(argv, out::add);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            Lab.await(Duration.ofSeconds(2), () -> !out.isEmpty(), "output");
            assertEquals(1, p.exitValue(), out.toString());
            // The start-up line ("floatip 0.1.0 starting (pid N): config ...") comes first; then only the reason.
            assertEquals(List.of("floatip: " + LibpcapCheck.MISSING),
                    out.stream().filter(l -> !l.contains(" starting (pid ")).toList(), out.toString());
        }
    }

    @Test
    void aMissingInterfaceIsOneClearLineAndExitOne() throws Exception {
        try (Lab lab = Lab.create("err", 1)) {
            Node a = lab.node(1);
            Path config = Files.writeString(dir.resolve("bad.yaml"), """
                    instances:
                      VI_1:
                        interface: eth9
                        vrid: 51
                        virtual_ips: [198.51.100.50/24]
                    """);
            List<String> out = new CopyOnWriteArrayList<>();
            Process p = a.start(AgentCommand.run(config), out::add);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), String.join("\n", out));
            Lab.await(Duration.ofSeconds(2), () -> !out.isEmpty(), "output");
            assertTrue(out.stream().anyMatch(l -> l.contains("interface eth9 does not exist")), out.toString());
            assertFalse(out.stream().anyMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
                    "no stack trace: " + out);
        }
    }

    @Test
    void withoutCapNetRawTheAgentSaysSoAndExitsOne() throws Exception {
        try (Lab lab = Lab.create("caps", 1)) {
            List<String> out = exitsOneWithout(lab.node(1), 100, "-net_raw,-net_admin", "CAP_NET_RAW");
            assertFalse(out.stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace: " + out);
        }
    }

    /** Issue 16: without CAP_NET_ADMIN the agent no longer starts (on main it kept failing its claims). */
    @Test
    void withoutCapNetAdminTheAgentSaysSoAndExitsOne() throws Exception {
        try (Lab lab = Lab.create("caps", 1)) {
            Node n1 = lab.node(1);
            exitsOneWithout(n1, 255, "-net_admin", "CAP_NET_ADMIN");
            assertFalse(n1.hasAddress(VIP));
        }
    }

    /**
     * Runs the agent at {@code priority} under setpriv with {@code boundingSet} (capabilities taken away) and
     * no inheritable ones; checks that it exits 1 within 20 s and says "missing capability {@code named}"; its
     * output.
     */
    private List<String> exitsOneWithout(Node node, int priority, String boundingSet, String named)
            throws InterruptedException {
        Path config = PairConfig.write(dir, node.name(), 3, priority, 10, true, VIP + "/24", "");
        List<String> argv = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--bounding-set=" + boundingSet,
                "--"));
        argv.addAll(AgentCommand.run(config));
        List<String> out = new CopyOnWriteArrayList<>();
        Process p = node.start(argv, out::add);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out.toString());
        Lab.await(Duration.ofSeconds(2), () -> out.stream().anyMatch(l -> l.contains("missing capability " + named)),
                "the error line");
        return out;
    }
}
