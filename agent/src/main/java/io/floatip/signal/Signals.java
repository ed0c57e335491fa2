package io.floatip.signal;

import static io.floatip.signal.SignalMask.SIGHUP;
import static io.floatip.signal.SignalMask.SIGINT;
import static io.floatip.signal.SignalMask.SIGQUIT;
import static io.floatip.signal.SignalMask.SIGTERM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Installs the agent's signal actions: a stop on TERM and INT, a reload on HUP, and in the sigwait mode a
 * thread dump on QUIT (the JVM's own does it otherwise). The sigwait mode is taken only when the launcher
 * asked for it and every thread blocks the four signals; else the JVM's handlers, as before the mode.
 */
public final class Signals {
    /** Set by the launcher (agent/bin/floatip) and io.floatip.lab.AgentCommand when they block the signals. */
    public static final String PROPERTY = "floatip.signals";
    public static final String SIGWAIT = "sigwait";

    /** How signals reach the agent; NONE when -Xrs took the JVM's handlers and the signals are not blocked. */
    public enum Mode { SIGWAIT, JVM, NONE }

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path THIS_THREAD = Path.of("/proc/thread-self/status");

    private Signals() {
    }

    public static Mode install(Runnable stop, Runnable reload, Runnable threadDump) {
        if (SIGWAIT.equals(System.getProperty(PROPERTY))) {
            String open = threadNotBlocking();
            if (open == null) {
                new SignalWaiter(Map.of(SIGTERM, stop, SIGINT, stop, SIGHUP, reload, SIGQUIT, threadDump)).start();
                return Mode.SIGWAIT;
            }
            log().debug("signals: {} does not block TERM, INT, HUP and QUIT; the JVM's handlers instead", open);
        }
        try {
            Signal.handle(new Signal("TERM"), s -> stop.run());
            Signal.handle(new Signal("INT"), s -> stop.run());
            Signal.handle(new Signal("HUP"), s -> reload.run());
            return Mode.JVM;
        } catch (IllegalArgumentException e) {
            // -Xrs without the signals blocked: their default actions stand, so a SIGTERM ends the JVM at once.
            log().warn("signals: the JVM runs with -Xrs but the signals are not blocked, so SIGTERM ends the agent "
                    + "without a priority 0 advert (the backups wait out Master_Down_Interval); start it with the "
                    + "floatip launcher, or without -Xrs");
            return Mode.NONE;
        }
    }

    /** The first thread of this process that does not block all four signals, named; null when none. */
    static String threadNotBlocking() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"), StandardCharsets.ISO_8859_1);
                } catch (NoSuchFileException e) {
                    continue; // the thread ended meanwhile
                }
                SignalMask mask = SignalMask.fromStatus(status);
                if (mask == null || !mask.blocksAll(SignalMask.TAKEN)) {
                    return "thread " + task.getFileName() + " " + nameOf(status);
                }
            }
            return null;
        } catch (IOException e) {
            return TASKS + " (" + e.getMessage() + ")";
        }
    }

    /**
     * Whether the calling thread blocks TERM, INT or HUP: a child process started from it inherits that mask
     * across exec, so in the sigwait mode scripts need them unblocked. (QUIT is left out: the JVM blocks it in
     * its threads in either mode, and a script does not need it.)
     */
    public static boolean blockedInThisThread() {
        try {
            SignalMask mask = SignalMask.fromStatus(Files.readString(THIS_THREAD, StandardCharsets.ISO_8859_1));
            return mask != null && mask.blocksAny(SignalMask.STOP_AND_RELOAD);
        } catch (IOException e) {
            return false; // no /proc: no way to tell, and nothing of ours blocked them
        }
    }

    private static String nameOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Name:")) {
                return "(" + line.substring(5).strip() + ")";
            }
        }
        return "";
    }

    private static Logger log() {
        return LoggerFactory.getLogger("floatip");
    }
}
