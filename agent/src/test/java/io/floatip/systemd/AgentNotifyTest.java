package io.floatip.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.AgentCommand;
import io.floatip.lab.HostTests;
import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.lab.PairConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real agent talking to a socket standing in for systemd: the messages of a whole life, in order. */
class AgentNotifyTest {
    @TempDir
    Path dir;

    @Test
    void readyStatusWatchdogReloadingAndStoppingArriveInOrder() throws Exception {
        HostTests.requireRoot("needs root (network namespaces)");
        Path socket = dir.resolve("notify.sock");
        try (NotifyReceiver systemd = new NotifyReceiver(socket.toString()); Lab lab = Lab.create("sdn", 1)) {
            Node n1 = lab.node(1);
            Path config = PairConfig.write(dir, "n1", 3, 150, 10, true, "198.51.100.50/24", "");
            List<String> argv = new ArrayList<>(List.of("env", "NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=400000"));
            argv.addAll(AgentCommand.run(config));
            Process agent = n1.start(argv, line -> System.out.println("[n1] " + line));

            List<String> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            boolean reloaded = false;
            boolean stopped = false;
            while (System.nanoTime() < deadline && !got.contains("STOPPING=1")) {
                // The first message waits for the JVM's start (seconds on a loaded machine); then 2 s each.
                byte[] datagram = got.isEmpty() ? first(systemd, deadline) : systemd.receive();
                String m = new String(datagram, StandardCharsets.UTF_8);
                got.add(m.startsWith("RELOADING=1") ? "RELOADING=1" : m);
                if (!reloaded && got.contains("STATUS=VI_1 MASTER") && count(got, "WATCHDOG=1") >= 3) {
                    reloaded = true;
                    n1.signal(agent, "HUP");
                } else if (reloaded && !stopped && got.indexOf("RELOADING=1") >= 0
                        && got.lastIndexOf("READY=1") > got.indexOf("RELOADING=1")) {
                    stopped = true;
                    n1.signal(agent, "TERM");
                }
            }
            System.out.println("[sd_notify] " + got);
            int ready = got.indexOf("READY=1");
            int master = got.indexOf("STATUS=VI_1 MASTER");
            int reloading = got.indexOf("RELOADING=1");
            int readyAgain = got.lastIndexOf("READY=1");
            int stopping = got.indexOf("STOPPING=1");
            assertTrue(ready >= 0 && ready < master && master < reloading && reloading < readyAgain
                    && readyAgain < stopping, "in order: " + got);
            assertTrue(count(got.subList(0, reloading), "WATCHDOG=1") >= 3, "watchdog pings: " + got);
            Lab.await(Duration.ofSeconds(3), () -> !agent.isAlive(), "the agent to exit");
            Assertions.assertEquals(0, agent.exitValue());
        }
    }

    private static byte[] first(NotifyReceiver systemd, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            byte[] datagram = systemd.poll();
            if (datagram != null) {
                return datagram;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no notification before the deadline: the agent did not start");
    }

    private static long count(List<String> list, String m) {
        return list.stream().filter(m::equals).count();
    }
}
