package io.floatip.policy;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.config.VirtualIp;
import io.floatip.router.Router;
import io.floatip.router.State;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@link InstancePolicy} in virtual time with a recording port: every effect is a line "<ms>ms <what>",
 * timers fire at their time, and a master's failed claim reaches the router after the current event, as in
 * the agent. Like the router's SimNetwork, without sockets, threads or sleeps.
 */
final class PolicyBench implements InstancePort {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final List<String> log = new ArrayList<>();
    final InstancePolicy policy;
    final Router router;
    /** VIPs whose add fails, with the kernel's error. */
    final Map<VirtualIp, String> failing = new HashMap<>();
    boolean peersResolved;
    private long now;
    private long seq;
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    private final List<Runnable> afterEvent = new ArrayList<>();

    private record Due(long at, long seq, Runnable task) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    PolicyBench(InstanceConfig config) {
        policy = new InstancePolicy(config, ip("198.51.100.11"), this);
        router = policy.router();
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static VirtualIp vip(String text) {
        return new VirtualIp(ip(text), 24);
    }

    /** VI_1, VRID 51, v3, 100 ms adverts, preempt, these VIPs and GARP settings. */
    static InstanceConfig config(int priority, GarpConfig garp, VirtualIp... vips) {
        return InstanceConfig.builder("VI_1", "eth0", 51).priority(priority).advertIntervalCentis(10)
                .virtualIps(List.of(vips)).garp(garp).build();
    }

    static InstanceConfig unicast(UnicastPeer... peers) {
        return InstanceConfig.builder("VI_1", "eth0", 51).advertIntervalCentis(10)
                .virtualIps(List.of(vip("198.51.100.100"))).garp(new GarpConfig(0, 1)).unicastPeers(List.of(peers))
                .build();
    }

    long now() {
        return now;
    }

    void start() {
        router.startup(now);
        settle();
    }

    /** Runs router timers and scheduled timers in time order up to {@code until}. */
    void runUntil(long until) {
        settle();
        while (true) {
            long next = Math.min(router.nextDeadline(), due.isEmpty() ? Router.NEVER : due.peek().at);
            if (next > until) {
                break;
            }
            now = Math.max(now, next);
            if (router.nextDeadline() <= now) {
                router.fireTimers(now, 0);
            } else {
                due.poll().task.run();
            }
            settle();
        }
        now = Math.max(now, until);
    }

    void runFor(long nanos) {
        runUntil(now + nanos);
    }

    /** An advert from another router, now. */
    void heard(String source, int priority) {
        router.advertReceived(now, ip(source), priority, 10);
        settle();
    }

    /** What the loop runs after the current event. */
    private void settle() {
        while (!afterEvent.isEmpty()) {
            afterEvent.remove(0).run();
        }
    }

    private void line(String what) {
        log.add(now / MS + "ms " + what);
    }

    /** The lines that contain {@code word}. */
    List<String> lines(String word) {
        return log.stream().filter(l -> l.contains(word)).collect(Collectors.toList());
    }

    // ---- InstancePort ----

    @Override
    public void sendAdvert(int priority) {
        line("advert " + priority);
    }

    @Override
    public void sendAdvertAsBackup(int priority) {
        line("advert " + priority + " as backup");
    }

    @Override
    public List<Claim> addVips(List<VirtualIp> vips, List<InetAddress> announce, int repeat) {
        line("add " + vips);
        announce(announce, repeat);
        List<Claim> claims = new ArrayList<>();
        for (VirtualIp v : vips) {
            claims.add(new Claim(v, true, failing.get(v)));
        }
        return claims;
    }

    @Override
    public void claimed(List<Claim> claims) {
        line("claimed " + claims.stream().map(c -> c.vip().toString()).toList());
    }

    @Override
    public void claimFailed(Claim claim) {
        line("cannot claim " + claim.vip() + ": " + claim.error());
    }

    @Override
    public void addRouting(io.floatip.config.VirtualRouting routing) {
        line("add routing " + routing);
    }

    @Override
    public void refuse(List<io.floatip.config.VirtualIp> addresses) {
        line("refuse " + addresses);
    }

    @Override
    public void removeRouting(io.floatip.config.VirtualRouting routing) {
        line("remove routing " + routing);
    }

    @Override
    public void removeVip(VirtualIp vip) {
        line("remove " + vip);
    }

    @Override
    public void announce(List<InetAddress> which, int repeat) {
        line("announce " + which.stream().map(InetAddress::getHostAddress).toList() + " x" + repeat);
    }

    @Override
    public void arpRequest(Inet4Address peer) {
        line("arp " + peer.getHostAddress());
    }

    @Override
    public boolean peersResolved() {
        return peersResolved;
    }

    @Override
    public void stepDownLater(String why) {
        line("step down later: " + why);
        afterEvent.add(() -> {
            if (router.state() == State.MASTER) {
                router.claimFailed(now, why);
            }
        });
    }

    @Override
    public void schedule(long afterNanos, Timer timer, long term) {
        due.add(new Due(now + afterNanos, seq++, () -> policy.fired(timer, term)));
    }

    @Override
    public void transitioned(State from, State to, String reason, int priority) {
        line(from + "->" + to + " (" + reason + ")");
    }
}
