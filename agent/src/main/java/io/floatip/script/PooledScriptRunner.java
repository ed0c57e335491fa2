package io.floatip.script;

import io.floatip.track.ScriptOutcome;
import io.floatip.track.ScriptRunner;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs check scripts on a pool of daemon threads and hands each outcome back to the event loop. */
public final class PooledScriptRunner implements ScriptRunner, AutoCloseable {
    private final ScriptProcess process;
    private final Executor loop;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "floatip-script");
        t.setDaemon(true);
        return t;
    });

    public PooledScriptRunner(ScriptProcess process, Executor loop) {
        this.process = process;
        this.loop = loop;
    }

    @Override
    public void start(List<String> argv, long timeoutMillis, Consumer<ScriptOutcome> done) {
        pool.execute(() -> {
            ScriptOutcome outcome = process.run(argv, timeoutMillis);
            loop.execute(() -> done.accept(outcome));
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
