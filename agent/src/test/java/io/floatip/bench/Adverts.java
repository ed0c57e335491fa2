package io.floatip.bench;

import io.floatip.lab.Host;
import java.time.Duration;
import java.util.Arrays;

/** Every VRRP advert from one node as the client's kernel received it (AdvertStamps). */
final class Adverts {
    private long[] times = new long[1 << 12];
    private int size;

    private Adverts() {
    }

    static Adverts start(Host client, String source) {
        Adverts adverts = new Adverts();
        AdvertStamps.listen(client, source, "adverts", adverts::add);
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
