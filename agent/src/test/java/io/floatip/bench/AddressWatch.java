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
        AddressWatch watch = new AddressWatch(host, address);
        host.start(List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "address"), watch::line);
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
