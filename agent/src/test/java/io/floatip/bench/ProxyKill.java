package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.LabTimeout;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Part 1 of the proxy mode, one variant at one advert interval on a fresh lab: n1 (150) is master, n2 (100)
 * backup, each node runs haproxy and its agent follows it; haproxy on n1 gets SIGKILL (by pid, kill(2) from this
 * JVM), and the VIP's move to n2 is stamped on the common clock as the main benchmark does.
 *
 * <p>Phase: floatip sees the exit at once (a pidfd) and a master advertises a priority change at once, so its
 * kill lands half an advert interval after one of n1's adverts; keepalived polls its check every second, so its
 * kill lands half a check interval (500 ms) after a run of n1's check. The achieved phases are printed and noted.
 */
final class ProxyKill {
    static final String SCENARIO = "proxy killed (SIGKILL)";
    static final String LOWER = "n1's first lower advert (detection)";
    static final String HANDOVER = "VIP on n2, from that advert";

    /** How an agent follows the proxy. */
    record Variant(String label, boolean floatip, int weight, boolean fastPreempt) {
    }

    static final Variant FAULT = new Variant("floatip track_processes, weight 0 (FAULT)", true, 0, false);
    static final Variant WEIGHTED = new Variant("floatip track_processes, weight -60, fast_preempt", true, -60, true);
    static final Variant SCRIPT = new Variant("keepalived vrrp_script kill -0 pidfile, 1 s, fall 1, weight 0", false,
            0, false);

    private final Variant variant;
    private final int centis;
    private final int reps;
    private final Path work;
    private final Path launcher;
    private final Results results;
    private final String interval;
    private final List<Long> phases = new ArrayList<>();

    private Node n1;
    private Node n2;
    private AddressWatch w1;
    private AddressWatch w2;
    private ClientProbe probe;
    private AdvertLog adverts;
    private CheckRuns runs;
    private Haproxy proxy1;

