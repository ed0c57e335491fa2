package io.floatip.bench;

import io.floatip.lab.Lab;
import io.floatip.lab.Node;
import io.floatip.router.Timers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Both pairs at once, each in its own lab, adverts every 20 ms (Master_Down_Interval 68 ms for the backup),
 * while both cores are kept busy by stress-ng (or, without it, two shell busy loops), both bounded by a
 * timeout of their own. A false failover is the healthy master's backup entering MASTER: counted from the
 * backup's own log ("-> MASTER" for floatip, "Entering MASTER STATE" for keepalived) and, as a cross-check,
 * from the VIP appearing on the backup. The client also times the gaps between the master's adverts, to tell
 * a master that stopped sending from a backup that stopped hearing.
 */
final class Soak {
    static final int CENTIS = 2;

    record Outcome(String agent, double minutes, String load, int backupMasterEntries, int masterExits,
                   int vipOnBackup, double cpuMaster, double cpuBackup, double gcLongestMs, int gcPauses,
                   long adverts, double longestAdvertGapMs, int gapsOverMasterDown) {
    }

    private final List<AgentKind> kinds;
    private final Path work;
    private final int minutes;

    Soak(List<AgentKind> kinds, Path work, int minutes) {
        this.kinds = kinds;
        this.work = work.resolve("soak");
        this.minutes = minutes;
    }

    private static final class Side {
        AgentKind kind;
        Lab lab;
        Node n1;
        Node n2;
        AgentKind.Running a1;
        AgentKind.Running a2;
        AddressWatch w2;
        AdvertGaps gaps;
        Path dir;
        int entries0;
        int exits0;
        long since;
        double cpu1;
        double cpu2;
    }

    List<Outcome> run() throws Exception {
        List<Side> sides = new ArrayList<>();
        try {
            for (AgentKind kind : kinds) {
                Side s = new Side();
                s.kind = kind;
                s.dir = work.resolve(kind.name());
                Files.createDirectories(s.dir);
                s.lab = Lab.create("k" + kind.name().charAt(0), 2);
                sides.add(s);
                s.n1 = s.lab.node(1);
                s.n2 = s.lab.node(2);
                s.w2 = AddressWatch.start(s.n2, AgentKind.vip(1));
                s.gaps = AdvertGaps.start(s.lab.client(), s.n1.ipv4(),
                        Duration.ofNanos(Timers.masterDownInterval(100, CENTIS)));
                s.a1 = kind.start(s.n1, AgentKind.Spec.pair("soak1", 150, CENTIS, null), s.dir);
                s.a2 = kind.start(s.n2, AgentKind.Spec.pair("soak2", 100, CENTIS, null), s.dir);
            }
            for (Side s : sides) {
                Lab.await(Duration.ofSeconds(30), () -> s.n1.hasAddress(AgentKind.vip(1))
                        && !s.n2.hasAddress(AgentKind.vip(1)), s.kind.name() + " n1 to be master");
            }
            Thread.sleep(2000);
            for (Side s : sides) {
                s.entries0 = s.a2.masterEntries();
                s.exits0 = s.a1.masterExits();
                s.since = Clock.nowMicros();
                s.cpu1 = Proc.cpuSeconds(s.a1.pids());
                s.cpu2 = Proc.cpuSeconds(s.a2.pids());
                s.gaps.reset();
            }
            long seconds = minutes * 60L;
            String load = startLoad(sides.get(0).lab, seconds);
            System.out.printf("[bench] soak: %d min, adverts every %d ms, load: %s%n", minutes, CENTIS * 10, load);
            long t = System.nanoTime();
            for (int m = 1; m <= minutes; m++) {
                Thread.sleep(60_000);
                StringBuilder line = new StringBuilder("[bench] soak minute " + m + ":");
                for (Side s : sides) {
                    line.append(' ').append(s.kind.name()).append(" backup->MASTER ")
                            .append(s.a2.masterEntries() - s.entries0);
                }
                System.out.println(line);
            }
            double elapsed = (System.nanoTime() - t) / 1e9;
            List<Outcome> outcomes = new ArrayList<>();
            for (Side s : sides) {
                double gc = s.kind.name().equals("floatip") ? Proc.longestGcPause(s.dir) : -1;
                int pauses = s.kind.name().equals("floatip") ? Proc.gcPauses(s.dir) : 0;
                outcomes.add(new Outcome(s.kind.name(), elapsed / 60, load, s.a2.masterEntries() - s.entries0,
                        s.a1.masterExits() - s.exits0, s.w2.count(true, s.since),
                        (Proc.cpuSeconds(s.a1.pids()) - s.cpu1) * 60 / elapsed,
                        (Proc.cpuSeconds(s.a2.pids()) - s.cpu2) * 60 / elapsed, gc, pauses,
                        s.gaps.adverts(), s.gaps.longestMs(), s.gaps.over()));
            }
            return outcomes;
        } finally {
            for (Side s : sides) {
                s.lab.close();
            }
        }
    }

    /** stress-ng on both cores for {@code seconds}; two `timeout`-bounded shell loops if it is missing. */
    private static String startLoad(Lab lab, long seconds) {
        if (lab.client().exec("sh", "-c", "command -v stress-ng").ok()) {
            lab.client().start(List.of("stress-ng", "--cpu", "2", "--cpu-load", "100", "--timeout", seconds + "s"),
                    line -> { });
            return "stress-ng --cpu 2 (both cores at 100 %)";
        }
        for (int i = 0; i < 2; i++) {
            lab.client().start(List.of("timeout", seconds + "s", "sh", "-c", "while :; do :; done"), line -> { });
        }
        return "two shell busy loops (stress-ng missing)";
    }
}
