package io.floatip.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real FRR vrrpd (Debian's {@code frr} package) with its zebra, as a VRRPv3 IPv4 peer inside one lab node.
 *
 * <p>FRR 8.4 puts each virtual router on a macvlan that carries the virtual MAC and the VIPs; it does not make
 * that macvlan itself, so this class does, as FRR's documentation asks, and vrrpd then holds it protodown while
 * Backup and lifts protodown as Master. Whether FRR "holds the VIP" is therefore read from the macvlan's
 * protodown flag. Both daemons run as the frr user (root is not in frrvty, which they check) with their config,
 * pid files, vty sockets and zserv socket in a private directory, never the system's /etc/frr or /run/frr; the
 * lab stops them by pid. The one path FRR does not let us move is its crash-log directory,
 * /var/tmp/frr/DAEMON.PID (fixed in its zlog): it removes it on a clean exit, {@link #close()} after a kill.
 */
public final class Frr implements AutoCloseable {
    static final Path ZEBRA = Path.of("/usr/lib/frr/zebra");
    static final Path VRRPD = Path.of("/usr/lib/frr/vrrpd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern TRANSITION = Pattern.compile("\\[IPv4\\] (\\w+) -> (\\w+)");
    private static final Path CRASH_LOG_BASE = Path.of("/var/tmp/frr");

    private final Host node;
    private final Path dir;
    private final int vrid;
    private final Consumer<String> output;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Every daemon this object started, for their crash-log directories. */
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Process zebra;
    private volatile Process vrrpd;

    private Frr(Host node, Path dir, int vrid, Consumer<String> output, Process zebra) {
        this.node = node;
        this.dir = dir;
        this.vrid = vrid;
        this.output = output;
        this.zebra = zebra;
        started.add(zebra);
    }

    /** Whether this host has FRR's zebra and vrrpd where Debian's package puts them. */
    public static boolean installed() {
        return Files.isExecutable(ZEBRA) && Files.isExecutable(VRRPD);
    }

    /** Skips a test on a host without FRR, or fails it under CI (scripts/deps.sh installs the package). */
    public static void requireInstalled() {
        if (!installed()) {
            HostTests.skipOrFail("FRR's zebra and vrrpd are not installed (Debian package frr; scripts/deps.sh "
                    + "installs it)");
        }
    }

    /** {@link #start}, then waits (10 s at most) until vrrpd on {@code node} is Master and holds the VIP. */
    public static Frr startMaster(Host node, int vrid, int priority, int intervalMs, String vip, String prefix,
                                  Path workDir, Consumer<String> output) {
        Frr frr = start(node, vrid, priority, intervalMs, vip, prefix, workDir, output);
        try {
            Lab.await(Duration.ofSeconds(10), frr::holdsVip, "FRR on " + node.name() + " to become Master");
            return frr;
        } catch (RuntimeException e) {
            frr.close();
            throw e;
        }
    }

    /**
     * Makes the macvlan (virtual MAC 00:00:5e:00:01:VRID, the VIP on it), sets the node's arp_ignore=1 and
     * arp_announce=2 (else eth0 would answer ARP for the VIP with its own MAC), starts zebra then vrrpd in
     * {@code node}, and returns once vrrpd's virtual router has left Initialize.
     *
     * @param intervalMs advertisement interval in milliseconds (FRR takes 10-40950, in tens)
     */
    public static Frr start(Host node, int vrid, int priority, int intervalMs, String vip, String prefix,
                            Path workDir, Consumer<String> output) {
        if (!installed()) {
            throw new LabException("FRR is not installed at " + ZEBRA + " and " + VRRPD);
        }
        Path dir = privateDir(workDir.resolve("frr-" + node.name()));
        node.exec("sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2")
                .orThrow();
        String macvlan = macvlanName(vrid);
        node.ip("link", "add", macvlan, "link", node.iface(), "type", "macvlan", "mode", "bridge").orThrow();
        // This kernel refuses addrgenmode in the same request that creates a macvlan; set apart, it works.
        node.ip("link", "set", "dev", macvlan, "address", virtualMac(vrid), "addrgenmode", "random").orThrow();
        node.ip("addr", "add", vip + "/" + prefix, "dev", macvlan).orThrow();
        node.ip("link", "set", "dev", macvlan, "up").orThrow();
        write(dir.resolve("zebra.conf"), "hostname zebra-" + node.name() + "\n");
        write(dir.resolve("vrrpd.conf"), """
                hostname vrrpd-%s
                interface %s
                 vrrp %d version 3
                 vrrp %d priority %d
                 vrrp %d advertisement-interval %d
                 vrrp %d ip %s
                """.formatted(node.name(), node.iface(), vrid, vrid, priority, vrid, intervalMs, vrid, vip));
        String prefixLine = "[zebra " + node.name() + "] ";
        Process zebra = node.start(argv(ZEBRA, dir, "zebra"), line -> output.accept(prefixLine + line));
        Frr frr = new Frr(node, dir, vrid, output, zebra);
        try {
            Lab.await(START_TIMEOUT, () -> Files.exists(dir.resolve("zserv.api")) || !zebra.isAlive(),
                    "zebra on " + node.name() + " to open its zserv socket");
            if (!zebra.isAlive()) {
                throw new LabException("zebra on " + node.name() + " exited during startup");
            }
            frr.startVrrpd();
            return frr;
        } catch (RuntimeException e) {
            frr.close();
            throw e;
        }
    }

    /** Starts vrrpd (again) and waits until its virtual router is Backup or Master. */
    public synchronized void startVrrpd() {
        if (vrrpd != null && vrrpd.isAlive()) {
            throw new LabException("vrrpd on " + node.name() + " is already running");
        }
        int before = lines.size();
        String prefixLine = "[vrrpd " + node.name() + "] ";
        vrrpd = node.start(argv(VRRPD, dir, "vrrpd"), line -> {
            lines.add(line);
            // vrrpd 8.4 logs this for every interface event while the router runs; it says nothing.
            if (!line.contains("Refusing to start Virtual Router")) {
                output.accept(prefixLine + line);
            }
        });
        Process p = vrrpd;
        started.add(p);
        Lab.await(START_TIMEOUT, () -> stateSince(before) != null || !p.isAlive(),
                "vrrpd on " + node.name() + " to enter Backup or Master");
        if (!p.isAlive()) {
            throw new LabException("vrrpd on " + node.name() + " exited during startup: " + lines);
        }
    }

    /**
     * SIGTERM to vrrpd: as Master it sends a priority-0 advert and sets protodown on its macvlan (seen on the
     * wire with FRR 8.4), then exits.
     */
    public synchronized void stopVrrpd() {
        Process p = vrrpd;
        if (p == null || !p.isAlive()) {
            return;
        }
        node.signal(p, "TERM");
        Lab.await(STOP_TIMEOUT, () -> !p.isAlive(), "vrrpd on " + node.name() + " to exit on SIGTERM");
    }

    /**
     * The macvlan is not protodown: vrrpd is Master, and the VIP answers from the virtual MAC whenever the
     * node's link has carrier (the macvlan follows eth0's carrier, vrrpd does not).
     */
    public boolean holdsVip() {
        String link = node.ip("-d", "link", "show", "dev", macvlanName(vrid)).orThrow().output();
        return !link.contains("protodown on");
    }

    /** vrrpd's last IPv4 state from its "[IPv4] Backup -> Master" lines, or "Initialize" before the first. */
    public String state() {
        String s = stateSince(0);
        return s == null ? "Initialize" : s;
    }

    /** The virtual MAC of this router, as {@code ip} prints it. */
    public String virtualMac() {
        return virtualMac(vrid);
    }

    public List<String> log() {
        return List.copyOf(lines);
    }

    /**
     * vrrpd first (a master resigns), then zebra, each by pid with SIGTERM and SIGKILL after
     * {@link #STOP_TIMEOUT}; throws, after cleaning up, if one needed the SIGKILL.
     */
    @Override
    public synchronized void close() {
        List<String> hung = new java.util.ArrayList<>();
        for (Process p : java.util.Arrays.asList(vrrpd, zebra)) {
            if (p != null && p.isAlive()) {
                node.signal(p, "TERM");
                if (!Processes.awaitExit(p.toHandle(), STOP_TIMEOUT)) {
                    Processes.kill(p.toHandle());
                    hung.add(Long.toString(p.pid()));
                }
            }
        }
        removeCrashLogDirs();
        if (!hung.isEmpty()) {
            throw new LabException("FRR on " + node.name() + ": pid " + hung + " ignored SIGTERM; killed");
        }
    }

    /** Only the directories named after our own daemons' pids, and only once those have exited. */
    private void removeCrashLogDirs() {
        for (Process p : started) {
            if (p.isAlive()) {
                continue;
            }
            for (String daemon : List.of("zebra", "vrrpd")) {
                Path left = CRASH_LOG_BASE.resolve(daemon + "." + p.pid());
                try (var files = Files.exists(left) ? Files.list(left) : java.util.stream.Stream.<Path>empty()) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(left);
                } catch (IOException e) {
                    output.accept("[frr " + node.name() + "] could not remove " + left + ": " + e.getMessage());
                }
            }
        }
    }

    static String virtualMac(int vrid) {
        return String.format(Locale.ROOT, "00:00:5e:00:01:%02x", vrid);
    }

    /** FRR's documented name; any name works, as vrrpd finds the macvlan by its parent and MAC. */
    static String macvlanName(int vrid) {
        return "vrrp4-2-" + vrid;
    }

    private String stateSince(int from) {
        String state = null;
        List<String> snapshot = List.copyOf(lines);
        for (String line : snapshot.subList(Math.min(from, snapshot.size()), snapshot.size())) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                state = m.group(2);
            }
        }
        return state;
    }

    /** No TCP vty (-P 0), logs to our pipe, every path in {@code dir}. */
    private static List<String> argv(Path binary, Path dir, String daemon) {
        return List.of(binary.toString(), "-f", dir.resolve(daemon + ".conf").toString(),
                "-i", dir.resolve(daemon + ".pid").toString(), "-z", dir.resolve("zserv.api").toString(),
                "--vty_socket", dir.toString(), "-u", "frr", "-g", "frr", "-P", "0", "--log", "stdout");
    }

    /** A directory the frr user owns; its parent (a JUnit TempDir is 0700 root) opened for it to enter. */
    private static Path privateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("frr"));
            Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(users.lookupPrincipalByGroupName("frr"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare FRR's directory " + dir, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
