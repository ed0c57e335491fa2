package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.LabTimeout;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Scenarios 1 to 4 for one agent at one advert interval, REPS times over, on a fresh lab: n1 (priority 150)
 * is master, n2 (priority 100) backup, both VRRPv3, preempt on, both tracking two check scripts. Each event
 * is stamped on the common clock and measured three ways: when the new holder's kernel got the VIP, when the
 * client first got an answer from the new holder's MAC, and the longest silence the client saw.
 */
final class Failover {
    static final String HARD = "hard failure (link cut)";
    static final String BACK = "preemption (link back)";
    static final String TERM = "graceful stop (SIGTERM)";
    static final String CHECK_SLOW = "check fails (script every 1 s)";
    static final String CHECK_FAST = "check fails (script every 100 ms; keepalived: 1 s, its minimum)";

    static final String TAKEOVER = "VIP on new holder";
    static final String ANSWERED = "client answered by new holder";
    static final String SILENCE = "client outage (silence before that answer)";
    static final String GAP = "VIP gap (+ none held, - both held)";

    static final int FAST_CHECK_MS = 100;

    private final AgentKind kind;
    private final int centis;
    private final int reps;
    private final Path work;
    private final Results results;
    private final String interval;

    private Lab lab;
    private Node n1;
    private Node n2;
    private AddressWatch w1;
    private AddressWatch w2;
    private LinkWatch link1;
    private ClientProbe probe;
    private AgentKind.Running a1;
    private AgentKind.Spec spec1;
    private AgentKind.Checks checks1;
    private int restarts;

    Failover(AgentKind kind, int centis, int reps, Path work, Results results) {
        this.kind = kind;
        this.centis = centis;
        this.reps = reps;
        this.work = work.resolve(kind.name() + "-" + centis + "cs");
        this.results = results;
        this.interval = label(centis);
    }

