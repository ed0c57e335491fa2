package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.Tcpdump;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.PcapFile;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
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

/** SIGHUP reload on a live master, watched on the wire from the client. */
class ReloadTest {
    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTests.requireRoot();
    }

    static String config(int vi2Priority) {
        return """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 51
                    priority: 150
                    advert_interval: 100ms
                    virtual_ips: [198.51.100.50/24]
                  VI_2:
                    interface: eth0
                    vrid: 52
                    priority: %d
                    advert_interval: 100ms
                    virtual_ips: [198.51.100.60/24]
                """.formatted(vi2Priority);
    }

    /** VI_2 gone, VI_3 new, VI_1 as before. */
    static final String WITH_VI3_WITHOUT_VI2 = """
            instances:
              VI_1:
                interface: eth0
                vrid: 51
                priority: 150
                advert_interval: 100ms
                virtual_ips: [198.51.100.50/24]
              VI_3:
                interface: eth0
                vrid: 53
                priority: 150
                advert_interval: 100ms
                virtual_ips: [198.51.100.70/24]
            """;

    @Test
    void reloadKeepsAnUnchangedMasterAdvertisingAndAppliesPriorityInPlace() throws Exception {
        try (Lab lab = Lab.create("reload", 1)) {
            Node n1 = lab.node(1);
            Host client = lab.client();
            Path cfg = dir.resolve("n1.yaml");
            Files.writeString(cfg, config(150));
            List<String> log = new CopyOnWriteArrayList<>();
            Process agent = n1.start(AgentCommand.run(cfg), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress("198.51.100.50") && n1.hasAddress("198.51.100.60"),
                    "n1 to be master of both");

            Path capture = dir.resolve("reload.pcap");
            List<String> out = new CopyOnWriteArrayList<>();
            Process dump = Tcpdump.start(client, out, "-i", "eth0", "-n", "-U", "-c", "80", "-w",
                    capture.toString(), "ip proto 112");
            Thread.sleep(700); // adverts before the reload
            int linesBefore = log.size();
            Files.writeString(cfg, config(120));
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(5), () -> log.stream().anyMatch(l -> l.contains("reload: VI_2: priority 150 "
                    + "-> 120 (in place)")), "the in-place change to be logged");
            assertTrue(dump.waitFor(20, TimeUnit.SECONDS), "80 adverts captured");

            List<String> after = HostTests.linesSince(log, linesBefore);
            assertFalse(after.stream().anyMatch(l -> l.contains(" -> ") && l.contains("VI_1")
                    && !l.contains("reload")), "no transition for VI_1: " + after);
            assertFalse(after.stream().anyMatch(l -> l.contains("released")), "nothing released: " + after);
            assertTrue(n1.hasAddress("198.51.100.50"));

            List<Long> gaps51 = new ArrayList<>();
            List<Integer> priorities52 = new ArrayList<>();
            read(capture, gaps51, priorities52);
            long worst = gaps51.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("[timing] VI_1 advert gaps across the reload: worst %d ms%n", worst);
            assertTrue(worst <= 130, "no advert gap longer than one interval: " + gaps51);
            assertEquals(150, priorities52.get(0));
            assertEquals(120, priorities52.get(priorities52.size() - 1), "VI_2 advertises its new priority");
        }
    }

    @Test
    void aBrokenConfigIsRefusedWithItsLineAndTheOldOneKeepsRunning() throws Exception {
        try (Lab lab = Lab.create("reload", 1)) {
            Node n1 = lab.node(1);
            Path cfg = dir.resolve("n1.yaml");
            Files.writeString(cfg, config(150));
            List<String> log = new CopyOnWriteArrayList<>();
            Process agent = n1.start(AgentCommand.run(cfg), line -> {
                log.add(line);
                System.out.println("[n1] " + line);
            });
            Lab.await(Duration.ofSeconds(15), () -> n1.hasAddress("198.51.100.60"), "n1 to be master");

            Files.writeString(cfg, config(150).replace("vrid: 52", "vrid: 352"));
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(5), () -> log.stream().anyMatch(l -> l.contains("reload refused")),
                    "the refusal");
            Lab.await(Duration.ofSeconds(2), () -> log.stream().anyMatch(l -> l.contains(cfg + ":10:11: "
                    + "instances.VI_2.vrid")), "the error with file:line:column");
            assertTrue(n1.hasAddress("198.51.100.50") && n1.hasAddress("198.51.100.60"), "still master of both");
            assertTrue(agent.isAlive());

            // A good file again: VI_3 is added, VI_2 removed; VI_1 does not move.
            Files.writeString(cfg, WITH_VI3_WITHOUT_VI2);
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(5), () -> log.stream().anyMatch(l -> l.contains("reload: VI_3: added")),
                    "VI_3 to be added");
            Lab.await(Duration.ofSeconds(5), () -> !n1.hasAddress("198.51.100.60"), "VI_2's VIP to be released");
            Lab.await(Duration.ofSeconds(5), () -> n1.hasAddress("198.51.100.70"), "VI_3 to become master");
            assertTrue(n1.hasAddress("198.51.100.50"));

            // An instance that cannot start (its interface is missing here): the reload applies the rest and
            // says so as a warning, not as an ordinary reload line.
            Files.writeString(cfg, WITH_VI3_WITHOUT_VI2 + """
                      VI_4:
                        interface: nosuch0
                        vrid: 54
                        priority: 150
                        advert_interval: 100ms
                        virtual_ips: [198.51.100.80/24]
                    """);
            n1.signal(agent, "HUP");
            Lab.await(Duration.ofSeconds(5), () -> log.stream().anyMatch(l -> l.contains("WARN reload: VI_4: not "
                    + "started: ")), "VI_4's warning");
            assertTrue(log.stream().noneMatch(l -> l.contains("INFO reload: VI_4")), "not also at INFO: " + log);
            assertTrue(n1.hasAddress("198.51.100.50") && n1.hasAddress("198.51.100.70"), "VI_1 and VI_3 kept");
            assertTrue(agent.isAlive());
        }
    }

    /** VRID 51's gaps in ms and VRID 52's priorities, from a capture. */
    private static void read(Path capture, List<Long> gaps51, List<Integer> priorities52) throws Exception {
        long last = -1;
        for (PcapFile.Record r : PcapFile.records(capture)) {
            long micros = r.micros();
            byte[] f = r.frame();
            if (VrrpCodec.decodeFrame(f, f.length) instanceof Decoded.Accepted a) {
                VrrpPacket p = a.packet();
                if (p.vrid() == 51) {
                    if (last >= 0) {
                        gaps51.add((micros - last) / 1000);
                    }
                    last = micros;
                } else if (p.vrid() == 52) {
                    priorities52.add(p.priority());
                }
            }
        }
    }
}
