package io.floatip.bench;

import io.floatip.lab.Host;
import java.time.Duration;

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
        AdvertStamps.listen(client, source, "advert gaps", gaps::advert);
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