    static String label(int centis) {
        return centis >= 100 ? centis / 100 + " s" : centis * 10 + " ms";
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = work.resolve("check-file.sh");
        Files.writeString(script, "#!/bin/sh\n# benchmark check: healthy while the file exists\nexec test -e \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        checks1 = new AgentKind.Checks(script, work.resolve("n1-slow.ok"), work.resolve("n1-fast.ok"), FAST_CHECK_MS);
        AgentKind.Checks checks2 = new AgentKind.Checks(script, work.resolve("n2-slow.ok"), work.resolve("n2-fast.ok"),
                FAST_CHECK_MS);
        for (Path p : new Path[] {checks1.slowFile(), checks1.fastFile(), checks2.slowFile(), checks2.fastFile()}) {
            touch(p);
        }
        for (String s : new String[] {HARD, BACK, TERM, CHECK_SLOW, CHECK_FAST}) {
            for (String m : new String[] {TAKEOVER, ANSWERED, SILENCE, GAP}) {
                results.declare(new Results.Row(s, interval, m, "ms"), kind.name());
            }
        }
        try (Lab l = Lab.create("b" + kind.name().charAt(0) + centis, 2)) {
            lab = l;
            n1 = lab.node(1);
            n2 = lab.node(2);
            w1 = AddressWatch.start(n1, AgentKind.vip(1));
            w2 = AddressWatch.start(n2, AgentKind.vip(1));
            link1 = LinkWatch.start(n1);
            probe = ClientProbe.start(lab.client(), AgentKind.vip(1), Duration.ofHours(1));
            spec1 = AgentKind.Spec.pair("n1", 150, centis, checks1);
            a1 = kind.start(n1, spec1, work);
            kind.start(n2, AgentKind.Spec.pair("n2", 100, centis, checks2), work);
            steady();
            for (int rep = 1; rep <= reps; rep++) {
                System.out.printf("[bench] %s at %s: repetition %d of %d%n", kind.name(), interval, rep, reps);
                guarded(HARD, this::hardFailureAndBack);
                guarded(TERM, this::gracefulStop);
                guarded(CHECK_SLOW, () -> checkFails(CHECK_SLOW, checks1.slowFile(), 1000));
                guarded(CHECK_FAST, () -> checkFails(CHECK_FAST, checks1.fastFile(), FAST_CHECK_MS));
            }
            System.out.printf("[bench] %s at %s: %d client replies recorded%n", kind.name(), interval, probe.replies());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A scenario that times out is noted and skipped; the pair is brought back to n1 as master first. */
    private void guarded(String scenario, Step step) throws Exception {
        try {
            step.run();
        } catch (LabTimeout e) {
            results.note(kind.name() + " at " + interval + ", " + scenario + ": " + e.getMessage()
                    + "; sample skipped (" + state() + ")");
            for (Path p : new Path[] {checks1.slowFile(), checks1.fastFile()}) {
                touch(p);
            }
            n1.linkUp();
            if (!isRunning(a1)) {
                a1 = kind.start(n1, respec(), work);
            }
            steady();
        }
    }

    private static boolean isRunning(AgentKind.Running a) {
        return !a.awaitExit(Duration.ZERO);
    }

    /** Scenario 1 then 4: cut n1's cable at the switch, then plug it back. */
    private void hardFailureAndBack() throws Exception {
        long before = Clock.nowMicros();
        n1.linkDown();
        long cut = orElse(link1.first(false, before), before);
        measure(HARD, cut, n2, w2, w1, true);
        Lab.await(Duration.ofSeconds(3), () -> !w1.holds(), "n1 (no carrier) to release the VIP");
        settle();

        before = Clock.nowMicros();
        n1.linkUp();
        long plugged = orElse(link1.first(true, before), before);
        measure(BACK, plugged, n1, w1, w2, false);
        steady();
    }

    /** Scenario 2: SIGTERM to n1's agent (a master resigns with priority 0), then start it again. */
    private void gracefulStop() throws Exception {
        long term = Clock.nowMicros();
        a1.terminate();
        measure(TERM, term, n2, w2, w1, false);
        if (!a1.awaitExit(Duration.ofSeconds(10))) {
            results.note(kind.name() + " at " + interval + ": n1 still running 10 s after SIGTERM");
        }
        a1 = kind.start(n1, respec(), work);
        steady();
    }

    /** Scenario 3: n1's check starts failing (its file is removed): priority 150 - 60 = 90 < 100. */
    private void checkFails(String scenario, Path file, int checkMillis) throws Exception {
        long removed;
        Files.delete(file);
        removed = Clock.nowMicros();
        measure(scenario, removed, n2, w2, w1, false);
        touch(file);
        steady();
    }

    private AgentKind.Spec respec() {
        restarts++;
        return new AgentKind.Spec("n1-" + restarts, spec1.priority(), spec1.intervalCentis(), 1, spec1.checks());
    }

    /**
     * Waits for the new holder to have the VIP, the old one to have let go and the client to be answered by
     * the new holder; then records the four measures of this event.
     */
    private void measure(String scenario, long t0, Node newNode, AddressWatch newWatch, AddressWatch oldWatch,
                         boolean oldGoneAtEvent) {
        long bound = Timers.masterDownInterval(100, centis) / 1000 + 2_000_000 + 3 * 1_000_000;
        Lab.await(Duration.ofNanos(bound * 1000), () -> newWatch.holds() && !oldWatch.holds()
                && probe.firstFrom(newNode.mac(), t0) > 0, newNode.name() + " to hold the VIP and answer the client");
        long added = newWatch.first(true, t0);
        long released = oldGoneAtEvent ? t0 : oldWatch.first(false, t0);
        long answered = probe.firstFrom(newNode.mac(), t0);
        long silence = probe.silenceBefore(answered, t0, 100_000);
        String a = kind.name();
        results.add(new Results.Row(scenario, interval, TAKEOVER, "ms"), a, Clock.ms(added - t0));
        results.add(new Results.Row(scenario, interval, ANSWERED, "ms"), a, Clock.ms(answered - t0));
        if (silence >= 0) {
            results.add(new Results.Row(scenario, interval, SILENCE, "ms"), a, Clock.ms(silence));
        } else {
            results.note(a + " at " + interval + ", " + scenario + ": the client had no answer just before the "
                    + "event; outage sample skipped");
        }
        if (released >= 0) {
            results.add(new Results.Row(scenario, interval, GAP, "ms"), a, Clock.ms(added - released));
        }
        System.out.printf("[bench]   %-34s VIP %8.1f ms  client %8.1f ms  silence %8.1f ms  gap %8.1f ms%n",
                scenario, Clock.ms(added - t0), Clock.ms(answered - t0), Clock.ms(silence),
                released >= 0 ? Clock.ms(added - released) : Double.NaN);
    }

    /** n1 alone holds the VIP and has answered the client for a while; then a pause so ARP timers settle. */
    private void steady() throws InterruptedException {
        long mdi = Timers.masterDownInterval(150, centis) / 1_000_000;
        Lab.await(Duration.ofMillis(mdi * 3 + 20_000), () -> w1.holds() && !w2.holds(), "n1 to hold the VIP alone");
        try {
            Lab.await(Duration.ofSeconds(8), () -> probe.answeredOnlyBy(n1.mac(), 100_000),
                    "the client to be answered by n1 only");
        } catch (LabTimeout e) {
            results.note(kind.name() + " at " + interval + ": " + e.getMessage() + " (" + state() + ")");
        }
        settle();
    }

    /** At least a second since the last VIP change (the client's ARP locktime), and two advert intervals. */
    private void settle() throws InterruptedException {
        Thread.sleep(Math.max(1200, 2 * centis * 10L));
    }

    private String state() {
        return "n1 " + (w1.holds() ? "holds" : "lacks") + " the VIP, n2 " + (w2.holds() ? "holds" : "lacks")
                + " it; " + probe.describe(AgentKind.vip(1));
    }

    private static long orElse(long value, long fallback) {
        return value >= 0 ? value : fallback;
    }

    static void touch(Path p) {
        try {
            if (!Files.exists(p)) {
                Files.writeString(p, "ok\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
