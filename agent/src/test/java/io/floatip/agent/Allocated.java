package io.floatip.agent;

import java.lang.management.ManagementFactory;

/** Heap bytes a thread has allocated, by HotSpot's own count (its TLAB bookkeeping): exact, not sampled. */
final class Allocated {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocated() {
    }

    static long byThread(long threadId) {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    /**
     * Bytes allocated per run of {@code body}, over {@code runs} runs on this thread, after as many to warm up
     * (class loading and linking allocate once). The reading itself costs a constant few bytes, so anything
     * below one byte per run means the body allocates nothing.
     */
    static double perRun(int runs, Runnable body) {
        for (int i = 0; i < runs; i++) {
            body.run();
        }
        long id = Thread.currentThread().getId();
        long before = byThread(id);
        for (int i = 0; i < runs; i++) {
            body.run();
        }
        return (double) (byThread(id) - before) / runs;
    }
}
