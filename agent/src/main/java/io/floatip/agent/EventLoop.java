package io.floatip.agent;

import io.floatip.base.Scheduler;
import io.floatip.router.Router;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns every router and every timer. Other threads (captures, link monitor, signal
 * handlers) only {@link #execute} tasks on it, so the protocol logic needs no locks. Between tasks it sleeps
 * until the earliest router deadline or scheduled task, whichever comes first.
 *
 * <p>Its steady state allocates nothing: tasks wait in a fixed array (a linked queue makes a node per task)
 * and the loop sleeps in {@code parkNanos} (a condition's timed wait makes a node per wait). A task that finds
 * the array full waits in an unbounded overflow queue instead, and so do the tasks after it, so that each
 * thread's tasks still run in the order it gave them. Routers wait in a heap by deadline ({@link TimerHeap}), so
 * a wake-up costs what is due, not the number of instances, and adverts due close together share one.
 */
public final class EventLoop implements Scheduler, java.util.concurrent.Executor {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

    /** Room for a burst: 100 instances' adverts and a check round at once. */
    static final int CAPACITY = 1024;

    private final ArrayBlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(CAPACITY);
    private final ConcurrentLinkedQueue<Runnable> overflow = new ConcurrentLinkedQueue<>();
    /** The loop is parked, or about to: a new task must unpark it. */
    private volatile boolean sleeping;
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>();
    private final TimerHeap routers = new TimerHeap();
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;

    private volatile int realtimePriority;

    public EventLoop() {
        thread = new Thread(this::run, "floatip-loop");
    }

    /** Before {@link #start()}: the loop runs at this SCHED_RR priority (0: ordinary). */
    public void realtimePriority(int priority) {
        this.realtimePriority = priority;
    }

    public void start() {
        thread.start();
    }

    /**
     * Any thread but the loop's: {@code task}'s result, computed on the loop. Its exception comes back as an
     * IllegalStateException "{@code what} failed"; a loop that does not answer in time, as the time-out.
     */
    <T> T call(Supplier<T> task, long timeout, TimeUnit unit, String what)
            throws InterruptedException, TimeoutException {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(timeout, unit);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    /** Any thread: run {@code task} on the loop. */
    @Override
    public void execute(Runnable task) {
        if (!overflow.isEmpty() || !tasks.offer(task)) {
            overflow.add(task);
        }
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Loop thread only: run {@code task} at {@code at} (System.nanoTime clock). */
    @Override
    public void schedule(long at, Runnable task) {
        scheduled.add(new Scheduled(at, sequence++, task));
    }

    /** Loop thread only: the loop fires this router's timers from now on. */
    public void add(Router router) {
        routers.add(router);
    }

    public void remove(Router router) {
        routers.remove(router);
    }

    /** For a test that counts what the loop thread allocates. */
    long threadId() {
        return thread.getId();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Stops after the tasks already queued; waits for the thread. */
    public void stop(long timeoutMillis) throws InterruptedException {
        execute(() -> running = false);
        thread.join(timeoutMillis);
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    private void run() {
        io.floatip.net.Realtime.preciseTimers();
        String problem = io.floatip.net.Realtime.applyToCurrentThread(realtimePriority);
        if (problem != null) {
            log.warn("{}", problem);
        } else if ((problem = io.floatip.net.Realtime.applyToVmThread(realtimePriority)) != null) {
            log.warn("{}", problem);
        }
        while (running) {
            try {
                // Whatever arrived by now first: an advert queued just as the Master_Down_Timer ran out was
                // heard before it did (its time is the kernel's), and must reset it rather than lose to it.
                runQueued();
                long now = now();
                fireDue(now);
                long wait = nextDeadline() - now();
                if (wait > 0) {
                    sleeping = true;
                    // Checked after saying so: a task given from here on unparks us, one given before is seen.
                    if (tasks.isEmpty() && overflow.isEmpty()) {
                        LockSupport.parkNanos(this, wait);
                    }
                    sleeping = false;
                    if (Thread.interrupted()) {
                        running = false;
                    }
                }
                runQueued();
            } catch (RuntimeException | StackOverflowError e) {
                // A bug in one task must not stop failover for every instance.
                if (e instanceof StackOverflowError) {
                    io.floatip.status.Refusals.count(io.floatip.status.Refusal.ERROR_SURVIVED);
                    log.error("event loop task failed: {}", e.toString());
                } else {
                    log.error("event loop task failed", e);
                }
            } catch (VirtualMachineError e) {
                LastResort.run(e); // out of memory: hand over and exit
            }
        }
    }

    private void runQueued() {
        Runnable task = next();
        while (task != null) {
            task.run();
            task = next();
        }
    }

    private Runnable next() {
        Runnable task = tasks.poll();
        return task != null ? task : overflow.poll();
    }

    /** Every router due, and the adverts due within a few ms of now with them (TimerHeap.fire says which). */
    private void fireDue(long now) {
        routers.fire(now);
        while (!scheduled.isEmpty() && scheduled.peek().at <= now) {
            scheduled.poll().task.run();
        }
    }

    private long nextDeadline() {
        long next = routers.next();
        if (!scheduled.isEmpty()) {
            next = Math.min(next, scheduled.peek().at);
        }
        // Cap the sleep so a clock jump or a missed wake-up cannot stall the loop for long.
        return Math.min(next, now() + TimeUnit.SECONDS.toNanos(1));
    }

    private record Scheduled(long at, long seq, Runnable task) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
