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
import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios 1 to 4 for one agent at one advert interval, REPS times over, on a fresh lab: n1 (priority 150)
 * is master, n2 (priority 100) backup, both VRRPv3, preempt on, both tracking two check scripts. Each event
 * is stamped on the common clock and measured three ways: when the new holder's kernel got the VIP, when the
 * client first got an answer from the new holder's MAC, and the longest silence the client saw.
 *
 * <p>The phase of each event is controlled, so that neither agent gains or loses by where the bench's sleeps
 * happen to land. A backup takes over Master_Down_Interval after the last advert it heard, so the cable is
 * cut half an advert interval after an advert of n1 (the expected phase of a failure at a random time),
 * through a persistent {@code ip -batch} in the switch namespace ({@link SwitchBatch}); and the hard failure
 * is also measured from that last advert, which is phase-free. A check fails after fall (2) runs that find
 * its file gone, so the file is removed half a check interval after a run of that check ({@link CheckRuns}).
 */
final class Failover {
    static final String HARD = "hard failure (link cut)";
    static final String BACK = "preemption (link back)";
    static final String TERM = "graceful stop (SIGTERM)";
    static final String CHECK_SLOW = "check fails (script every 1 s)";
    static final String CHECK_FAST = "check fails (script every 100 ms; keepalived: 1 s, its minimum)";

    static final String TAKEOVER = "VIP on new holder";
    static final String FROM_ADVERT = "VIP on new holder, from the last advert heard";
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
    private Adverts adverts;
    private SwitchBatch batch;
    private CheckRuns runs;
    /** Achieved phases (µs) per event kind, for the note at the end: the cut, and each check's removal. */
    private final List<Long> cutPhases = new ArrayList<>();
    private final List<Long> slowPhases = new ArrayList<>();
    private final List<Long> fastPhases = new ArrayList<>();

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
        // ": >" is a shell builtin: each run leaves its stamp (FILE.ran, for CheckRuns) without a fork.
        Files.writeString(script, "#!/bin/sh\n# benchmark check: healthy while the file exists; FILE.ran marks "
                + "each run\n: > \"$1.ran\"\nexec test -e \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        checks1 = new AgentKind.Checks(script, work.resolve("n1-slow.ok"), work.resolve("n1-fast.ok"), FAST_CHECK_MS);
        AgentKind.Checks checks2 = new AgentKind.Checks(script, work.resolve("n2-slow.ok"), work.resolve("n2-fast.ok"),
                FAST_CHECK_MS);
        for (Path p : new Path[] {checks1.slowFile(), checks1.fastFile(), checks2.slowFile(), checks2.fastFile()}) {
            touch(p);
        }
        for (String s : new String[] {HARD, BACK, TERM, CHECK_SLOW, CHECK_FAST}) {
            for (String m : new String[] {TAKEOVER, FROM_ADVERT, ANSWERED, SILENCE, GAP}) {
                if (!m.equals(FROM_ADVERT) || s.equals(HARD)) {
                    results.declare(new Results.Row(s, interval, m, "ms"), kind.name());
                }
            }
        }
        try (CheckRuns r = CheckRuns.watch(work);
             Lab l = Lab.create("b" + kind.name().charAt(0) + centis, 2);
             SwitchBatch b = SwitchBatch.start(l)) {
            runs = r;
            lab = l;
            batch = b;
            n1 = lab.node(1);
            n2 = lab.node(2);
            adverts = Adverts.start(lab.client(), n1.ipv4());
            w1 = AddressWatch.start(n1, AgentKind.vip(1));
            w2 = AddressWatch.start(n2, AgentKind.vip(1));
            link1 = LinkWatch.start(n1);
            calibrateCut();
            probe = ClientProbe.start(lab.client(), AgentKind.vip(1), Duration.ofHours(1));
            spec1 = AgentKind.Spec.pair("n1", 150, centis, checks1);
            a1 = kind.start(n1, spec1, work);
            kind.start(n2, AgentKind.Spec.pair("n2", 100, centis, checks2), work);
            steady();
            for (int rep = 1; rep <= reps; rep++) {
                System.out.printf("[bench] %s at %s: repetition %d of %d%n", kind.name(), interval, rep, reps);
                guarded(HARD, this::hardFailureAndBack);
                guarded(TERM, this::gracefulStop);
                guarded(CHECK_SLOW, () -> checkFails(CHECK_SLOW, checks1.slowFile(), 1000, slowPhases));
                guarded(CHECK_FAST, () -> checkFails(CHECK_FAST, checks1.fastFile(), FAST_CHECK_MS, fastPhases));
            }
            System.out.printf("[bench] %s at %s: %d client replies recorded%n", kind.name(), interval, probe.replies());
            phaseNote("cable cut", cutPhases, centis * 5_000L);
            phaseNote("1 s check's file removed", slowPhases, kind.checkIntervalMillis(1000) * 500L);
            phaseNote("fast check's file removed", fastPhases, kind.checkIntervalMillis(FAST_CHECK_MS) * 500L);
        }
    }

