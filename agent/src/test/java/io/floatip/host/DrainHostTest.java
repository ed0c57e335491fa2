package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.control.ControlClient;
import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.ProcessResult;
import io.floatip.status.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** floatip drain across an agent restart: the VIP stays on the other node until floatip undrain. */
class DrainHostTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aDrainHandsOverSurvivesARestartAndEndsWithUndrain() throws Exception {
        try (Lab lab = Lab.create("drain", 2)) {
            Node n1 = lab.node(1);
            Node n2 = lab.node(2);
            Path state = dir.resolve("state-n1");
            List<String> log1 = new CopyOnWriteArrayList<>();
            HostTests.Started a1 = start(n1, 150, state, log1);
            Path c1 = a1.config();
            start(n2, 100, dir.resolve("state-n2"), new CopyOnWriteArrayList<>());
            Lab.await(Duration.ofSeconds(30), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to hold the VIP");

            ProcessResult drain = n1.exec(Duration.ofSeconds(20), AgentCommand.of("drain", "--socket",
                    AgentCommand.socketFor(c1).toString()));
            assertEquals(0, drain.exitCode(), drain.output());
            assertTrue(drain.output().contains("VI_1: drained: handed over (priority 0)"), drain.output());
            Lab.await(Duration.ofSeconds(3), () -> n2.hasAddress(VIP) && !n1.hasAddress(VIP), "the VIP to move to n2");
            AgentStatus.InstanceStatus s = ControlClient.status(AgentCommand.socketFor(c1)).instances().get(0);
            assertTrue(s.drained(), "status shows it");
            assertEquals("BACKUP", s.state());
            assertEquals(1, s.effectivePriority());
            assertTrue(Files.readString(state.resolve("drained")).lines().anyMatch("VI_1"::equals),
                    "kept in the state directory");

            // Restart n1: it comes back drained, and never takes the VIP while n2 serves.
            n1.signal(a1.process(), "TERM");
            assertTrue(a1.process().waitFor(5, TimeUnit.SECONDS), "n1 stopped");
            log1.clear();
            start(n1, 150, state, log1);
            Lab.await(Duration.ofSeconds(30), () -> log1.stream().anyMatch(l -> l.contains("VI_1: drained (in ")),
                    "n1 to say it starts drained");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3); // many Master_Down_Intervals
            while (System.nanoTime() < until) {
                assertFalse(n1.hasAddress(VIP), "a drained node never takes the VIP while another serves: " + log1);
                assertTrue(n2.hasAddress(VIP), "n2 keeps it");
                Thread.sleep(50);
            }
            assertTrue(log1.stream().noneMatch(l -> l.contains("-> MASTER")), "n1 never master: " + log1);

            ProcessResult undrain = n1.exec(Duration.ofSeconds(20), AgentCommand.of("undrain", "--socket",
                    AgentCommand.socketFor(c1).toString()));
            assertEquals(0, undrain.exitCode(), undrain.output());
            assertTrue(undrain.output().contains("drained: none"), undrain.output());
            Lab.await(Duration.ofSeconds(3), () -> n1.hasAddress(VIP) && !n2.hasAddress(VIP), "n1 to take it back");
            assertFalse(Files.exists(state.resolve("drained")), "nothing drained, no file");

            ProcessResult unknown = n1.exec(Duration.ofSeconds(20), AgentCommand.of("drain", "--socket",
                    AgentCommand.socketFor(c1).toString(), "VI_9"));
            assertEquals(1, unknown.exitCode(), unknown.output());
            assertTrue(unknown.output().contains("no instance named VI_9; instances: VI_1"), unknown.output());
        }
    }

    private HostTests.Started start(Node node, int priority, Path state, List<String> log) {
        return HostTests.startAgent(dir, node, priority, """
                global:
                  state_dir: %s
                """.formatted(state), log);
    }
}
