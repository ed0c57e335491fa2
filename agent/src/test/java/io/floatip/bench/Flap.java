package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.LabTimeout;
import io.floatip.lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Part 2 of the proxy mode: a VIP that fails over and comes back within 500 ms, as the client sees it. At 10 ms
 * adverts n1's cable is cut (half an advert interval after one of n1's adverts, through the switch's ip -batch)
 * and plugged back {@link #HOLD_MILLIS} later: n2 takes the VIP after Master_Down_Interval, n1 takes it back
 * after its own once its link returns. Without a virtual MAC the client must follow two MAC changes within
 * its ARP lock time (1 s); with one (use_vmac) the MAC never changes and only the bridge relearns its port. The
 * client is watched for {@link #WINDOW_MILLIS} after the cut, past the agents' second gratuitous ARP burst (5 s).
 */
final class Flap {
    static final int CENTIS = 1;
    static final int HOLD_MILLIS = 200;
    static final int WINDOW_MILLIS = 7_000;
    static final String SCENARIO = "fail over and back (link cut for 200 ms)";
    static final String BACK = "VIP back on n1, from the cut";
    static final String AWAY = "VIP on n2 (held for)";
    static final String LONGEST = "client outage, longest silence in 7 s";
    static final String TOTAL = "client outage, total silence in 7 s";
    static final String RETURN = "client silence after n2 let go";
    static final String LOST = "client outage, unanswered probes in 7 s (total)";
    /** Runs that begin within 1 s of n1's link coming up; later ones on a busy machine are stalls, not the return. */
    static final String LOST_BACK = "client outage at the return, unanswered probes from n1's link up (total)";
    /** A silence is a gap between two replies over 10 ms: the probe's 2 ms schedule slips by more under load. */
    static final long SILENCE_OVER_MICROS = 10_000;
    static final String VMAC = "00:00:5e:00:01:33"; // RFC 9568 7.3: 00-00-5E-00-01-{VRID}, VRID 51

    private final boolean floatip;
    private final boolean vmac;
    private final int reps;
    private final Path work;
    private final Path launcher;
    private final Results results;
    private final String label;

    private Node n1;
    private AddressWatch w1;
    private AddressWatch w2;
    private LinkWatch link1;
    private ClientProbe probe;
    private FlapTrace trace;

    Flap(boolean floatip, boolean vmac, int reps, Path work, Path launcher, Results results) {
        this.floatip = floatip;
        this.vmac = vmac;
        this.reps = reps;
        this.work = work.resolve("flap-" + (floatip ? "f" : "k") + (vmac ? "-vmac" : ""));
        this.launcher = launcher;
        this.results = results;
        this.label = label(floatip, vmac);
    }

    static String label(boolean floatip, boolean vmac) {
        return (floatip ? "floatip" : "keepalived") + (vmac ? " use_vmac" : ", interface MAC");
    }

    static Results.Row row(String measure) {
        return new Results.Row(SCENARIO, Failover.label(CENTIS), measure, "ms");
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String m : new String[] {BACK, AWAY, LONGEST, TOTAL, RETURN, LOST, LOST_BACK}) {
            results.declare(row(m), label);
        }
        try (Lab lab = Lab.create("fl" + (vmac ? "v" : ""), 2); SwitchBatch batch = SwitchBatch.start(lab)) {
            n1 = lab.node(1);
            Node n2 = lab.node(2);
            AdvertLog adverts = AdvertLog.start(lab.client());
            w1 = AddressWatch.start(n1, AgentKind.vip(1));
            w2 = AddressWatch.start(n2, AgentKind.vip(1));
            link1 = LinkWatch.start(n1);
            probe = ClientProbe.start(lab.client(), AgentKind.vip(1), Duration.ofHours(1));
            Path traceDir = FlapTrace.requested();
            trace = traceDir == null ? null : FlapTrace.start(traceDir, work.getFileName().toString(), lab, n1, n2);
            start(n1, 150);
            start(n2, 100);
            steady();
            for (int rep = 1; rep <= reps; rep++) {
                System.out.printf("[bench] %s, fail over and back: repetition %d of %d%n", label, rep, reps);
                try {
                    flap(batch, adverts, rep);
                } catch (LabTimeout e) {
                    results.note(label + ", fail over and back: " + e.getMessage() + "; sample skipped");
                    n1.linkUp();
                    steady();
                }
            }
        }
    }

    private void start(Node node, int priority) {
        if (floatip) {
            new Floatip(launcher).start(node, "flap-" + node.name(), ProxyConfigs.floatipPair(node, priority, CENTIS,
                    vmac, work), work);
        } else {
            new Keepalived().start(node, "flap", ProxyConfigs.keepalivedPair(priority, CENTIS, vmac), work);
        }
    }

    private void flap(SwitchBatch batch, AdvertLog adverts, int rep) throws Exception {
        long half = CENTIS * 5_000L;
        long target = -1;
        for (int tries = 0; tries < 20 && target < 0; tries++) {
            long advert = adverts.awaitAfter(n1.ipv4(), Clock.nowMicros(), Duration.ofSeconds(2));
            if (advert < 0) {
                throw new LabTimeout("an advert from n1 before the cut", Duration.ofSeconds(2));
            }
            // Too late to aim at this one (it reached us late, or we were descheduled): take the next.
            if (advert + half - Clock.nowMicros() > SwitchBatch.lead() + 1_000) {
                target = advert + half;
            }
        }
        if (target < 0) {
            throw new LabTimeout("an advert from n1 early enough to aim the cut at", Duration.ofSeconds(2));
        }
        long advert = target - half;
        long before = Clock.nowMicros();
        long written = batch.at(target, "link set dev " + n1.switchPort() + " down");
        batch.at(target + HOLD_MILLIS * 1000L, "link set dev " + n1.switchPort() + " up");
        Lab.await(Duration.ofSeconds(3), () -> link1.first(true, before) >= 0 && w1.first(true, before) >= 0
                && w1.holds() && !w2.holds(), "n1 to have the VIP back");
        long cut = link1.first(false, before);
        if (cut < 0) {
            cut = written;
        } else {
            SwitchBatch.observed(cut - written);
        }
        long plugged = link1.first(true, cut);
        long gained = w2.first(true, before);
        long released = w2.first(false, before);
        long back = w1.first(true, cut);
        Clock.sleepUntil(cut + WINDOW_MILLIS * 1000L);
        long end = cut + WINDOW_MILLIS * 1000L;
        long over = SILENCE_OVER_MICROS;
        long[] all = probe.silences(cut, end, over);
        results.add(row(BACK), label, Clock.ms(back - cut));
        if (gained >= 0 && released >= 0) {
            results.add(row(AWAY), label, Clock.ms(released - gained));
        }
        results.add(row(LONGEST), label, Clock.ms(all[0]));
        results.add(row(TOTAL), label, Clock.ms(all[1]));
        long[] after = released >= 0 ? probe.silences(released, end, over) : null;
        if (after != null) {
            results.add(row(RETURN), label, Clock.ms(after[0]));
        }
        System.out.printf("[bench]   cut %.2f ms after n1's advert, plugged %.1f ms later; n2 had the VIP %.1f to %.1f"
                        + " ms, n1 again at %.1f ms; client: longest silence %.1f ms, total %.1f ms, after n2 let go "
                        + "%.1f ms%n", Clock.ms(cut - advert), Clock.ms(plugged - cut), Clock.ms(gained - cut),
                Clock.ms(released - cut), Clock.ms(back - cut), Clock.ms(all[0]), Clock.ms(all[1]),
                after == null ? Double.NaN : Clock.ms(after[0]));
        // The silences above are gaps between replies: a probe sender or tcpdump held off a busy CPU makes one too.
        // These count only probes that were sent and got no answer, each run from its first unanswered probe to
        // the next answered one; the last 100 ms are left out (their answers may still be on the way).
        long lostAll = 0;
        long lostBack = 0;
        for (long[] r : probe.lostRuns(cut, end - 100_000)) {
            lostAll += r[1];
            if (plugged >= 0 && r[0] >= plugged && r[0] < plugged + 1_000_000) {
                lostBack += r[1];
            }
        }
        results.add(row(LOST), label, Clock.ms(lostAll));
        if (plugged >= 0) {
            results.add(row(LOST_BACK), label, Clock.ms(lostBack));
        }
        StringBuilder where = new StringBuilder("[bench]   reply gaps over 10 ms (from the cut, ms):");
        for (long[] g : probe.gaps(cut, end, over)) {
            where.append(String.format(" %.1f+%.1f", Clock.ms(g[0] - cut), Clock.ms(g[1])));
        }
        where.append("; unanswered probes:");
        for (long[] r : probe.lostRuns(cut - 20_000, end - 100_000)) {
            where.append(String.format(" %.1f+%.1f (%d)", Clock.ms(r[0] - cut), Clock.ms(r[1]), r[2]));
        }
        System.out.println(where);
        if (trace != null) {
            trace.write(rep, cut, cut - 20_000, end);
        }
        steady();
    }

    /** n1 alone holds the VIP and alone answers the client (from its MAC, or the VMAC); then 1.2 s of quiet. */
    private void steady() throws InterruptedException {
        Lab.await(Duration.ofSeconds(30), () -> w1.holds() && !w2.holds(), "n1 to hold the VIP alone");
        // keepalived's VIP on its macvlan still answers from eth0's MAC (the route's interface); the client's ARP
        // entry holds the VMAC all the same. So with a VMAC, either MAC of n1 will do.
        try {
            Lab.await(Duration.ofSeconds(10), () -> probe.answeredOnlyBy(n1.mac(), 100_000)
                    || vmac && probe.answeredOnlyBy(VMAC, 100_000), "the client to be answered by n1 only");
        } catch (LabTimeout e) {
            results.note(label + ": " + e.getMessage() + " (" + probe.describe(AgentKind.vip(1)) + ")");
        }
        Thread.sleep(1200);
    }
}
