package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's dont_track_primary: n1 (priority 150) ignores its own link, so a cut cable leaves it MASTER with
 * the VIP instead of FAULT (n2, hearing nothing, becomes master too, as keepalived's would); once the cable is
 * back, n2 hears the higher priority and steps down.
 */
class DontTrackPrimaryTest {
    static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    @Test
    void aCutLinkLeavesTheMasterMasterInsteadOfFault() throws Exception {
        try (Lab lab = Lab.create("dtp", 2)) {
            Node a = lab.node(1);
            Node b = lab.node(2);
            List<String> logA = new CopyOnWriteArrayList<>();
            List<String> logB = new CopyOnWriteArrayList<>();
            start(a, 150, "    dont_track_primary: true\n", logA);
            start(b, 100, "", logB);
            Lab.await(Duration.ofSeconds(15), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "n1 to hold the VIP");

            int from = logA.size();
            a.linkDown();
            Lab.await(Duration.ofSeconds(5), () -> b.hasAddress(VIP), "n2 to hear nothing and take the VIP");
            Thread.sleep(1_000); // ten intervals: time for a FAULT that must not come
            assertTrue(a.hasAddress(VIP), "n1 kept the VIP with its link cut");
            assertFalse(HostTests.linesSince(logA, from).stream().anyMatch(l -> l.contains("FAULT")),
                    "n1 did not enter FAULT: " + logA);

            a.linkUp();
            Lab.await(Duration.ofSeconds(5), () -> a.hasAddress(VIP) && !b.hasAddress(VIP),
                    "n2 to hear n1's priority 150 and step down");
            assertTrue(HostTests.linesSince(logB, 0).stream().anyMatch(l -> l.contains("MASTER -> BACKUP")),
                    "n2 logged stepping down: " + logB);
        }
    }

    private void start(Node node, int priority, String extra, List<String> log) {
        Path config = PairConfig.write(dir, node.name(), 3, priority, 10, true, VIP + "/24", extra);
        node.start(AgentCommand.run(config), line -> {
            log.add(line);
            System.out.println("[" + node.name() + "] " + line);
        });
    }
}
