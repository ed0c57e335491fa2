package io.floatip.bench;

import io.floatip.lab.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One of the two agents under test, started the same way on any lab node. */
interface AgentKind {

    /**
     * What to run on one node. VIPs are 198.51.100.50 for instance 1, 198.51.100.(149 + i) for instance
     * 1 < i <= 100 and 203.0.113.(i - 100) above (the scale run's 255 instances); VRIDs 51 for instance 1, 1 for instance 51, i for the others. {@code checks}, if not null, is tracked by instance 1 (scenario 3).
     */
    record Spec(String tag, int priority, int intervalCentis, int instances, Checks checks) {
        static Spec pair(String tag, int priority, int intervalCentis, Checks checks) {
            return new Spec(tag, priority, intervalCentis, 1, checks);
        }
    }

    /**
     * Two check scripts, both testing that a file exists, fall 2, rise 2, weight -60: {@code slow} every
     * second (keepalived's smallest vrrp_script interval), {@code fast} every {@code fastMillis} (floatip's
     * scenario; keepalived 2.2.7 refuses a script interval below 1 s, so it runs that one every second).
     */
    record Checks(Path script, Path slowFile, Path fastFile, int fastMillis) {
    }

    /** A started agent: its processes, its log, and the SIGTERM that makes a master resign. */
    interface Running {
        /** Every process of the agent (floatip: the JVM; keepalived: the parent and its VRRP child). */
        List<Long> pids();

        /** SIGTERM to the agent's main process, by pid. */
        void terminate();

        boolean awaitExit(Duration timeout);

        /** How many times the log said an instance entered MASTER. */
        int masterEntries();

        /** How many times the log said an instance left MASTER (to BACKUP or FAULT) while still running. */
        int masterExits();

        List<String> log();
    }

    String name();

    /** How often this agent runs a check script asked to run every {@code askedMillis}. */
    default int checkIntervalMillis(int askedMillis) {
        return askedMillis;
    }

    /** Starts the agent on {@code node}; returns once it has announced its first state. */
    Running start(Host node, Spec spec, Path workDir);

    static String vip(int instance) {
        if (instance > 100) {
            return "203.0.113." + (instance - 100);
        }
        return instance == 1 ? "198.51.100.50" : "198.51.100." + (149 + instance);
    }

    /** Whether {@code process} ended within {@code timeout}; false, with the flag set, if interrupted. */
    static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int vrid(int instance) {
        return instance == 1 ? 51 : instance == 51 ? 1 : instance; // 51 and 1 swap places
    }
}
