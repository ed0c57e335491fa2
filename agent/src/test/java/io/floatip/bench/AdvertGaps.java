package io.floatip.bench;

import io.floatip.lab.Host;
import io.floatip.lab.Lab;
import java.time.Duration;
import java.util.List;

/**
 * The gaps between one node's adverts as the client's kernel received them (tcpdump in the client's
 * namespace): a backup that takes over while its master is healthy either missed adverts that were sent, or
 * the master stopped sending for longer than Master_Down_Interval. This tells the two apart.
 */
final class AdvertGaps {
    private final long thresholdMicros;
    private long last = -1;
    private long since = Long.MAX_VALUE;
    private long longest;
    private int over;
    private long adverts;

    private AdvertGaps(long thresholdMicros) {
        this.thresholdMicros = thresholdMicros;
    }

    /** Watches adverts from {@code source}; gaps above {@code threshold} are counted. */
    static AdvertGaps start(Host client, String source, Duration threshold) {
        AdvertGaps gaps = new AdvertGaps(threshold.toNanos() / 1000);
        boolean[] listening = new boolean[1];
        client.start(List.of("tcpdump", "-l", "-n", "-tt", "-i", client.iface(), "ip proto 112 and src host " + source),
                line -> {
                    if (line.contains("listening on")) {
                        synchronized (listening) {
                            listening[0] = true;
                        }
                    }
                    int sp = line.indexOf(' ');
                    long t = sp > 0 ? Clock.tcpdumpTimestamp(line.substring(0, sp)) : -1;
                    if (t > 0) {
                        gaps.advert(t);
                    }
                });
        Lab.await(Duration.ofSeconds(10), () -> {
            synchronized (listening) {
                return listening[0];
            }
        }, "tcpdump in the client to listen");
        return gaps;
    }

    private synchronized void advert(long t) {
        if (t >= since) {
            adverts++;
            if (last >= since) {
                long gap = t - last;
                longest = Math.max(longest, gap);
                if (gap > thresholdMicros) {
                    over++;
                }
            }
        }
        last = t;
    }

    /** Counts from now on only. */
    synchronized void reset() {
        since = Clock.nowMicros();
        longest = 0;
        over = 0;
        adverts = 0;
    }

    synchronized double longestMs() {
        return Clock.ms(longest);
    }

    synchronized int over() {
        return over;
    }

    synchronized long adverts() {
        return adverts;
    }
}
