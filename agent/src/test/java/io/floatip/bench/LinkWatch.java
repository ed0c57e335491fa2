package io.floatip.bench;

import io.floatip.lab.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a node's cable was cut or plugged back, from {@code ip -ts monitor link} in the node's namespace: its
 * eth0 loses LOWER_UP (carrier) in the same kernel call that downs the switch port, so this is the instant of
 * the cut as the node sees it, rather than a time taken before or after the `ip link set` command that did it.
 * ip runs real-time (SCHED_FIFO 10, chrt execs it in place): the node's agent wakes up on the same carrier
 * change, and on two cores a busy JVM could otherwise delay ip's read, and so its stamp, by a millisecond or
 * two. It only wakes for link messages, and takes tens of microseconds for each.
 */
final class LinkWatch {
    record Change(long micros, Set<String> flags) {
    }

    private final String iface;
    private final List<Change> changes = new ArrayList<>();

    private LinkWatch(String iface) {
        this.iface = iface;
    }

    static LinkWatch start(Host host) {
        LinkWatch watch = new LinkWatch(host.iface());
        host.start(List.of("chrt", "-f", "10", "env", "TZ=UTC", "ip", "-ts", "monitor", "link"), watch::line);
        return watch;
    }

    private void line(String line) {
        long t = Clock.ipTimestamp(line);
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        if (t < 0 || lt < 0 || gt < 0) {
            return;
        }
        // "[ts] 2: eth0@if7: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 ... state LOWERLAYERDOWN ..."
        String[] words = line.substring(line.indexOf(']') + 1, lt).strip().split("\\s+");
        if (words.length < 2 || !words[1].replace(":", "").split("@")[0].equals(iface)) {
            return;
        }
        Set<String> flags = Set.of(line.substring(lt + 1, gt).split(","));
        synchronized (this) {
            changes.add(new Change(t, flags));
        }
    }

    /** The first message at or after {@code since} that shows carrier (LOWER_UP) present or gone; -1 if none. */
    synchronized long first(boolean carrier, long since) {
        for (Change c : changes) {
            if (c.micros() >= since && c.flags().contains("LOWER_UP") == carrier) {
                return c.micros();
            }
        }
        return -1;
    }
}