    /**
     * Before any agent runs: cuts and plugs n1's cable a few times through the ip -batch process, to warm it
     * up (its first netlink call is the slowest) and to learn the delay from the write to the carrier loss n1
     * sees, which {@link SwitchBatch#at} then writes ahead by.
     */
    private void calibrateCut() throws InterruptedException {
        String port = n1.switchPort();
        List<Long> seen = new ArrayList<>();
        // ip monitor in n1 says nothing when it is ready: give it time to start, and the first cycle may miss.
        Thread.sleep(500);
        for (int i = 0; i < 6; i++) {
            long down = batch.send("link set dev " + port + " down");
            try {
                Lab.await(Duration.ofSeconds(1), () -> link1.first(false, down) >= 0,
                        "n1 to lose carrier (calibration)");
            } catch (LabTimeout e) {
                if (i > 0) {
                    throw e;
                }
            }
            if (i > 0) {
                seen.add(link1.first(false, down) - down);
                SwitchBatch.observed(link1.first(false, down) - down);
            }
            Thread.sleep(20);
            long up = batch.send("link set dev " + port + " up");
            Lab.await(Duration.ofSeconds(2), () -> link1.first(true, up) >= 0, "n1 to regain carrier (calibration)");
            Thread.sleep(20);
        }
        System.out.printf("[bench] %s at %s: write to carrier loss %s µs; the cut is written %d µs ahead%n",
                kind.name(), interval, seen, SwitchBatch.lead());
    }

