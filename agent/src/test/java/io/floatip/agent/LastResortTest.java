package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.status.Refusal;
import io.floatip.status.Refusals;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "Error" survival: on main a StackOverflowError in a loop task ended the loop thread (only
 * RuntimeException was caught: adverts stopped for good), and an OutOfMemoryError ended the JVM through
 * -XX:+ExitOnOutOfMemoryError with the VIP still configured. Here the exit is replaced, so the test sees it.
 */
class LastResortTest {
    private final AtomicInteger halts = new AtomicInteger();

    @AfterEach
    void restore() {
        LastResort.halt = () -> Runtime.getRuntime().halt(3);
        LastResort.reset();
    }

    @Test
    void theLoopSurvivesAStackOverflowAndHandsOverOnOutOfMemory() throws Exception {
        LastResort.halt = halts::incrementAndGet;
        EventLoop loop = new EventLoop();
        loop.start();
        try {
            long survived = Refusals.get(Refusal.ERROR_SURVIVED);
            CountDownLatch after = new CountDownLatch(1);
            loop.execute(() -> recurse());
            loop.execute(after::countDown);
            assertTrue(after.await(5, TimeUnit.SECONDS), "the loop ran the next task");
            assertEquals(survived + 1, Refusals.get(Refusal.ERROR_SURVIVED), "counted");
            assertEquals(0, halts.get(), "a stack overflow is not fatal");

            CountDownLatch afterOom = new CountDownLatch(1);
            loop.execute(() -> {
                throw new OutOfMemoryError("test");
            });
            loop.execute(afterOom::countDown);
            assertTrue(afterOom.await(5, TimeUnit.SECONDS));
            assertEquals(1, halts.get(), "out of memory: the hand-over and the exit ran");
        } finally {
            loop.stop(1000);
        }
    }

    @Test
    void anUncaughtFatalErrorOnAnyThreadExitsOnceAndAStackOverflowDoesNot() throws Exception {
        LastResort.halt = halts::incrementAndGet;
        LastResort.uncaught(Thread.currentThread(), new StackOverflowError());
        assertEquals(0, halts.get());
        Thread t1 = new Thread(() -> LastResort.uncaught(Thread.currentThread(), new OutOfMemoryError("a")));
        Thread t2 = new Thread(() -> LastResort.uncaught(Thread.currentThread(), new InternalError("b")));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertEquals(1, halts.get(), "the first fatal error hands over; the second finds it under way");
    }

    private static int recurse() {
        return recurse() + 1;
    }
}