    ProxyKill(Variant variant, int centis, int reps, Path work, Path launcher, Results results) {
        this.variant = variant;
        this.centis = centis;
        this.reps = reps;
        this.work = work.resolve("proxy-" + (variant.floatip() ? "f" + -variant.weight() : "k") + "-" + centis + "cs");
        this.launcher = launcher;
        this.results = results;
        this.interval = Failover.label(centis);
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String m : new String[] {Failover.TAKEOVER, LOWER, HANDOVER, Failover.ANSWERED, Failover.SILENCE,
                Failover.GAP}) {
            results.declare(row(m), variant.label());
        }
        try (CheckRuns r = CheckRuns.watch(work); Lab lab = Lab.create("px" + centis, 2)) {
            runs = r;
            n1 = lab.node(1);
            n2 = lab.node(2);
            adverts = AdvertLog.start(lab.client());
            w1 = AddressWatch.start(n1, AgentKind.vip(1), true);
            w2 = AddressWatch.start(n2, AgentKind.vip(1), true);
            probe = ClientProbe.start(lab.client(), AgentKind.vip(1), Duration.ofHours(1));
            proxy1 = Haproxy.on(n1, work);
            Haproxy proxy2 = Haproxy.on(n2, work);
            proxy1.start();
            proxy2.start();
            startAgent(n1, 150, proxy1);
            startAgent(n2, 100, proxy2);
            steady();
            for (int rep = 1; rep <= reps; rep++) {
                System.out.printf("[bench] %s at %s: repetition %d of %d%n", variant.label(), interval, rep, reps);
                try {
                    killAndBack();
                } catch (LabTimeout e) {
                    results.note(variant.label() + " at " + interval + ": " + e.getMessage() + "; sample skipped ("
                            + state() + ")");
                    if (!proxy1.awaitExit(Duration.ZERO)) {
                        continue;
                    }
                    proxy1.start();
                    steady();
                }
            }
            if (!phases.isEmpty()) {
                long[] p = phases.stream().mapToLong(Long::longValue).sorted().toArray();
                results.note(String.format(java.util.Locale.ROOT, "%s at %s, phase: kill %.2f ms after the last %s "
                                + "(target %.1f; min %.2f, max %.2f over %d)", variant.label(), interval,
                        Clock.ms(p[p.length / 2]), variant.floatip() ? "advert of n1" : "run of n1's check",
                        Clock.ms(half()), Clock.ms(p[0]), Clock.ms(p[p.length - 1]), p.length));
            }
        }
    }

    private Results.Row row(String measure) {
        return new Results.Row(SCENARIO, interval, measure, "ms");
    }

    private void startAgent(Node node, int priority, Haproxy proxy) {
        if (variant.floatip()) {
            Path config = ProxyConfigs.floatipProxy(node, priority, centis, proxy, variant.weight(),
                    variant.fastPreempt(), work);
            new Floatip(launcher).start(node, "proxy-" + node.name() + "-" + centis, config, work);
        } else {
            String text = ProxyConfigs.keepalivedScript(priority, centis, ProxyConfigs.aliveScript(work),
                    proxy.pidFile());
            new Keepalived().start(node, "proxy", text, work);
        }
    }

    /** Half an advert interval (floatip) or half a check interval (keepalived, 1 s), in µs. */
    private long half() {
        return variant.floatip() ? centis * 5_000L : 500_000L;
    }

    private void killAndBack() throws Exception {
        long wait = variant.floatip() ? 3L * centis * 10 + 2_000 : 5_000;
        long target = -1;
        for (int tries = 0; tries < 10 && target < 0; tries++) {
            long now = Clock.nowMicros();
            long mark = variant.floatip() ? adverts.awaitAfter(n1.ipv4(), now, Duration.ofMillis(wait))
                    : runs.awaitAfter(proxy1.pidFile(), now, Duration.ofMillis(wait));
            if (mark < 0) {
                throw new LabTimeout(variant.floatip() ? "an advert from n1" : "a run of n1's check",
                        Duration.ofMillis(wait));
            }
            if (mark + half() - Clock.nowMicros() > 1_000) {
                target = mark + half();
            }
        }
        if (target < 0) {
            throw new LabTimeout("an advert or check run early enough to aim the kill at", Duration.ofMillis(wait));
        }
        Clock.sleepUntil(target);
        long kill = proxy1.kill();
        long bound = Timers.masterDownInterval(100, centis) / 1000 + 5_000_000;
        Lab.await(Duration.ofNanos(bound * 1000), () -> w2.holds() && !w1.holds()
                && probe.firstFrom(n2.mac(), kill) > 0, "n2 to hold the VIP and answer the client");
        long last = variant.floatip() ? adverts.lastBefore(n1.ipv4(), kill) : runs.lastBefore(proxy1.pidFile(), kill);
        long added = w2.first(true, kill);
        long released = w1.first(false, kill);
        long lower = adverts.firstBelow(n1.ipv4(), 150, kill);
        long answered = probe.firstFrom(n2.mac(), kill);
        long silence = probe.silenceBefore(answered, kill, 100_000);
        String a = variant.label();
        results.add(row(Failover.TAKEOVER), a, Clock.ms(added - kill));
        results.add(row(Failover.ANSWERED), a, Clock.ms(answered - kill));
        if (lower >= 0) {
            results.add(row(LOWER), a, Clock.ms(lower - kill));
            results.add(row(HANDOVER), a, Clock.ms(added - lower));
        }
        if (silence >= 0) {
            results.add(row(Failover.SILENCE), a, Clock.ms(silence));
        }
        if (released >= 0) {
            results.add(row(Failover.GAP), a, Clock.ms(added - released));
        }
        if (last >= 0) {
            phases.add(kill - last);
        }
        System.out.printf("[bench]   phase %7.2f ms (target %.1f)  lower advert (prio %d) %7.2f ms  VIP on n2 %7.2f ms"
                        + "  client %7.1f ms  silence %7.1f ms%n", last >= 0 ? Clock.ms(kill - last) : Double.NaN,
                Clock.ms(half()), lower >= 0 ? adverts.priorityAt(n1.ipv4(), lower) : -1,
                lower >= 0 ? Clock.ms(lower - kill) : Double.NaN, Clock.ms(added - kill), Clock.ms(answered - kill),
                Clock.ms(silence));
        if (!proxy1.awaitExit(Duration.ofSeconds(5))) {
            results.note(variant.label() + ": haproxy on n1 still running 5 s after SIGKILL");
        }
        proxy1.start();
        steady();
    }

    /** n1 alone holds the VIP and the client is answered by n1 only; then the client's ARP lock time passes. */
    private void steady() throws InterruptedException {
        long mdi = Timers.masterDownInterval(150, centis) / 1_000_000;
        Lab.await(Duration.ofMillis(mdi * 3 + 20_000), () -> w1.holds() && !w2.holds(), "n1 to hold the VIP alone");
        try {
            Lab.await(Duration.ofSeconds(8), () -> probe.answeredOnlyBy(n1.mac(), 100_000),
                    "the client to be answered by n1 only");
        } catch (LabTimeout e) {
            results.note(variant.label() + " at " + interval + ": " + e.getMessage() + " (" + state() + ")");
        }
        Thread.sleep(Math.max(1200, 2 * centis * 10L));
    }

    private String state() {
        return "n1 " + (w1.holds() ? "holds" : "lacks") + " the VIP, n2 " + (w2.holds() ? "holds" : "lacks")
                + " it; " + probe.describe(AgentKind.vip(1));
    }
}
