package io.floatip.track;

import io.floatip.base.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's track_file: a file holding an integer, re-read when it changes (its modification time or size,
 * looked at every second: a stat, cheap enough for the loop thread). A missing or empty file counts as 0; a
 * file that is not an integer counts as 0 and is logged once per change.
 */
public final class TrackedFileWatch {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final Scheduler scheduler;
    private final LongConsumer onValue;
    private String lastStamp;
    private long value;
    private boolean stopped;

    public TrackedFileWatch(Path path, Scheduler scheduler, LongConsumer onValue) {
        this.path = path;
        this.scheduler = scheduler;
        this.onValue = onValue;
    }

    /** Reads the file now (the value is reported even if 0) and then every second. */
    public void start() {
        value = read();
        lastStamp = stamp();
        onValue.accept(value);
        scheduler.schedule(scheduler.now() + PERIOD_NANOS, this::poll);
    }

    /** No more polls (a reload dropped this tracking). */
    public void stop() {
        stopped = true;
    }

    private void poll() {
        if (stopped) {
            return;
        }
        String stamp = stamp();
        if (!stamp.equals(lastStamp)) {
            lastStamp = stamp;
            long v = read();
            if (v != value) {
                value = v;
                onValue.accept(v);
            }
        }
        scheduler.schedule(scheduler.now() + PERIOD_NANOS, this::poll);
    }

    private String stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }

    private long read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return 0;
        }
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            log.warn("track file {}: '{}' is not an integer; counting 0", path,
                    text.length() > 20 ? text.substring(0, 20) + "..." : text);
            return 0;
        }
    }

    public long value() {
        return value;
    }
}
