package io.floatip.agent;

import io.floatip.base.Scheduler;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time moves only when the test says: tasks run in time order, no threads. */
public final class VirtualScheduler implements Scheduler {
    private record Task(long at, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long now() {
        return now;
    }

    @Override
    public void schedule(long at, Runnable task) {
        tasks.add(new Task(at, seq++, task));
    }

    /** Runs everything due up to {@code until}, then sets the clock to it. */
    public void advanceTo(long until) {
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            Task t = tasks.poll();
            now = Math.max(now, t.at);
            t.run.run();
        }
        now = until;
    }

    /** {@link #advanceTo} {@code by} nanoseconds from now. */
    public void advance(long by) {
        advanceTo(now + by);
    }
}
