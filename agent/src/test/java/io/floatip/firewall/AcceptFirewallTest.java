package io.floatip.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.VirtualIp;
import io.floatip.lab.Lab;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the agent asks nft to do, with a recording nft (the real one is the host test's, AcceptModeHostTest):
 * the stale table goes at start, a change writes the whole table, a failure is counted and not thrown, the
 * stop removes the table.
 */
class AcceptFirewallTest {
    private static final String REMOVE = NftRuleset.remove();

    /** Records each script; fails while {@code error} is set; blocks while {@code gate} is closed. */
    private static final class Recording implements Nft {
        final List<String> scripts = new CopyOnWriteArrayList<>();
        volatile String error;
        volatile boolean present = true;
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        final java.util.concurrent.Semaphore done = new java.util.concurrent.Semaphore(0);

        @Override
        public String apply(String script) {
            entered.countDown();
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scripts.add(script);
            done.release();
            return error;
        }

        @Override
        public boolean present() {
            return present;
        }
    }

    private static VirtualIp vip(String text) throws Exception {
        return new VirtualIp(InetAddress.getByName(text), 24);
    }

    /** Waits for the nft thread by closing: close() drains it, then removes the table. */
    private static List<String> afterClose(AcceptFirewall f, Recording nft) {
        f.close();
        return nft.scripts;
    }

    @Test
    void aMasterRefusingWritesTheTableAndLeavingRemovesIt() throws Exception {
        Recording nft = new Recording();
        AcceptFirewall f = new AcceptFirewall(nft);
        f.removeStale(true);
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        assertEquals(List.of(vip("198.51.100.50")), f.refused("VI_1"));
        assertTrue(nft.done.tryAcquire(2, 5, TimeUnit.SECONDS), "the clean-up and the table written");
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50"))); // no change: nothing written
        f.refuse("VI_1", "eth0", List.of());
        List<String> scripts = afterClose(f, nft);
        assertEquals(REMOVE, scripts.get(0), "a killed run's table goes at start");
        assertTrue(scripts.get(1).contains("ip daddr 198.51.100.50 counter drop comment \"VI_1\""), scripts.get(1));
        assertEquals(List.of(REMOVE, REMOVE), scripts.subList(2, scripts.size()),
                "leaving MASTER empties it (no table left), and the stop removes it again");
        assertEquals(0, f.failures.get());
        assertEquals(2, f.applied.get());
    }

    @Test
    void changesFasterThanNftAreWrittenAsOneTableWithTheLatestWish() throws Exception {
        Recording nft = new Recording();
        nft.gate = new CountDownLatch(1);
        AcceptFirewall f = new AcceptFirewall(nft);
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        assertTrue(nft.entered.await(5, TimeUnit.SECONDS)); // nft is busy with this one
        f.refuse("VI_2", "eth0", List.of(vip("198.51.100.51")));
        f.refuse("VI_3", "eth0", List.of(vip("198.51.100.52")));
        nft.gate.countDown();
        List<String> scripts = afterClose(f, nft);
        assertEquals(3, scripts.size(), scripts::toString); // the first, one for the two that waited, the stop
        assertTrue(scripts.get(1).contains("198.51.100.51") && scripts.get(1).contains("198.51.100.52"));
    }

    @Test
    void aFailureIsCountedAndKeptForStatusNeverThrown() throws Exception {
        Recording nft = new Recording();
        nft.error = "nft exited 1: Error: Could not process rule: Operation not permitted";
        AcceptFirewall f = new AcceptFirewall(nft);
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        f.close();
        assertEquals(2, f.failures.get(), "the write, and the removal at stop");
        assertTrue(f.lastError().contains("Operation not permitted"), f.lastError());
    }

    @Test
    void withoutNftOnlyAConfigThatNeedsItComplainsAndTheStopRunsNothing() {
        Recording nft = new Recording();
        nft.present = false;
        AcceptFirewall quiet = new AcceptFirewall(nft);
        quiet.removeStale(false);
        quiet.close(); // waits for the nft thread
        assertEquals(0, quiet.failures.get());
        assertNull(quiet.lastError());
        AcceptFirewall needed = new AcceptFirewall(nft);
        needed.removeStale(true);
        needed.close();
        assertEquals(1, needed.failures.get());
        assertTrue(needed.lastError().contains("apt install nftables"), needed.lastError());
        assertEquals(List.of(), nft.scripts);
    }

    @Test
    void aRefusalAfterTheStopIsIgnored() throws Exception {
        Recording nft = new Recording();
        AcceptFirewall f = new AcceptFirewall(nft);
        f.close();
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        assertEquals(List.of(), nft.scripts);
    }

    /** A watch that records its start and close; the test calls {@code damaged} as the kernel's news would. */
    private static final class FakeWatch implements AcceptFirewall.Watcher {
        volatile Runnable damaged;
        volatile int starts;
        volatile boolean closed;

        @Override
        public AutoCloseable start(Runnable damaged) {
            this.damaged = damaged;
            starts++;
            return () -> closed = true;
        }
    }

    @Test
    void aTableSomethingElseRemovedIsWrittenAgainAtOnceThenNoMoreThanOnceASecond() throws Exception {
        Recording nft = new Recording();
        FakeWatch watch = new FakeWatch();
        AcceptFirewall f = new AcceptFirewall(nft, watch);
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        assertTrue(nft.done.tryAcquire(1, 5, TimeUnit.SECONDS), "the table written");
        Lab.await(Duration.ofSeconds(5), () -> watch.damaged != null, "the watch started after the first write");

        long at = System.nanoTime();
        watch.damaged.run(); // an nft flush ruleset
        assertTrue(nft.done.tryAcquire(1, 5, TimeUnit.SECONDS), "written again");
        assertEquals(nft.scripts.get(0), nft.scripts.get(1), "the same whole table");
        assertEquals(1, f.rewritten.get());
        watch.damaged.run(); // and at once another
        assertTrue(nft.done.tryAcquire(1, 5, TimeUnit.SECONDS), "written again once more");
        long took = System.nanoTime() - at;
        assertTrue(took >= AcceptFirewall.REWRITE_GAP_NANOS, "a second apart at least: " + took / 1_000_000 + " ms");
        assertEquals(2, f.rewritten.get());
        assertEquals(1, watch.starts, "one watch for the agent's life");

        f.refuse("VI_1", "eth0", List.of());
        assertTrue(nft.done.tryAcquire(1, 5, TimeUnit.SECONDS), "the table removed: nothing refused");
        watch.damaged.run(); // our own removal's news, or anyone's: no table is wanted
        List<String> scripts = afterClose(f, nft);
        assertEquals(List.of(REMOVE, REMOVE), scripts.subList(3, scripts.size()), "nothing written again");
        assertEquals(2, f.rewritten.get());
        assertTrue(watch.closed, "the stop closes the watch");
    }

    @Test
    void aWatchThatCannotStartIsTriedOnceAndChangesNothingElse() throws Exception {
        Recording nft = new Recording();
        int[] tries = {0};
        AcceptFirewall f = new AcceptFirewall(nft, damaged -> {
            tries[0]++;
            throw new java.io.IOException("Operation not permitted");
        });
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.50")));
        assertTrue(nft.done.tryAcquire(1, 5, TimeUnit.SECONDS), "the table written");
        f.refuse("VI_1", "eth0", List.of(vip("198.51.100.51")));
        List<String> scripts = afterClose(f, nft);
        assertEquals(3, scripts.size(), scripts::toString);
        assertEquals(1, tries[0]);
        assertEquals(0, f.failures.get(), "the tables were written");
    }
}
