package io.floatip.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's notify_fifo: one line per state change, {@code INSTANCE "VI_1" MASTER 150}, written in order on
 * a thread of its own, because opening a FIFO blocks until someone reads it. If the reader goes away, the
 * next line reopens it.
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Path path;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread thread;
    private OutputStream out;

    public NotifyFifo(Path path) {
        this.path = path;
        this.thread = new Thread(this::run, "notify-fifo");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The line keepalived writes: kind (INSTANCE or GROUP), the quoted name, the state, the priority. */
    public static String line(String kind, String name, String state, int priority) {
        return kind + " \"" + name + "\" " + state + " " + priority;
    }

    /** Any thread; never blocks. */
    public void write(String line) {
        lines.add(line);
    }

    private void run() {
        while (true) {
            String line;
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                return;
            }
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    if (out == null) {
                        out = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    }
                    out.write(bytes);
                    out.flush();
                    break;
                } catch (IOException e) {
                    closeQuietly();
                    if (attempt == 1) {
                        log.warn("notify_fifo {}: {}", path, e.getMessage());
                    }
                }
            }
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // reopened on the next line
            }
            out = null;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
