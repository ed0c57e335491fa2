package io.floatip.host;

import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Test tool, a netem of our own for kernels without sch_netem: run inside the lab's switch namespace, it
 * forwards every frame arriving on interface A out of interface B after DELAY ± JITTER milliseconds (each
 * frame on its own, so jitter larger than the gap between frames reorders them), and every frame arriving
 * on B out of A at once. Usage: DelayRelayMain NETNS A B DELAY_MS JITTER_MS SECONDS. Refuses to run unless
 * it is inside the named lab namespace; stops by itself after SECONDS.
 */
public final class DelayRelayMain {
    private DelayRelayMain() {
    }

    public static void main(String[] args) throws Exception {
        Object here = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/ns/net"), "unix:ino");
        Object there = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/run/netns", args[0]), "unix:ino");
        if (!here.equals(there)) {
            System.err.println("DelayRelayMain: not inside network namespace " + args[0] + "; refusing to run");
            System.exit(2);
        }
        PcapHandle a = open(args[1]);
        PcapHandle b = open(args[2]);
        long delay = Long.parseLong(args[3]);
        long jitter = Long.parseLong(args[4]);
        long seconds = Long.parseLong(args[5]);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).get(); // its first use is slow: not on a frame
        Random random = new Random(5798);
        java.util.concurrent.atomic.AtomicBoolean forwarding = new java.util.concurrent.atomic.AtomicBoolean();
        // The captures run from now on, so the first frames do not pay for setting them up; until A has left
        // the bridge, the bridge carries A's frames and the relay drops what it sees.
        Thread back = new Thread(() -> relay(b, a, frame -> {
            if (forwarding.get()) {
                send(a, frame);
            }
        }), "b-to-a");
        back.setDaemon(true);
        back.start();
        Thread forth = new Thread(() -> relay(a, b, frame -> {
            if (!forwarding.get()) {
                return;
            }
            long d = Math.max(0, delay + (jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1)));
            timer.schedule(() -> send(b, frame), d, TimeUnit.MILLISECONDS);
        }), "a-to-b");
        forth.setDaemon(true);
        forth.start();
        Thread.sleep(300); // both loops are in libpcap by now
        System.out.println("ready");
        java.nio.file.Path master = java.nio.file.Path.of("/sys/class/net", args[1], "master");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (java.nio.file.Files.exists(master) && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        forwarding.set(true);
        System.out.println("relaying " + args[1] + " -> " + args[2] + " with " + delay + " ms +- " + jitter + " ms");
        Thread.sleep(seconds * 1000);
        System.exit(0);
    }

    interface Sink {
        void frame(byte[] frame);
    }

    static PcapHandle open(String name) throws Exception {
        PcapHandle h = new PcapHandle.Builder(name).snaplen(9000)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS).timeoutMillis(100)
                .immediateMode(true).build();
        h.setDirection(PcapHandle.PcapDirection.IN); // not the frames we send out of it ourselves
        return h;
    }

    static void relay(PcapHandle from, PcapHandle to, Sink sink) {
        try {
            from.loop(-1, sink::frame);
        } catch (Exception e) {
            System.err.println("relay stopped: " + e);
        }
    }

    static void send(PcapHandle h, byte[] frame) {
        try {
            h.sendPacket(frame);
        } catch (Exception e) {
            System.err.println("send failed: " + e);
        }
    }
}
