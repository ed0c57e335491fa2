package io.floatip.track;

import io.floatip.base.Scheduler;
import io.floatip.status.Refusals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's track_file: a file holding an integer, re-read when it changes (its modification time, size or
 * identity, looked at every second). The stat and the read run on {@code files}, never on the loop: a file on
 * a hung mount, a FIFO or a device must not stop the adverts. What the file gives is in
 * {@link TrackedFileReader}; each refusal is counted and logged once per change of the file.
 */
public final class TrackedFileWatch {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final Scheduler scheduler;
    private final Executor files;
    private final Executor loop;
    private final LongConsumer onValue;
    /** A look at the file is queued or running on {@code files}: the next poll does not queue another. */
    private final AtomicBoolean inFlight = new AtomicBoolean();
    /** Files thread only. */
    private String lastStamp;
    private long value;
    private boolean reported;
    private volatile boolean stopped;

    /**
     * @param scheduler the loop's clock, for the one-second polls
     * @param files     where the stat and the read run (a thread of their own in the agent)
     * @param loop      where {@code onValue} runs (the event loop in the agent)
     */
    public TrackedFileWatch(Path path, Scheduler scheduler, Executor files, Executor loop, LongConsumer onValue) {
        this.path = path;
        this.scheduler = scheduler;
        this.files = files;
        this.loop = loop;
        this.onValue = onValue;
    }

    /** Reads the file soon (the value is reported even if 0) and then every second. Loop thread. */
    public void start() {
        poll();
    }

    /** No more polls (a reload dropped this tracking). */
    public void stop() {
        stopped = true;
    }

    private void poll() {
        if (stopped) {
            return;
        }
        if (inFlight.compareAndSet(false, true)) {
            files.execute(this::look);
        }
        scheduler.schedule(scheduler.now() + PERIOD_NANOS, this::poll);
    }

    /** Files thread. */
    private void look() {
        try {
            String stamp = stamp();
            if (reported && stamp.equals(lastStamp)) {
                return;
            }
            lastStamp = stamp;
            FileReading r = TrackedFileReader.read(path);
            if (r.refused() != null) {
                long n = Refusals.count(r.refused());
                log.warn("track file {} {} ({} {} so far)", path, r.why(), r.refused().key(), n);
            }
            // Ignored (out of range) keeps the last value; at the first read there is none yet: 0.
            long v = r.value() != null ? r.value() : reported ? value : 0;
            if (reported && v == value) {
                return;
            }
            value = v;
            reported = true;
            loop.execute(() -> {
                if (!stopped) {
                    onValue.accept(v);
                }
            });
        } catch (RuntimeException e) {
            log.warn("track file {}: {}", path, e.toString());
        } finally {
            inFlight.set(false);
        }
    }

    private String stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + Objects.toString(a.fileKey());
        } catch (IOException e) {
            return "absent";
        }
    }

    /** The last value read (files thread's view). */
    public long value() {
        return value;
    }
}