    /** A note with the achieved phases of one kind of event against their target (all in ms). */
    private void phaseNote(String what, List<Long> phases, long target) {
        if (phases.isEmpty()) {
            return;
        }
        long[] p = phases.stream().mapToLong(Long::longValue).sorted().toArray();
        results.note(String.format(java.util.Locale.ROOT, "%s at %s, phase: %s %.2f ms after the last %s "
                        + "(target %.1f ms; min %.2f, median %.2f, max %.2f over %d)", kind.name(), interval, what,
                Clock.ms(p[p.length / 2]), what.equals("cable cut") ? "advert of n1" : "run of that check",
                Clock.ms(target), Clock.ms(p[0]), Clock.ms(p[p.length / 2]), Clock.ms(p[p.length - 1]), p.length));
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

    /**
     * Scenario 1 then 4: cut n1's cable at the switch half an advert interval after one of n1's adverts (as
     * the client received it), then plug it back.
     */
    private void hardFailureAndBack() throws Exception {
        long half = centis * 5_000L;
        long target = -1;
        long wait = 3L * centis * 10 + 2_000;
        for (int tries = 0; tries < 10 && target < 0; tries++) {
            long advert = adverts.awaitAfter(Clock.nowMicros(), Duration.ofMillis(wait));
            if (advert < 0) {
                throw new LabTimeout("an advert from n1 before the cut", Duration.ofMillis(wait));
            }
            // Too late to aim at this one (the advert reached us late, or we were descheduled): take the next.
            if (advert + half - Clock.nowMicros() > SwitchBatch.lead() + 1_000) {
                target = advert + half;
            }
        }
        if (target < 0) {
            throw new LabTimeout("an advert from n1 early enough to aim the cut at", Duration.ofMillis(wait * 10));
        }
        long before = Clock.nowMicros();
        long written = batch.at(target, "link set dev " + n1.switchPort() + " down");
        try {
            Lab.await(Duration.ofSeconds(2), () -> link1.first(false, before) >= 0, "n1 to lose carrier");
        } catch (LabTimeout e) {
            results.note(kind.name() + " at " + interval + ": " + e.getMessage() + "; the cut is timed from the "
                    + "write to ip -batch");
        }
        long cut = orElse(link1.first(false, before), written);
        if (cut != written) {
            SwitchBatch.observed(cut - written);
        }
        long added = measure(HARD, cut, n2, w2, w1, true);
        long last = adverts.lastBefore(cut);
        if (last >= 0) {
            cutPhases.add(cut - last);
            results.add(new Results.Row(HARD, interval, FROM_ADVERT, "ms"), kind.name(), Clock.ms(added - last));
            System.out.printf("[bench]   cut phase %7.2f ms after n1's last advert (target %.1f, off by %+.2f; "
                            + "carrier lost %.2f ms after the write)  VIP %8.1f ms after that advert%n",
                    Clock.ms(cut - last), Clock.ms(half), Clock.ms(cut - target), Clock.ms(cut - written),
                    Clock.ms(added - last));
        }
        Lab.await(Duration.ofSeconds(3), () -> !w1.holds(), "n1 (no carrier) to release the VIP");
        settle();

        long plugAt = Clock.nowMicros();
        n1.linkUp();
        try {
            Lab.await(Duration.ofSeconds(2), () -> link1.first(true, plugAt) >= 0, "n1 to regain carrier");
        } catch (LabTimeout e) {
            results.note(kind.name() + " at " + interval + ": " + e.getMessage() + "; timed from the command");
        }
        long plugged = orElse(link1.first(true, plugAt), plugAt);
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

    /**
     * Scenario 3: n1's check starts failing (its file is removed): priority 150 - 60 = 90 < 100. The file is
     * removed half a check interval (as this agent runs that check) after a run of the check.
     */
    private void checkFails(String scenario, Path file, int askedMillis, List<Long> phases) throws Exception {
        long every = kind.checkIntervalMillis(askedMillis);
        long half = every * 500L;
        long wait = 3 * every + 5_000;
        long target = -1;
        for (int tries = 0; tries < 10 && target < 0; tries++) {
            long ran = runs.awaitAfter(file, Clock.nowMicros(), Duration.ofMillis(wait));
            if (ran < 0) {
                throw new LabTimeout("a run of n1's check " + file.getFileName(), Duration.ofMillis(wait));
            }
            if (ran + half - Clock.nowMicros() > 1_000) {
                target = ran + half;
            }
        }
        if (target < 0) {
            throw new LabTimeout("a run of n1's check early enough to aim at", Duration.ofMillis(wait * 10));
        }
        Clock.sleepUntil(target);
        Files.delete(file);
        long removed = Clock.nowMicros();
        long last = runs.lastBefore(file, removed);
        measure(scenario, removed, n2, w2, w1, false);
        if (last >= 0) {
            phases.add(removed - last);
            System.out.printf("[bench]   check file removed %7.2f ms after the check's last run (target %.1f, "
                    + "off by %+.2f)%n", Clock.ms(removed - last), Clock.ms(half), Clock.ms(removed - target));
        }
        touch(file);
        steady();
    }

    private AgentKind.Spec respec() {
        restarts++;
        return new AgentKind.Spec("n1-" + restarts, spec1.priority(), spec1.intervalCentis(), 1, spec1.checks());
    }

    /**
     * Waits for the new holder to have the VIP, the old one to have let go and the client to be answered by
     * the new holder; then records the four measures of this event. Returns the new holder's RTM_NEWADDR stamp.
     */
    private long measure(String scenario, long t0, Node newNode, AddressWatch newWatch, AddressWatch oldWatch,
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
        return added;
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
