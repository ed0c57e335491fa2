package io.floatip.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one clock of the benchmark: CLOCK_REALTIME in microseconds since the epoch. Network namespaces share
 * it, so `ip -ts monitor` (gettimeofday when ip reads the netlink message), tcpdump (the kernel's receive
 * timestamp) and this JVM (clock_gettime) all stamp events on the same line.
 */
final class Clock {
    private Clock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** "[2026-11-21T11:32:33.212279]" as printed by {@code TZ=UTC ip -ts monitor}; -1 if the line has none. */
    static long ipTimestamp(String line) {
        if (line.length() < 28 || line.charAt(0) != '[') {
            return -1;
        }
        int close = line.indexOf(']');
        if (close < 0) {
            return -1;
        }
        String text = line.substring(1, close);
        int dot = text.indexOf('.');
        if (dot < 0) {
            return -1;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(text.substring(0, dot));
            String frac = (text.substring(dot + 1) + "000000").substring(0, 6);
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + Long.parseLong(frac);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** tcpdump -tt's "1763724753.123456" as microseconds; -1 if the word is not one. */
    static long tcpdumpTimestamp(String word) {
        int dot = word.indexOf('.');
        if (dot <= 0 || word.length() - dot - 1 != 6) {
            return -1;
        }
        try {
            return Long.parseLong(word.substring(0, dot)) * 1_000_000L + Long.parseLong(word.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns at {@code target} (µs) or just after: sleeps until 2 ms before it (a sleep may overshoot by tens
     * of microseconds, more under load), then spins. Returns at once if the target has passed.
     */
    static void sleepUntil(long target) throws InterruptedException {
        long left = target - nowMicros();
        if (left > 2000) {
            Thread.sleep((left - 2000) / 1000);
        }
        while (nowMicros() < target) {
            Thread.onSpinWait();
        }
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
