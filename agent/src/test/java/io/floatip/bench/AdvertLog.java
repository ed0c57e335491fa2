package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every VRRP advert the client's kernel received, with its source and priority: tcpdump in the client's
 * namespace ({@code --immediate-mode}, the kernel's receive timestamp), as {@link AdvertStamps} but keeping
 * the priority, so the proxy mode can tell when a master first advertised its lower priority (or 0).
 * tcpdump prints "... IP 198.51.100.11 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150, ...".
 */
final class AdvertLog {
    record Advert(long micros, String source, int priority) {
    }

    private final List<Advert> adverts = new ArrayList<>();

    private AdvertLog() {
    }

    static AdvertLog start(Host client) {
        AdvertLog log = new AdvertLog();
        boolean[] listening = new boolean[1];
        client.start(List.of("tcpdump", "-l", "-n", "-tt", "--immediate-mode", "-i", client.iface(), "ip proto 112"),
                line -> {
                    if (line.contains("listening on")) {
                        synchronized (listening) {
                            listening[0] = true;
                        }
                    }
                    log.line(line);
                });
        Lab.await(Duration.ofSeconds(10), () -> {
            synchronized (listening) {
                return listening[0];
            }
        }, "tcpdump (adverts and priorities) in the client to listen");
        return log;
    }

    private void line(String line) {
        Advert a = parse(line);
        if (a != null) {
            synchronized (this) {
                adverts.add(a);
                notifyAll();
            }
        }
    }

    /** One line of tcpdump -tt -n as an advert; null if it is not one. */
    static Advert parse(String line) {
        int sp = line.indexOf(' ');
        int ip = line.indexOf(" IP ");
        int gt = line.indexOf(" > ");
        int prio = line.indexOf(", prio ");
        if (sp < 0 || ip < 0 || gt < ip || prio < 0) {
            return null;
        }
        long t = Clock.tcpdumpTimestamp(line.substring(0, sp));
        int end = prio + 7;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        if (t < 0 || end == prio + 7) {
            return null;
        }
        return new Advert(t, line.substring(ip + 4, gt).strip(), Integer.parseInt(line.substring(prio + 7, end)));
    }

    /** The first advert from {@code source} stamped at or after {@code since}, waiting up to {@code timeout}; -1. */
    synchronized long awaitAfter(String source, long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Advert a : adverts) {
                if (a.micros() >= since && a.source().equals(source)) {
                    return a.micros();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return -1;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The last advert from {@code source} stamped strictly before {@code t}; -1 if none. */
    synchronized long lastBefore(String source, long t) {
        for (int i = adverts.size() - 1; i >= 0; i--) {
            Advert a = adverts.get(i);
            if (a.micros() < t && a.source().equals(source)) {
                return a.micros();
            }
        }
        return -1;
    }

    /** The first advert from {@code source} at or after {@code since} with a priority below {@code below}; -1. */
    synchronized long firstBelow(String source, int below, long since) {
        for (Advert a : adverts) {
            if (a.micros() >= since && a.source().equals(source) && a.priority() < below) {
                return a.micros();
            }
        }
        return -1;
    }

    /** The priority of that advert; -1 if there is none. */
    synchronized int priorityAt(String source, long micros) {
        for (Advert a : adverts) {
            if (a.micros() == micros && a.source().equals(source)) {
                return a.priority();
            }
        }
        return -1;
    }
}
