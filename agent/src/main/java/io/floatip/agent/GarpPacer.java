package io.floatip.agent;

import io.floatip.base.Scheduler;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Spaces one instance's gratuitous ARPs / unsolicited NAs by garp.interval (keepalived's vrrp_garp_interval and
 * vrrp_gna_interval: some switches drop or rate-limit a burst sent back to back). With interval 0 every frame
 * goes at once, as before. Frames wait in order; {@link #clear} (leaving MASTER) drops those not sent yet.
 * Loop thread only.
 */
final class GarpPacer {
    private final Scheduler clock;
    private final Consumer<byte[]> out;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Runnable drainTask = this::drain;
    private long intervalNanos;
    private long nextAt;
    private boolean sentAny;
    private boolean scheduled;
    /** Frames dropped by {@link #clear} before they went out. */
    private long dropped;

    /** A frame and the link it goes out on (a VIP may sit on another interface than the instance's). */
    private record Pending(byte[] frame, Consumer<byte[]> via) {
    }

    GarpPacer(Scheduler clock, Consumer<byte[]> out) {
        this.clock = clock;
        this.out = out;
    }

    /** The spacing from the next frame on; a reload may change it. */
    void interval(long millis) {
        this.intervalNanos = millis * 1_000_000L;
    }

    /** Sends {@code frame} now if the interval since the last one has passed, else after the ones waiting. */
    void send(byte[] frame) {
        send(frame, out);
    }

    /** As {@link #send(byte[])}, out through {@code via}. */
    void send(byte[] frame, Consumer<byte[]> via) {
        long now = clock.now();
        if (queue.isEmpty() && (intervalNanos == 0 || !sentAny || now - nextAt >= 0)) {
            emit(frame, via, now);
            return;
        }
        queue.add(new Pending(frame, via));
        if (!scheduled) {
            scheduled = true;
            clock.schedule(nextAt, drainTask);
        }
    }

    /** Drops what has not gone out yet: a backup announces nothing. */
    void clear() {
        dropped += queue.size();
        queue.clear();
    }

    int waiting() {
        return queue.size();
    }

    long dropped() {
        return dropped;
    }

    private void drain() {
        scheduled = false;
        Pending p = queue.poll();
        if (p == null) {
            return;
        }
        emit(p.frame(), p.via(), clock.now());
        if (!queue.isEmpty()) {
            scheduled = true;
            clock.schedule(nextAt, drainTask);
        }
    }

    private void emit(byte[] frame, Consumer<byte[]> via, long now) {
        via.accept(frame);
        sentAny = true;
        nextAt = now + intervalNanos;
    }
}
