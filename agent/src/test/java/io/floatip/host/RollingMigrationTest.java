package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Keepalived;
import io.floatip.lab.KeepalivedConfig;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's rolling migration, run for real: a live keepalived pair (VRRPv2 at 1 s, keepalived's default
 * version; n1 priority 150 master, n2 100), then n2 replaced by floatip from its own imported keepalived.conf
 * (a mixed pair), then n1 too, while a client pings the VIP every 100 ms. Prints the longest time the client
 * could not reach the VIP in each step.
 */
class RollingMigrationTest {
    private static final String VIP = "198.51.100.50";

    @TempDir
    Path dir;

    @Test
    void aKeepalivedPairBecomesAFloatipPairOneNodeAtATime() throws Exception {
        HostTests.requireRoot();
        try (Lab lab = Lab.create("migrate", 2)) {
            Node a = lab.node(1);
            Node b = lab.node(2);
            Keepalived kaA = Keepalived.start(a, keepalived(150), dir.resolve("ka-a"));
            Keepalived kaB = Keepalived.start(b, keepalived(100), dir.resolve("ka-b"));
            Lab.await(Duration.ofSeconds(20), () -> a.hasAddress(VIP) && !b.hasAddress(VIP), "keepalived on n1 to hold the VIP");
            Reach reach = new Reach(lab.client());
            try {
                // 1-2. B: import its keepalived.conf, stop keepalived (a backup: it just goes), start floatip.
                Path configB = importConfig(b, kaB, "b");
                reach.phase();
                kaB.stop();
                List<String> logB = new CopyOnWriteArrayList<>();
                b.start(AgentCommand.run(configB), line -> log("floatip n2", logB, line));
                Lab.await(Duration.ofSeconds(30), () -> logB.stream().anyMatch(l -> l.contains("INIT -> BACKUP")),
                        "floatip on n2 to listen");
                holdsAlone(a, b, Duration.ofSeconds(4)); // more than Master_Down_Interval (3.6 s at 1 s)
                assertFalse(logB.stream().anyMatch(l -> l.contains("-> MASTER")), "floatip stays BACKUP: " + logB);
                long mixed = reach.phase();
                System.out.printf("[timing] migration step B (keepalived -> floatip, A keepalived master): client "
                        + "could not reach the VIP for at most %d ms%n", mixed);

                // 3. A: import, stop keepalived (its priority 0 hands the VIP to B's floatip), start floatip.
                Path configA = importConfig(a, kaA, "a");
                kaA.stop();
                Lab.await(Duration.ofSeconds(5), () -> b.hasAddress(VIP), "floatip on n2 to take over from keepalived");
                long handover = reach.phase();
                List<String> logA = new CopyOnWriteArrayList<>();
                a.start(AgentCommand.run(configA), line -> log("floatip n1", logA, line));
                Lab.await(Duration.ofSeconds(30), () -> a.hasAddress(VIP) && !b.hasAddress(VIP),
                        "floatip on n1 to take the VIP back");
                holdsAlone(a, b, Duration.ofSeconds(2));
                long back = reach.phase();
                System.out.printf("[timing] migration step A: keepalived stopped -> floatip on n2: client could not "
                        + "reach the VIP for at most %d ms; floatip on n1 took it back: at most %d ms%n", handover, back);
                assertTrue(logB.stream().anyMatch(l -> l.contains("stopped (priority 0 advert)")),
                        "n2 took over on keepalived's priority 0 advert: " + logB);
                assertTrue(handover < 3000 && back < 3000 && mixed < 3000,
                        "the VIP stayed reachable within 3 s at every step: " + handover + ", " + back + ", " + mixed);
                assertTrue(reach.client.ping(VIP, Duration.ofSeconds(2)), "the client reaches the VIP at the end");
            } finally {
                reach.stop();
                kaA.close();
                kaB.close();
            }
        }
    }

    /** keepalived as an operator runs it: VRRPv2 (its default), 1 s adverts, state by priority. */
    private static KeepalivedConfig keepalived(int priority) {
        return KeepalivedConfig.instance("VI_1").virtualRouterId(51).priority(priority).version(2).advertInt(1)
                .virtualIp(VIP + "/24")
                .state(priority > 100 ? KeepalivedConfig.State.MASTER : KeepalivedConfig.State.BACKUP);
    }

    /** `floatip import-keepalived` of the node's own keepalived.conf; the result must keep VRRPv2. */
    private Path importConfig(Node node, Keepalived ka, String name) throws Exception {
        Path out = dir.resolve("floatip-" + name + ".yaml");
        ProcessResult r = node.exec(Duration.ofSeconds(60),
                AgentCommand.of("import-keepalived", ka.files().config().toString(), "-o", out.toString()));
        assertEquals(0, r.exitCode(), r.output());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("version: 2"), "the import keeps keepalived's version: " + yaml);
        System.out.println("[import n" + name + "]\n" + yaml);
        return out;
    }

    private static void holdsAlone(Host a, Host b, Duration time) {
        HostTests.throughout(time.toMillis(), () -> assertTrue(a.hasAddress(VIP) && !b.hasAddress(VIP),
                "n1 alone holds the VIP"));
    }

    private static void log(String who, List<String> log, String line) {
        log.add(line);
        System.out.println("[" + who + "] " + line);
    }

    /** A client pinging the VIP every 100 ms; per phase, the longest time from a failed ping to the next good one. */
    private static final class Reach {
        final Host client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong longest = new AtomicLong();
        private final Thread thread;

        Reach(Host client) {
            this.client = client;
            thread = new Thread(this::loop, "reach");
            thread.setDaemon(true);
            thread.start();
        }

        private final AtomicLong failingSince = new AtomicLong();

        private void loop() {
            while (running.get()) {
                long now = System.nanoTime();
                if (client.ping(VIP, Duration.ofMillis(300))) {
                    long since = failingSince.getAndSet(0);
                    if (since != 0) {
                        longest.accumulateAndGet((now - since) / 1_000_000, Math::max);
                    }
                } else {
                    failingSince.compareAndSet(0, now);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The longest gap since the last call, in ms. */
        long phase() {
            long since = failingSince.get();
            long ongoing = since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000;
            return Math.max(ongoing, longest.getAndSet(0));
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
