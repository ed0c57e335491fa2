package io.floatip.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.cli.Main;
import io.floatip.status.AgentStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code floatip status} and {@code floatip reload} run in-process through picocli against a control server on
 * a temp socket. In this package rather than cli's so the control tests run them too.
 */
class StatusCommandTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;
    private Path socket;
    private AgentStatus status;
    private volatile ReloadResult reloadResult = new ReloadResult(true, List.of("VI_1: priority 150 -> 120"));
    private volatile RuntimeException failure; // when set, the agent fails every request with it
    private ControlServer server;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("control.sock");
        status = Snapshots.twoInstances(System.currentTimeMillis());
        server = ControlServer.start(socket, new ControlHandler() {
            @Override
            public AgentStatus status() {
                if (failure != null) {
                    throw failure;
                }
                return status;
            }

            @Override
            public ReloadResult reload() {
                if (failure != null) {
                    throw failure;
                }
                return reloadResult;
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Run floatip(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The cells of the line starting with {@code first}; cells are two or more spaces apart. */
    private static List<String> row(String table, String first) {
        return table.lines().filter(l -> l.startsWith(first + " ")).findFirst()
                .map(l -> Arrays.asList(l.split(" {2,}")))
                .orElseThrow(() -> new AssertionError("no row " + first + " in\n" + table));
    }

    private static String local(long millis) {
        return LOCAL.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    @Test
    void tableForPeople() {
        Run r = floatip("status", "--socket", socket.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());

        List<String> vi1 = row(r.out(), "VI_1");
        assertEquals(List.of("VI_1", "eth0/51", "MASTER", "150/150", "198.51.100.50/24", "198.51.100.11"),
                vi1.subList(0, 6));
        assertTrue(vi1.get(6).matches("\\Q" + local(status.instances().get(0).sinceMillis())
                + "\\E \\(3m1[2-5]s ago\\)"), vi1.get(6));
        assertEquals("no advert heard for Master_Down_Interval 3609 ms", vi1.get(7));

        List<String> vi2 = row(r.out(), "VI_2");
        assertEquals(List.of("VI_2", "eth1/52", "FAULT", "40/100", "203.0.113.50/24,203.0.113.51/32", "-"),
                vi2.subList(0, 6));
        assertTrue(vi2.get(6).endsWith(" ago)"), vi2.get(6));
        assertEquals("tracked interface eth1 is down", vi2.get(7));

        assertEquals(List.of("chk_haproxy", "up", "120", "9", "1", "exit 0"), row(r.out(), "chk_haproxy"));
        assertEquals(List.of("EDGE", "FAULT", "VI_2, VI_3"), row(r.out(), "EDGE"));
        assertTrue(r.out().contains("\n  VI_2: interface eth1 down\n"), r.out());
        assertTrue(r.out().contains("\n  instance VI_1: auth_mismatch 4, ttl_not_255 1\n"), r.out());
        assertTrue(r.out().contains("\n  interface eth0: bad_checksum 2\n"), r.out());
        assertTrue(r.out().startsWith("floatip 0.1.0-test on lb1, pid 4242, up 1h02m"), r.out());
    }

    @Test
    void jsonIsTheSnapshotAsIs() throws Exception {
        Run r = floatip("status", "--json", "--socket", socket.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(status, ControlClient.parse(r.out(), AgentStatus.class));
        assertEquals(ControlClient.request(socket, "status"), r.out());
        assertTrue(r.out().startsWith("{\n  \"routerId\" : \"lb1\",\n"), r.out());
    }

    @Test
    void theSocketFromTheConfig() throws Exception {
        Path config = dir.resolve("floatip.yaml");
        Files.writeString(config, """
                global:
                  control_socket: %s
                instances:
                  VI_1: {interface: eth0, vrid: 51, virtual_ips: [198.51.100.50]}
                """.formatted(socket));
        Run r = floatip("status", "-c", config.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("VI_1", row(r.out(), "VI_1").get(0));
        assertEquals(0, floatip("reload", "--config", config.toString()).exit());
    }

    @Test
    void aBrokenConfigIsNamedOnlyWhenTheDefaultSocketDoesNotAnswerEither() throws Exception {
        Path config = dir.resolve("floatip.yaml");
        Files.writeString(config, "instances: {}\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.notExists(Path.of("/run/floatip/control.sock")),
                "an agent runs on this host's default socket");
        for (String command : List.of("status", "reload")) {
            Run r = floatip(command, "-c", config.toString());
            assertEquals(1, r.exit());
            List<String> lines = r.err().lines().toList();
            assertEquals(2, lines.size(), r.err());
            // What went wrong first (no warning ahead of it), then why the default was tried.
            assertTrue(lines.get(0).startsWith("floatip: no floatip agent is running here (no control socket at "
                    + "/run/floatip/control.sock)"), lines.get(0));
            assertTrue(lines.get(1).startsWith("floatip: the default socket was tried because "
                    + "global.control_socket could not be read from " + config + " (" + config + ":1:"), lines.get(1));
            assertTrue(lines.get(1).endsWith("; name the socket with --socket PATH"), lines.get(1));
        }
    }

    @Test
    void noAgentIsExit1AndOneLine() {
        Path none = dir.resolve("none.sock");
        Run r = floatip("status", "--socket", none.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("floatip: no floatip agent is running here (no control socket at " + none + "); start it "
                + "with `floatip run` or `systemctl start floatip`\n", r.err());
        assertEquals(1, floatip("reload", "--socket", none.toString()).exit());
    }

    @Test
    void anAgentErrorIsExit1() {
        failure = new IllegalStateException("loop stopped");
        Run r = floatip("status", "--socket", socket.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("floatip: the floatip agent says: status failed: loop stopped\n", r.err());
        r = floatip("reload", "--socket", socket.toString());
        assertEquals(1, r.exit());
        assertEquals("floatip: the floatip agent says: reload failed: loop stopped\n", r.err());
    }

    @Test
    void reloadAppliedIsExit0WithItsMessages() {
        Run r = floatip("reload", "--socket", socket.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("VI_1: priority 150 -> 120\n", r.out());
        reloadResult = new ReloadResult(true, List.of());
        assertEquals("reloaded\n", floatip("reload", "--socket", socket.toString()).out());
    }

    @Test
    void reloadRefusedIsExit1WithTheErrors() {
        reloadResult = new ReloadResult(false, List.of(
                "/etc/floatip/floatip.yaml:7:11: instances.VI_1.vrid: must be between 1 and 255, got 300"));
        Run r = floatip("reload", "--socket", socket.toString());
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("""
                floatip: the config was not applied; the agent keeps running the one it had
                /etc/floatip/floatip.yaml:7:11: instances.VI_1.vrid: must be between 1 and 255, got 300
                """, r.err());
    }

    @Test
    void bothCommandsAreListed() {
        String usage = floatip("--help").out();
        assertTrue(usage.contains("  status "), usage);
        assertTrue(usage.contains("  reload "), usage);
    }
}
