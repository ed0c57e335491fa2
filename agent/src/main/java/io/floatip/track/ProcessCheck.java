package io.floatip.track;

import io.floatip.base.Scheduler;
import io.floatip.config.ProcessConfig;
import java.util.concurrent.TimeUnit;

/**
 * One tracked process on the event loop: up while at least {@code quorum} matching processes run. Going up is
 * immediate; going down waits {@code delay} (keepalived's delay) and happens only if the count is still below
 * quorum then. Tells its listeners on each change. Loop thread only; the counts come from {@link ProcessWatch}.
 */
public final class ProcessCheck extends UpDown {

    private final ProcessConfig config;
    private final Scheduler loop;
    private int count;
    private boolean up;
    /** Counts the losses, so a delayed "down" from an earlier loss does not apply after a recovery. */
    private long loss;

    public ProcessCheck(ProcessConfig config, Scheduler loop, int initialCount) {
        this.config = config;
        this.loop = loop;
        this.count = initialCount;
        this.up = initialCount >= config.quorum();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean up() {
        return up;
    }

    public int count() {
        return count;
    }

    public int quorum() {
        return config.quorum();
    }

    /** The watch counted {@code n} processes. */
    public void counted(int n) {
        boolean wasBelow = count < config.quorum();
        count = n;
        if (n >= config.quorum()) {
            loss++;
            set(true);
            return;
        }
        if (!up || wasBelow) {
            return; // already down, or its delay already runs
        }
        if (config.delayMillis() == 0) {
            set(false);
            return;
        }
        long mine = ++loss;
        loop.schedule(loop.now() + TimeUnit.MILLISECONDS.toNanos(config.delayMillis()), () -> {
            if (loss == mine && count < config.quorum()) {
                set(false);
            }
        });
    }

    private void set(boolean nowUp) {
        if (nowUp == up) {
            return;
        }
        up = nowUp;
        changed();
    }

    /** For status: "3 running (quorum 1)". */
    public String describe() {
        return count + " running (quorum " + config.quorum() + ")";
    }

    @Override
    public String detail() {
        return ", " + describe();
    }
}
