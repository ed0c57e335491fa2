package io.floatip.track;

import io.floatip.base.LogLimit;
import io.floatip.base.Scheduler;
import io.floatip.config.ScriptConfig;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keepalived vrrp_script at run time: runs every interval, counts rise and fall, and tells its
 * listeners when the script comes up or goes down. Runs once however many instances track it. A run still
 * going at the next tick makes that tick skip (logged once per streak), so a hung script never piles up.
 * Loop thread only.
 */
public final class CheckScript extends UpDown {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final ScriptConfig config;
    private final Scheduler scheduler;
    private final ScriptRunner runner;
    private final ScriptState state;
    private final long intervalNanos;
    private boolean running;
    private boolean stopped;
    private long nextTick;
    private ScriptOutcome last;
    private long runs;
    private long failures;
    private long skips;

    public CheckScript(ScriptConfig config, Scheduler scheduler, ScriptRunner runner) {
        this.config = config;
        this.scheduler = scheduler;
        this.runner = runner;
        this.state = new ScriptState(config.rise(), config.fall(), !config.initFail());
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.intervalMillis());
    }

    /** No more runs (a reload replaced or dropped this script); a run under way ends on its own. */
    public void stop() {
        stopped = true;
    }

    /** The first run starts at once, so tracking reflects reality within one script run of startup. */
    public void start() {
        nextTick = scheduler.now();
        tick();
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (running) {
            skips++;
            if (LogLimit.shouldLog(skips)) { // a script that always hangs would otherwise log every interval
                log.warn("script {}: the previous run is still going; skipping this run ({} skipped so far)",
                        config.name(), skips);
            }
        } else {
            running = true;
            runs++;
            runner.start(config.command().argv(), config.timeoutMillis(), this::finished);
        }
        // Keep the cadence of the ticks, not of the runs' ends.
        nextTick += intervalNanos;
        if (nextTick <= scheduler.now()) {
            nextTick = scheduler.now() + intervalNanos;
        }
        scheduler.schedule(nextTick, this::tick);
    }

    private void finished(ScriptOutcome outcome) {
        running = false;
        if (stopped) {
            return;
        }
        last = outcome;
        if (!outcome.success()) {
            failures++;
        }
        if (log.isDebugEnabled()) {
            log.debug("script {}: run {}: {}", config.name(), runs, outcome.detail());
        }
        if (state.record(outcome.success())) {
            log.info("script {}: {} ({}; {} {} in a row)", config.name(), state.up() ? "up" : "down",
                    outcome.detail(), state.up() ? config.rise() : config.fall(),
                    state.up() ? "successes" : "failures");
            changed();
        }
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean up() {
        return state.up();
    }

    public boolean running() {
        return running;
    }

    public ScriptOutcome last() {
        return last;
    }

    public long runs() {
        return runs;
    }

    public long failures() {
        return failures;
    }

    public long skips() {
        return skips;
    }
}
