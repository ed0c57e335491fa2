package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A diagnostic time line of one fail over and back (run.sh's proxy mode with {@code -Dfloatip.bench.trace=DIR}):
 * every VRRP advert, ARP and echo frame on the switch's ports (tcpdump -i any in the switch namespace, the kernel's
 * stamps), the VIP's RTM_NEWADDR/DELADDR in each node, n1's link, the client's neighbour entry and the switch's
 * FDB (ip/bridge monitor with timestamps), all in one file per repetition, in order, in ms from the cut.
 * Everything runs inside the lab's namespaces; the processes are the lab's and end with it.
 */
final class FlapTrace {
    private record Line(long micros, String source, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final Path dir;
    private final String tag;

    private FlapTrace(Path dir, String tag) {
        this.dir = dir;
        this.tag = tag;
    }

    /** The trace directory asked for, or null (then no trace). */
    static Path requested() {
        String dir = System.getProperty("floatip.bench.trace");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    static FlapTrace start(Path dir, String tag, Lab lab, Node n1, Node n2) {
        FlapTrace t = new FlapTrace(dir, tag);
        // One capture on every switch port: "sw-n1 In" is a frame from n1, "sw-client Out" one to the client.
        lab.startInSwitch(List.of("tcpdump", "-l", "-nn", "-e", "-tt", "--time-stamp-precision=micro", "-i", "any",
                "ip proto 112 or arp or icmp"), l -> t.tcpdump("sw", l));
        lab.startInSwitch(List.of("env", "TZ=UTC", "bridge", "-ts", "monitor", "fdb"), l -> t.ip("fdb", l));
        for (Node n : List.of(n1, n2)) {
            n.start(List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "address", "link"), l -> t.ip(n.name(), l));
        }
        lab.client().start(List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "neigh"), l -> t.ip("client", l));
        return t;
    }

    private void tcpdump(String source, String line) {
        int sp = line.indexOf(' ');
        long t = sp < 0 ? -1 : Clock.tcpdumpTimestamp(line.substring(0, sp));
        if (t >= 0) {
            add(new Line(t, source, line.substring(sp + 1)));
        }
    }

    private void ip(String source, String line) {
        long t = Clock.ipTimestamp(line);
        if (t >= 0) {
            add(new Line(t, source, line.substring(line.indexOf(']') + 1).strip()));
        }
    }

    private synchronized void add(Line l) {
        lines.add(l);
    }

    /** Writes the lines from {@code from} to {@code to} (µs), stamped in ms from {@code zero}; copies left out. */
    void write(int rep, long zero, long from, long to) {
        List<Line> slice;
        synchronized (this) {
            slice = new ArrayList<>(lines.stream().filter(l -> l.micros() >= from && l.micros() <= to).toList());
        }
        slice.sort(Comparator.comparingLong(Line::micros));
        StringBuilder out = new StringBuilder();
        for (Line l : slice) {
            // The bridge device's copy, and flooded copies, say nothing new; which port a unicast echo request
            // left by does (the FDB's choice).
            if (l.text().startsWith("br0 ") || l.text().contains(" Out ") && !l.text().contains("echo request")) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%10.3f %-6s %s%n", Clock.ms(l.micros() - zero), l.source(),
                    l.text()));
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(tag + "-" + rep + ".txt"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
