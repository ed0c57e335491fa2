package io.floatip.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotifyQueueTest {
    @Test
    void notificationsRunInOrderOneAtATimeAndSubmitNeverWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(500);
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        int[] concurrent = {0, 0};
        NotifyQueue q = new NotifyQueue("VI_1", argv -> {
            synchronized (concurrent) {
                concurrent[0]++;
                concurrent[1] = Math.max(concurrent[1], concurrent[0]);
            }
            try {
                if (argv.get(0).equals("0")) {
                    release.await(); // the first script hangs until the test lets it go
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(argv.get(0));
            synchronized (concurrent) {
                concurrent[0]--;
            }
            allDone.countDown();
        });
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            q.submit(List.of(Integer.toString(i)));
        }
        long submitNanos = System.nanoTime() - start;
        assertTrue(delivered.isEmpty(), "nothing overtakes the hung first notification");
        release.countDown();
        assertTrue(allDone.await(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, delivered);
        assertEquals(1, concurrent[1], "one at a time");
        assertTrue(submitNanos < TimeUnit.SECONDS.toNanos(1), "submitting 500 behind a hung one did not wait");
        q.close();
    }

    @Test
    void fifoLinesHaveKeepalivedsFormat() {
        assertEquals("INSTANCE \"VI_1\" MASTER 150", NotifyFifo.line("INSTANCE", "VI_1", "MASTER", 150));
        assertEquals("GROUP \"EDGE\" FAULT 0", NotifyFifo.line("GROUP", "EDGE", "FAULT", 0));
    }
}
