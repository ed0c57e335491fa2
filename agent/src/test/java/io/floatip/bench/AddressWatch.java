package io.floatip.bench;

import io.floatip.lab.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * When a node gained and lost one address, from {@code ip -ts monitor address} inside its namespace: the
 * kernel reports each RTM_NEWADDR / RTM_DELADDR as it happens, and ip stamps it when it reads it (tens of
 * microseconds later on an idle machine). More precise than polling {@code ip addr}, which costs a fork and
 * an exec per sample (2 to 5 ms here) and only brackets the change.
 */
final class AddressWatch {
    record Change(long micros, boolean added) {
    }

    private final Host host;
    private final String address;
    private final List<Change> changes = new ArrayList<>();

    private AddressWatch(Host host, String address) {
        this.host = host;
        this.address = address;
    }

    static AddressWatch start(Host host, String address) {
        return start(host, address, false);
    }

    /**
     * {@code prompt}: ip runs SCHED_FIFO (chrt -f 1), so that its stamp is the kernel's change and not also the
     * wait for a core: on a loaded host an ordinary ip read the message 0.1 to 0.3 ms late (perf sched
     * tracepoints against the agent's netlink send), which the proxy mode counted as failover time. It wakes
     * only on an address change of its namespace, so it takes nothing from the agents the rest of the time.
     */
    static AddressWatch start(Host host, String address, boolean prompt) {
        AddressWatch watch = new AddressWatch(host, address);
        List<String> ip = List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "address");
        if (prompt) {
            ip = new java.util.ArrayList<>(List.of("chrt", "-f", "1"));
            ip.addAll(List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "address"));
        }
        host.start(ip, watch::line);
        return watch;
    }

    Host host() {
        return host;
    }

    private void line(String line) {
        long t = Clock.ipTimestamp(line);
        if (t < 0 || !line.contains(" inet " + address + "/")) {
            return;
        }
        synchronized (this) {
            changes.add(new Change(t, !line.contains("Deleted")));
            notifyAll();
        }
    }

    /** Whether the last change seen was an addition. */
    synchronized boolean holds() {
        return !changes.isEmpty() && changes.get(changes.size() - 1).added();
    }

    /** The first change of that kind at or after {@code since}, or -1. */
    synchronized long first(boolean added, long since) {
        for (Change c : changes) {
            if (c.added() == added && c.micros() >= since) {
                return c.micros();
            }
        }
        return -1;
    }

    synchronized long lastChange() {
        return changes.isEmpty() ? -1 : changes.get(changes.size() - 1).micros();
    }

    synchronized int count(boolean added, long since) {
        int n = 0;
        for (Change c : changes) {
            if (c.added() == added && c.micros() >= since) {
                n++;
            }
        }
        return n;
    }
}
