package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.router.Router;
import io.floatip.router.NoActions;
import io.floatip.router.RouterConfig;
import io.floatip.router.State;
import io.floatip.router.Timers;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The event loop's timer heap and its coalescing rule, in virtual time: the loop is modelled as waking exactly
 * at {@link TimerHeap#next()} and calling {@link TimerHeap#fire}, which is what EventLoop does on the clock.
 */
class TimerHeapTest {
    private static final long MS = 1_000_000L;

    /** Every advert a router sends: when, and the deadline it served (NEVER for the first, at a takeover). */
    private record Sent(int router, long at, long deadline) {
    }

    private static final class World extends NoActions {
        final TimerHeap heap = new TimerHeap();
        final List<Router> routers = new ArrayList<>();
        final Map<Router, Integer> index = new HashMap<>();
        final List<Sent> sent = new ArrayList<>();
        /** When each router became MASTER, and the Master_Down_Timer it had then. */
        final Map<Integer, long[]> tookOver = new HashMap<>();
        long now;
        long wakeUps;

        Router add(int priority, int centis) {
            try {
                int i = routers.size();
                Router r = new Router(new RouterConfig("VI_" + i, 1 + i % 255, 3, priority, centis, true, 0,
                        InetAddress.getByName("198.51.100.11")), this);
                routers.add(r);
                index.put(r, i);
                heap.add(r);
                return r;
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void sendAdvert(Router r, int priority) {
            long deadline = r.state() == State.MASTER ? r.nextDeadline() : Router.NEVER;
            sent.add(new Sent(index.get(r), now, deadline));
        }

        @Override
        public String claimVips(Router r) {
            tookOver.put(index.get(r), new long[] {now, r.nextDeadline()});
            return null;
        }

        /** Wakes at each deadline until {@code end}; {@code starts} are startup events (router, time). */
        void run(long end, TreeSet<long[]> starts) {
            while (true) {
                long next = heap.next();
                long[] start = starts.isEmpty() ? null : starts.first();
                if (start != null && start[1] <= next) {
                    now = Math.max(now, start[1]);
                    starts.pollFirst();
                    Router r = routers.get((int) start[0]);
                    r.startup(now);
                    // What it was, before fire: the deadline the Master_Down_Timer must not fire before.
                    continue;
                }
                if (next > end) {
                    now = end;
                    return;
                }
                now = next;
                wakeUps++;
                heap.fire(now);
                assertEquals(bruteForceNext(), heap.next(), "the heap's top is the earliest deadline");
            }
        }

        long bruteForceNext() {
            long min = Router.NEVER;
            for (Router r : routers) {
                min = Math.min(min, r.nextDeadline());
            }
            return min;
        }
    }

    /** Masters that took over at scattered times, as when a master preempts instance by instance. */
    private static World scattered(int instances, int centis, long seconds, long seed) {
        World w = new World();
        Random random = new Random(seed);
        TreeSet<long[]> starts = new TreeSet<>((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1])
                : Long.compare(a[0], b[0]));
        long spread = Timers.centisToNanos(centis) * 3;
        for (int i = 0; i < instances; i++) {
            w.add(150, centis);
            starts.add(new long[] {i, 1 + (long) (random.nextDouble() * spread)});
        }
        w.run(seconds * 1000 * MS, starts);
        return w;
    }

    @Test
    void preemptingMastersOf255At100msDriftIntoTwoBurstsPerInterval() {
        World w = scattered(255, 10, 6, 19);
        assertCadence(w, 100 * MS);
        // Without coalescing each instance wakes the loop on its own: 2,550 wake-ups a second.
        long last = wakeUpsIn(w, 5_000 * MS, 6_000 * MS);
        assertTrue(last <= 10 * Timers.PHASES, Timers.PHASES + " bursts per 100 ms interval after the drift, found "
                + last + " wake-ups in the last second");
        long biggest = biggestBurst(w, 5_000 * MS, 6_000 * MS);
        int perGrid = (255 + Timers.PHASES - 1) / Timers.PHASES;
        assertTrue(biggest <= perGrid, "a burst carries at most " + perGrid + " of the 255 (a backup's ring holds "
                + "~330, 256 on a jumbo link): " + biggest);
        assertTrue(biggest >= perGrid * 3 / 4, "bursts were formed: " + biggest);
    }

    @Test
    void fiftyAt10msToo() {
        World w = scattered(50, 1, 3, 7);
        assertCadence(w, 10 * MS);
        long last = wakeUpsIn(w, 2_000 * MS, 3_000 * MS);
        assertTrue(last <= 100 * Timers.PHASES, "at most " + Timers.PHASES + " bursts per 10 ms interval, found "
                + last + " in the last second (5,000 without coalescing)");
        assertTrue(biggestBurst(w, 2_000 * MS, 3_000 * MS) >= 20, "one burst per grid: 25 of the 50 each");
    }

    @Test
    void aMasterDownTimerIsNeverFiredEarlyEvenWhenAdvertsWakeTheLoopJustBeforeIt() {
        World w = new World();
        TreeSet<long[]> starts = new TreeSet<>((a, b) -> Long.compare(a[1], b[1]));
        // 20 masters whose adverts fall every 5 ms, and 10 backups that time out between them.
        for (int i = 0; i < 30; i++) {
            w.add(i < 20 ? 150 : 100, 10);
            starts.add(new long[] {i, 1 + i * 5 * MS - (i >= 20 ? 3 * MS : 0)});
        }
        w.run(3_000 * MS, starts);
        assertEquals(30, w.tookOver.size());
        for (Map.Entry<Integer, long[]> e : w.tookOver.entrySet()) {
            long at = e.getValue()[0];
            long startedAt = 1 + e.getKey() * 5 * MS - (e.getKey() >= 20 ? 3 * MS : 0);
            long bound = startedAt + Timers.masterDownInterval(e.getKey() < 20 ? 150 : 100, 10);
            assertEquals(bound, at, "instance " + e.getKey() + " took over exactly at Master_Down_Interval");
        }
    }

    @Test
    void nextAdvertIsNeverLaterThanTheCadenceNorEarlierThanHalfTheSlackNorInThePast() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            long interval = (1 + random.nextInt(4000)) * 10 * MS / 10;
            long due = Math.abs(random.nextLong() / 4);
            long now = due - interval + random.nextLong(interval);
            long next = Timers.nextAdvert(due, now, interval, random.nextInt(256));
            assertTrue(next <= due, "never later than the cadence");
            assertTrue(next >= due - Timers.advertSlack(interval) / 2, "never more than half the slack earlier");
            assertTrue(next > now, "never at or before now");
        }
        assertEquals(10 * MS, Timers.advertSlack(100 * MS));
        assertEquals(1 * MS, Timers.advertSlack(10 * MS));
        assertEquals(10 * MS, Timers.advertSlack(1000 * MS));
    }

    @Test
    void theHeapFollowsDeadlinesThatMoveEarlierAndRemovedRouters() {
        World w = new World();
        List<Router> rs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rs.add(w.add(100, 10));
            rs.get(i).startup(i * MS);
        }
        assertEquals(w.bruteForceNext(), w.heap.next());
        Random random = new Random(5);
        for (int step = 0; step < 2_000; step++) {
            Router r = rs.get(random.nextInt(rs.size()));
            long now = 100 * MS + step * MS;
            w.now = now;
            // A priority 0 advert moves a backup's deadline earlier (Skew_Time); an ordinary one, later.
            r.advertReceived(now, null, random.nextBoolean() ? 0 : 200, 10);
            assertEquals(w.bruteForceNext(), w.heap.next(), "after step " + step);
        }
        for (int i = 0; i < 40; i += 3) {
            w.heap.remove(rs.get(i));
            w.routers.remove(rs.get(i));
            assertEquals(w.bruteForceNext(), w.heap.next());
        }
        assertEquals(40 - 14, w.heap.size());
    }

    @Test
    void aWakeUpOf255MastersAllocatesNothing() throws Exception {
        NoActions quiet = new NoActions();
        TimerHeap heap = new TimerHeap();
        InetAddress primary = InetAddress.getByName("198.51.100.11");
        for (int i = 0; i < 255; i++) {
            Router r = new Router(new RouterConfig("VI_" + i, 1 + i, 3, 150, 10, true, 0, primary), quiet);
            heap.add(r);
            r.startup(i * 397_000L); // scattered, as after preempting
        }
        long[] now = {0};
        for (int i = 0; i < 6_000; i++) { // every router MASTER, and past the drift
            now[0] = heap.next();
            heap.fire(now[0]);
        }
        double perRun = Allocated.perRun(2_000, () -> {
            now[0] = heap.next();
            heap.fire(now[0]);
        });
        assertTrue(perRun < 1, perRun + " bytes per wake-up");
    }

    /** Every timer advert left no later than its deadline and no earlier than the early window; gaps near I. */
    private static void assertCadence(World w, long interval) {
        long early = Timers.advertEarly(interval);
        long slack = Timers.advertSlack(interval);
        Map<Integer, Long> last = new HashMap<>();
        int timed = 0;
        for (Sent s : w.sent) {
            if (s.deadline() != Router.NEVER) {
                timed++;
                assertTrue(s.at() <= s.deadline(), "advert later than its deadline: " + s);
                assertTrue(s.at() >= s.deadline() - early, "advert earlier than its window: " + s);
            }
            Long before = last.put(s.router(), s.at());
            if (before != null) {
                long gap = s.at() - before;
                assertTrue(gap >= interval - slack && gap <= interval + early,
                        "instance " + s.router() + ": gap " + gap + " ns, interval " + interval + " ns");
            }
        }
        assertTrue(timed > w.routers.size() * 10, "adverts sent: " + timed);
    }

    private static long biggestBurst(World w, long from, long to) {
        Map<Long, Long> bursts = new HashMap<>();
        w.sent.stream().filter(s -> s.at() >= from && s.at() < to).forEach(s -> bursts.merge(s.at(), 1L, Long::sum));
        return bursts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static long wakeUpsIn(World w, long from, long to) {
        return w.sent.stream().filter(s -> s.at() >= from && s.at() < to).mapToLong(Sent::at).distinct().count();
    }
}
