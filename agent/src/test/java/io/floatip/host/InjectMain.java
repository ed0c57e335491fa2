package io.floatip.host;

import java.util.HexFormat;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Test tool, run as a process inside a lab namespace: sends frames COUNT times on an interface through
 * libpcap, {@code GAP_MICROS} apart. Usage: InjectMain NETNS IFACE COUNT GAP_MICROS HEXFRAME...
 * (several frames are sent in turn). Refuses to send unless it runs inside the named lab namespace.
 */
public final class InjectMain {
    private InjectMain() {
    }

    public static void main(String[] args) throws Exception {
        String netns = args[0];
        Object here = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/ns/net"), "unix:ino");
        Object there = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/run/netns", netns), "unix:ino");
        if (!here.equals(there)) {
            System.err.println("InjectMain: not inside network namespace " + netns + "; refusing to send");
            System.exit(2);
        }
        String iface = args[1];
        int count = Integer.parseInt(args[2]);
        long gapNanos = Long.parseLong(args[3]) * 1000;
        byte[][] frames = new byte[args.length - 4][];
        for (int i = 4; i < args.length; i++) {
            frames[i - 4] = HexFormat.of().parseHex(args[i]);
        }
        PcapHandle h = new PcapHandle.Builder(iface).snaplen(128)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).timeoutMillis(10).build();
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            h.sendPacket(frames[i % frames.length]);
            next += gapNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                // Park, not spin: a spinning injector would take a whole core from the agents it tests.
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
        h.close();
        System.out.println("sent " + count);
    }
}
