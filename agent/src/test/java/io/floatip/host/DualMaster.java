package io.floatip.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.lab.Lab;
import io.floatip.lab.LoggedAgent;
import java.time.Duration;

/** What the split-brain host tests (IPv4 and IPv6) wait for and time on a pair of agents. */
final class DualMaster {
    static final String SEEN = "split brain: ";

    private DualMaster() {
    }

    /** Waits until either agent logs a split brain; the one that logged it first. */
    static LoggedAgent firstToSee(LoggedAgent a1, LoggedAgent a2) {
        Lab.await(Duration.ofSeconds(25), () -> a1.first(SEEN) > 0 || a2.first(SEEN) > 0, "a split brain seen");
        return a2.first(SEEN) < 0 || a1.first(SEEN) > 0 && a1.first(SEEN) < a2.first(SEEN) ? a1 : a2;
    }

    /**
     * Waits for {@code watcher} to log the split brain and checks that both nodes became master, that the line
     * says {@code says}, and that it came at most 2 s after the second node became master; returns when it was
     * read. {@code label} starts the timing line.
     */
    static long logged(LoggedAgent a1, LoggedAgent a2, LoggedAgent watcher, String says, String label) {
        Lab.await(Duration.ofSeconds(25), () -> watcher.first(SEEN) > 0,
                watcher.node().name() + " to see the split brain");
        assertTrue(a1.first(" -> MASTER") > 0 && a2.first(" -> MASTER") > 0, "both became master");
        long dual = Math.max(a1.first(" -> MASTER"), a2.first(" -> MASTER"));
        long at = watcher.first(SEEN);
        String line = watcher.line(SEEN);
        assertTrue(line.contains(says), "the cause named: " + line);
        long ms = (at - dual) / 1_000_000;
        System.out.printf("[timing] %s%s: second master -> split brain logged: %d ms%n", label,
                watcher.node().name(), ms);
        assertTrue(ms <= 2000, "within 2 s: " + ms + " ms");
        return at;
    }

    /**
     * Waits until exactly one node holds {@code vip}; returns how long after {@code from} the other said it
     * released it (its log line, read as it came), at most 2 advert intervals.
     */
    static long oneHolder(LoggedAgent a1, LoggedAgent a2, String vip, long intervalMs, long from, String label) {
        Lab.await(Duration.ofSeconds(10), () -> a1.node().hasAddress(vip) ^ a2.node().hasAddress(vip), "one holder");
        LoggedAgent loser = a1.node().hasAddress(vip) ? a2 : a1;
        long released = loser.log().stream().filter(l -> l.at() > from && l.text().contains("released " + vip))
                .mapToLong(LoggedAgent.Line::at).findFirst().orElseThrow();
        long ms = (released - from) / 1_000_000;
        System.out.printf("[timing] %ssplit brain logged -> one holder: %d ms%n", label, ms);
        assertTrue(ms <= 2 * intervalMs, "one holder within 2 advert intervals: " + ms + " ms");
        return ms;
    }

    static void report(String cause, long healedMs) {
        System.out.printf("[split-brain] %s: detected; %s%n", cause,
                healedMs < 0 ? "not healable by adverts (report only)" : "one holder " + healedMs + " ms later");
    }
}
