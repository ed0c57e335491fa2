package io.floatip.systemd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for the agent, without libsystemd: each message is one datagram to the AF_UNIX socket that
 * systemd names in {@code $NOTIFY_SOCKET} for a {@code Type=notify} service.
 *
 * <p>Notifying is best effort and must never take the agent down: no method throws. The first failure is
 * logged as a warning (it usually means a wrong NOTIFY_SOCKET, or a sandbox that forbids AF_UNIX); every
 * failure is counted in {@link #failures()}. Without NOTIFY_SOCKET (not started by systemd, or
 * {@code Type=simple}) every method does nothing.
 *
 * <p>Thread-safe: nothing is shared but two atomics; each message opens, sends on and closes its own socket,
 * and never blocks (a full receiver queue is a counted failure, not a stall of the event loop).
 *
 * <p>Child processes do not see the socket through us: scripts run with a clean environment (PATH and LANG
 * only), so a script cannot speak for the agent.
 */
public final class SdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);

    private final String socket;
    private final byte[] address;
    private final String unusable;
    private final Consumer<String> warn;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param socket NOTIFY_SOCKET's value: {@code /path/to/socket} or {@code @abstract-name}; null or empty
     *               for an instance that does nothing
     */
    public SdNotify(String socket) {
        this(socket, LOG::warn);
    }

    /** As {@link #SdNotify(String)}, with the one warning handed to {@code warn} (tests read it). */
    SdNotify(String socket, Consumer<String> warn) {
        this.socket = socket == null || socket.isEmpty() ? null : socket;
        this.warn = warn;
        byte[] built = null;
        String why = null;
        if (this.socket != null) {
            try {
                built = UnixAddress.of(this.socket);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        this.address = built;
        this.unusable = why;
    }

    /** From {@code $NOTIFY_SOCKET}; an instance that does nothing when it is unset. */
    public static SdNotify fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static SdNotify fromEnvironment(Map<String, String> environment) {
        return new SdNotify(environment.get("NOTIFY_SOCKET"));
    }

    /** Whether there is a socket to notify (messages may still fail: see {@link #failures()}). */
    public boolean enabled() {
        return socket != null;
    }

    /** Messages that could not be sent since this instance was made. */
    public long failures() {
        return failures.get();
    }

    /** READY=1: start-up is over (or, after {@link #reloading()}, the reload is). */
    public void ready() {
        send("READY=1");
    }

    /**
     * STATUS=line, what {@code systemctl status} shows, e.g. {@code VI_1 MASTER, VI_2 BACKUP}. A line break
     * would start another field of the message, so CR and LF become spaces.
     */
    public void status(String line) {
        String text = line == null ? "" : line.replace('\r', ' ').replace('\n', ' ');
        send("STATUS=" + text);
    }

    /**
     * RELOADING=1 with MONOTONIC_USEC, in one datagram: systemd 253+ needs the timestamp for
     * {@code Type=notify-reload}; older versions ignore the field. Send {@link #ready()} when the reload is done.
     */
    public void reloading() {
        long now;
        try {
            now = NativeCalls.monotonicMicros();
        } catch (RuntimeException | LinkageError e) {
            fail("cannot read CLOCK_MONOTONIC: " + e);
            return;
        }
        send("RELOADING=1\nMONOTONIC_USEC=" + now);
    }

    /** STOPPING=1: shutdown has begun (on SIGTERM), before the masters hand over. */
    public void stopping() {
        send("STOPPING=1");
    }

    /**
     * WATCHDOG=1: the event loop is alive. Send it from the event loop itself, every
     * {@link #watchdogInterval()}/2, never from a timer thread of its own: then a loop that is stuck (a
     * deadlock, a blocked call) stops the pings, and systemd kills and restarts the agent after WatchdogSec.
     */
    public void watchdog() {
        send("WATCHDOG=1");
    }

    /** Sends {@code message} as it is: one or more {@code KEY=value} lines, separated by '\n'. */
    public void send(String message) {
        if (socket == null) {
            return;
        }
        if (unusable != null) {
            fail("NOTIFY_SOCKET is unusable: " + unusable);
            return;
        }
        if (message == null || message.isEmpty()) {
            fail("empty message");
            return;
        }
        String why;
        try {
            why = NativeCalls.send(address, message.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException | LinkageError e) { // JNA or libc missing: still never the caller's problem
            why = e.toString();
        }
        if (why != null) {
            fail(why);
        }
    }

    private void fail(String why) {
        long count = failures.incrementAndGet();
        String text = "sd_notify to " + socket + " failed: " + why;
        if (warned.compareAndSet(false, true)) {
            warn.accept(text + " (later failures are counted, not logged)");
        } else {
            LOG.debug("{} (failure {})", text, count);
        }
    }

    /**
     * The watchdog timeout systemd enforces (WatchdogSec=), from {@code $WATCHDOG_USEC}; null when there is no
     * watchdog, or when {@code $WATCHDOG_PID} names another process (the variables were inherited, not meant
     * for us). Ping at half of it from the event loop (see {@link #watchdog()}).
     */
    public static Duration watchdogInterval() {
        return watchdogInterval(System.getenv(), ProcessHandle.current().pid());
    }

    static Duration watchdogInterval(Map<String, String> environment, long ownPid) {
        String pid = environment.get("WATCHDOG_PID");
        if (pid != null && !pid.isEmpty()) {
            Long parsed = parsePositive(pid);
            if (parsed == null || parsed != ownPid) {
                return null;
            }
        }
        String usec = environment.get("WATCHDOG_USEC");
        Long micros = usec == null ? null : parsePositive(usec);
        return micros == null ? null : Duration.ofNanos(Math.multiplyExact(micros, 1_000L));
    }

    private static Long parsePositive(String text) {
        try {
            long value = Long.parseLong(text.trim());
            return value > 0 && value <= Long.MAX_VALUE / 1_000L ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return socket == null ? "SdNotify(off)" : "SdNotify(" + socket + ")";
    }
}
