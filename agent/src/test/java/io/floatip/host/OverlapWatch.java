package io.floatip.host;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The longest stretch during which two nodes held one address at once, from {@code ip -ts monitor address}
 * in each node's namespace: the kernel reports every RTM_NEWADDR / RTM_DELADDR as it happens. It replaced a
 * loop that forked {@code ip addr} as fast as it answered: a fork storm, which on this VM's kernel delays
 * even real-time threads by tens of milliseconds (BENCHMARKS.md), so the watch disturbed what it watched.
 */
final class OverlapWatch {
    private final Process[] monitors = new Process[2];
    /** When each node gained the address (µs, CLOCK_REALTIME, as ip stamps), or -1 while it does not hold it. */
    private final long[] heldSince = {-1, -1};
    private final String address;
    private long bothSince = -1;
    private long longestMicros;
    private int events;
    /** Per node: how many times it gained, and lost, the address while watched. */
    private final int[] gained = new int[2];
    private final int[] lost = new int[2];

    OverlapWatch(Host a, Host b, String address) {
        this.address = address;
        Host[] hosts = {a, b};
        for (int i = 0; i < 2; i++) {
            int node = i;
            monitors[i] = hosts[i].start(List.of("env", "TZ=UTC", "ip", "-ts", "monitor", "address"),
                    line -> line(node, line));
        }
        for (int i = 0; i < 2; i++) {
            Process monitor = monitors[i];
            Lab.await(Duration.ofSeconds(5), () -> subscribed(monitor.pid()),
                    "ip monitor (pid " + monitor.pid() + ") to join the address group");
        }
        // What each node holds already: a change from here on reaches the monitors.
        for (int i = 0; i < 2; i++) {
            if (hosts[i].hasAddress(address)) {
                change(i, true, nowMicros());
            }
        }
    }

    /** Stops watching; returns the longest time both held the address, in nanoseconds. */
    long stop() throws InterruptedException {
        // The caller has usually just seen one node let go: give its monitor the moment to report it.
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (bothHeld() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long now = nowMicros();
        for (Process monitor : monitors) {
            monitor.destroy();
            monitor.waitFor();
        }
        synchronized (this) {
            if (bothSince >= 0) {
                longestMicros = Math.max(longestMicros, now - bothSince);
            }
            return longestMicros * 1000;
        }
    }

    /** How many times the first node ({@code 0}) or the second ({@code 1}) lost the address while watched. */
    synchronized int losses(int node) {
        return lost[node];
    }

    /** How many times a node gained the address while watched (a holder at the start counts once). */
    synchronized int gains(int node) {
        return gained[node];
    }

    private synchronized boolean bothHeld() {
        return bothSince >= 0;
    }

    /** Address changes seen for the address on either node. */
    synchronized int events() {
        return events;
    }

    private void line(int node, String line) {
        long t = ipTimestamp(line);
        if (t < 0 || !(line.contains(" inet " + address + "/") || line.contains(" inet6 " + address + "/"))) {
            return;
        }
        change(node, !line.contains("Deleted"), t);
    }

    private synchronized void change(int node, boolean added, long micros) {
        events++;
        if (added == heldSince[node] >= 0) {
            return;
        }
        heldSince[node] = added ? micros : -1;
        (added ? gained : lost)[node]++;
        boolean both = heldSince[0] >= 0 && heldSince[1] >= 0;
        if (both) {
            bothSince = Math.max(heldSince[0], heldSince[1]);
        } else if (bothSince >= 0) {
            longestMicros = Math.max(longestMicros, micros - bothSince);
            bothSince = -1;
        }
    }

    /** Whether the process has a netlink socket bound to some multicast group (its namespace's table). */
    private static boolean subscribed(long pid) {
        try {
            for (String row : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "netlink"))) {
                String[] f = row.trim().split("\\s+");
                // sk Eth Pid Groups ...: the route family (0) with this pid as port id and a group mask
                if (f.length > 3 && f[1].equals("0") && f[2].equals(Long.toString(pid)) && !f[3].matches("0+")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** "[2026-11-21T11:32:33.212279]" as {@code TZ=UTC ip -ts monitor} prints it; -1 if the line has none. */
    private static long ipTimestamp(String line) {
        int close = line.indexOf(']');
        int dot = line.indexOf('.');
        if (!line.startsWith("[") || close < 0 || dot < 0 || dot > close) {
            return -1;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(line.substring(1, dot));
            String frac = (line.substring(dot + 1, close) + "000000").substring(0, 6);
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + Long.parseLong(frac);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
