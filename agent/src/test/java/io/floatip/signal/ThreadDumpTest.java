package io.floatip.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The SIGQUIT dump, read the way one reads the JVM's own. */
class ThreadDumpTest {

    @Test
    void eachThreadHasItsNameIdStateAndFrames() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // the test is over
            }
        }, "sg-dump-waiter");
        sleeper.setDaemon(true);
        sleeper.start();
        try {
            while (sleeper.getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            String dump = ThreadDump.of(Thread.getAllStackTraces());
            assertTrue(dump.startsWith("Full thread dump "), dump);
            String header = "\"sg-dump-waiter\" #" + sleeper.getId() + " daemon prio=5\n"
                    + "   java.lang.Thread.State: WAITING\n\tat ";
            assertTrue(dump.contains(header), dump);
            int at = dump.indexOf(header);
            String block = dump.substring(at, dump.indexOf("\n\n", at));
            assertTrue(block.contains("java.util.concurrent.CountDownLatch.await"), block);
            assertTrue(block.contains("ThreadDumpTest.lambda$"), block);
            assertTrue(dump.contains("\"" + Thread.currentThread().getName() + "\" #"), "the caller too");
        } finally {
            release.countDown();
        }
    }
}
