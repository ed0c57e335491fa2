package io.floatip.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings that apply to the whole agent.
 *
 * @param scriptUser       the user check and notify scripts run as, as resolved at load (see the README);
 *                         null when the config has no scripts or notify commands
 * @param allowRootScripts the config allows scripts to run as root when no script user can be found
 * @param notifyFifo       a FIFO that state changes are written to, one line each; null means none
 * @param controlSocket    the UNIX socket {@code floatip status} and {@code floatip reload} talk to
 * @param metricsListen    where Prometheus metrics are served over HTTP; null means not at all
 * @param realtimePriority SCHED_RR priority (1..99) for the threads that carry the protocol's timing (the event
 *                         loop and the captures), like keepalived's vrrp_rt_priority; 0 means ordinary scheduling
 * @param splitBrainYield  split_brain: yield: a master in a split brain whose other holder's dropped advert has
 *                         the higher priority steps down (FAULT) while those adverts keep coming; false: report
 * @param notifyFifoScript keepalived's notify_fifo_script: the FIFO's reader, which the agent starts (with the
 *                         FIFO's path appended) as the script user, and restarts; null means none
 */
public record GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
        Path notifyFifo, Path controlSocket, InetSocketAddress metricsListen, int realtimePriority,
        Path stateDir, boolean splitBrainYield, Command notifyFifoScript) {

    /** No FIFO reader. */
    public GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
            Path notifyFifo, Path controlSocket, InetSocketAddress metricsListen, int realtimePriority,
            Path stateDir, boolean splitBrainYield) {
        this(routerId, logLevel, scriptUser, allowRootScripts, notifyFifo, controlSocket, metricsListen,
                realtimePriority, stateDir, splitBrainYield, null);
    }

    /** With split_brain: report, the default. */
    public GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
            Path notifyFifo, Path controlSocket, InetSocketAddress metricsListen, int realtimePriority,
            Path stateDir) {
        this(routerId, logLevel, scriptUser, allowRootScripts, notifyFifo, controlSocket, metricsListen,
                realtimePriority, stateDir, false);
    }

    /** Accepted {@code split_brain} values; the first is the default. */
    public static final List<String> SPLIT_BRAIN = List.of("report", "yield");

    public static final int MAX_REALTIME_PRIORITY = 99;

    /** Accepted {@code log_level} values, quietest first. */
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug");
    public static final String DEFAULT_LOG_LEVEL = "info";
    /** The user scripts run as when the config names none and this one exists. */
    public static final String DEFAULT_SCRIPT_USER = "floatip_script";
    /** Where the agent listens for status and reload requests unless the config says otherwise. */
    public static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/floatip/control.sock");
    /** What must survive a restart or a reboot (the drain), unless the config says otherwise. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/floatip");

    public GlobalConfig {
        Objects.requireNonNull(routerId, "routerId");
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("log level must be one of " + LOG_LEVELS + ": " + logLevel);
        }
        if (scriptUser != null && !UserNames.isPlausible(scriptUser)) {
            throw new IllegalArgumentException("not a user name: '" + scriptUser + "'");
        }
        if (notifyFifo != null && !notifyFifo.isAbsolute()) {
            throw new IllegalArgumentException("notifyFifo must be an absolute path: " + notifyFifo);
        }
        if (notifyFifoScript != null && notifyFifo == null) {
            throw new IllegalArgumentException("notifyFifoScript needs notifyFifo: the reader is given its path");
        }
        if (realtimePriority < 0 || realtimePriority > MAX_REALTIME_PRIORITY) {
            throw new IllegalArgumentException("realtimePriority must be 0.." + MAX_REALTIME_PRIORITY);
        }
        Objects.requireNonNull(controlSocket, "controlSocket");
        if (!controlSocket.isAbsolute()) {
            throw new IllegalArgumentException("controlSocket must be an absolute path: " + controlSocket);
        }
        Objects.requireNonNull(stateDir, "stateDir");
        if (!stateDir.isAbsolute()) {
            throw new IllegalArgumentException("stateDir must be an absolute path: " + stateDir);
        }
    }

    /** The default state directory. */
    public GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
            Path notifyFifo, Path controlSocket, InetSocketAddress metricsListen, int realtimePriority) {
        this(routerId, logLevel, scriptUser, allowRootScripts, notifyFifo, controlSocket, metricsListen,
                realtimePriority, DEFAULT_STATE_DIR);
    }

    /** Ordinary scheduling. */
    public GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
            Path notifyFifo, Path controlSocket, InetSocketAddress metricsListen) {
        this(routerId, logLevel, scriptUser, allowRootScripts, notifyFifo, controlSocket, metricsListen, 0);
    }

    /** The default control socket, no metrics. */
    public GlobalConfig(String routerId, String logLevel, String scriptUser, boolean allowRootScripts,
            Path notifyFifo) {
        this(routerId, logLevel, scriptUser, allowRootScripts, notifyFifo, DEFAULT_CONTROL_SOCKET, null);
    }

    /** No scripts, no FIFO, the default control socket, no metrics. */
    public GlobalConfig(String routerId, String logLevel) {
        this(routerId, logLevel, null, false, null);
    }
}
