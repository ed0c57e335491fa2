package io.floatip.host;

import io.floatip.lab.Host;

/**
 * Samples, as fast as `ip` answers, whether two nodes hold an address at once, and keeps the longest
 * stretch during which both did. Runs on a thread of its own until {@link #stop}.
 */
final class OverlapWatch {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long longestNanos;
    private volatile int samples;

    OverlapWatch(Host a, Host b, String address) {
        thread = new Thread(() -> {
            long bothSince = -1;
            while (running) {
                boolean both = a.hasAddress(address) && b.hasAddress(address);
                long now = System.nanoTime();
                samples++;
                if (both) {
                    if (bothSince < 0) {
                        bothSince = now;
                    }
                    longestNanos = Math.max(longestNanos, now - bothSince);
                } else {
                    bothSince = -1;
                }
            }
        }, "overlap-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling; returns the longest time both held the address, in nanoseconds. */
    long stop() throws InterruptedException {
        running = false;
        thread.join(5000);
        return longestNanos;
    }

    int samples() {
        return samples;
    }
}
