package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Every VRRP advert from one node as the client's kernel received it: tcpdump in the client's namespace (the
 * bridge floods multicast there, snooping is off) with the kernel's receive timestamp. {@code --immediate-mode}
 * hands each packet over as it comes (without it libpcap's TPACKET_V3 blocks may hold packets up to the
 * buffer timeout), so the benchmark can act on an advert a few milliseconds after it arrived.
 */
final class Adverts {
    private long[] times = new long[1 << 12];
    private int size;

    private Adverts() {
    }

    static Adverts start(Host client, String source) {
        Adverts adverts = new Adverts();
        boolean[] listening = new boolean[1];
        client.start(List.of("tcpdump", "-l", "-n", "-tt", "--immediate-mode", "-i", client.iface(),
                "ip proto 112 and src host " + source), line -> {
                    if (line.contains("listening on")) {
                        synchronized (listening) {
                            listening[0] = true;
                        }
                    }
                    int sp = line.indexOf(' ');
                    long t = sp > 0 ? Clock.tcpdumpTimestamp(line.substring(0, sp)) : -1;
                    if (t > 0) {
                        adverts.add(t);
                    }
                });
        Lab.await(Duration.ofSeconds(10), () -> {
            synchronized (listening) {
                return listening[0];
            }
        }, "tcpdump (adverts) in the client to listen");
        return adverts;
    }

    private synchronized void add(long t) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = t;
        notifyAll();
    }

    /** The first advert stamped at or after {@code since}, waiting up to {@code timeout}; -1 if none came. */
    synchronized long awaitAfter(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = size - 1; i >= 0 && times[i] >= since; i--) {
                if (i == 0 || times[i - 1] < since) {
                    return times[i];
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The last advert stamped strictly before {@code t}; -1 if none. */
    synchronized long lastBefore(long t) {
        for (int i = size - 1; i >= 0; i--) {
            if (times[i] < t) {
                return times[i];
            }
        }
        return -1;
    }
}
