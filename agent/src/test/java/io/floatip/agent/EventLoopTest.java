package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private final EventLoop loop = new EventLoop();

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop(5000);
    }

    @Test
    void tasksBeyondTheArrayWaitInOverflowAndStillRunInTheOrderGiven() throws InterruptedException {
        loop.start();
        CountDownLatch hold = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Integer> ran = new ArrayList<>();
        int count = EventLoop.CAPACITY * 2 + 100;
        for (int i = 0; i < count; i++) {
            int n = i;
            loop.execute(() -> ran.add(n));
        }
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(done::countDown);
        hold.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(count, ran.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, ran.get(i), "position " + i);
        }
    }

    @Test
    void aSleepingLoopWakesForEachTask() throws InterruptedException {
        loop.start();
        Semaphore ran = new Semaphore(0);
        Runnable task = ran::release;
        // With no timers the loop sleeps up to a second: a lost wake-up would cost that second.
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            loop.execute(task);
            assertTrue(ran.tryAcquire(10, TimeUnit.SECONDS));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 5000, "200 hand-overs took " + ms + " ms: wake-ups were lost");
    }

    @Test
    void theLoopAllocatesNothingToTakeAndRunATask() throws InterruptedException {
        loop.start();
        Semaphore ran = new Semaphore(0);
        Runnable task = ran::release;
        for (int i = 0; i < 20_000; i++) { // warm up: classes linked, code compiled
            loop.execute(task);
            ran.acquire();
        }
        long before = Allocated.byThread(loop.threadId());
        int runs = 20_000;
        for (int i = 0; i < runs; i++) {
            loop.execute(task);
            ran.acquire();
        }
        long bytes = Allocated.byThread(loop.threadId()) - before;
        assertTrue(bytes < runs, bytes + " bytes over " + runs + " tasks");
    }
}
