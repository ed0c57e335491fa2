package io.floatip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floatip.config.GarpConfig;
import io.floatip.config.InstanceConfig;
import io.floatip.config.VirtualIp;
import io.floatip.policy.AdvertCheck;
import io.floatip.policy.Claim;
import io.floatip.policy.InstancePolicy;
import io.floatip.policy.InstancePort;
import io.floatip.policy.Timer;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpPacket;
import io.floatip.router.Router;
import io.floatip.router.State;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision layer on the hot paths allocates nothing: a master's advert timer through router, policy and
 * the advert frame, and an advert's receive checks on the capture thread. Counted with HotSpot's per-thread
 * figure, as the event loop's own test does.
 */
class SteadyStateAllocationTest {
    private static final long INTERVAL = 10_000_000L; // 10 ms adverts

    private static InstanceConfig config() throws Exception {
        return InstanceConfig.builder("VI_1", "eth0", 51).priority(150).advertIntervalCentis(1)
                .virtualIps(List.of(new VirtualIp(InetAddress.getByName("198.51.100.50"), 24)))
                .garp(new GarpConfig(0, 1)).build();
    }

    /** Carries out only what a master's steady state asks for: adverts, into a link with no transport. */
    private static final class AdvertsOnly implements InstancePort {
        AdvertSender sender;
        InstancePolicy policy;
        long adverts;

        @Override
        public void sendAdvert(int priority) {
            adverts++;
            sender.send(policy.config(), policy.addresses(), priority);
        }

        @Override
        public List<Claim> addVips(List<VirtualIp> vips, List<InetAddress> announce, int repeat) {
            List<Claim> claims = new ArrayList<>();
            vips.forEach(v -> claims.add(new Claim(v, true, null)));
            return claims;
        }

        @Override
        public void claimed(List<Claim> claims) {
        }

        @Override
        public void claimFailed(Claim claim) {
        }

        @Override
        public void addRouting(io.floatip.config.VirtualRouting routing) {

        }

        @Override
        public void refuse(java.util.List<io.floatip.config.VirtualIp> addresses) {
        }

        @Override
        public void removeRouting(io.floatip.config.VirtualRouting routing) {

        }

        @Override
        public void removeVip(VirtualIp vip) {
        }

        @Override
        public void announce(List<InetAddress> which, int repeat) {
        }

        @Override
        public void arpRequest(Inet4Address peer) {
        }

        @Override
        public boolean peersResolved() {
            return true;
        }

        @Override
        public void stepDownLater(String why) {
        }

        @Override
        public void schedule(long afterNanos, Timer timer, long term) {
        }

        @Override
        public void transitioned(State from, State to, String reason, int priority) {
        }
    }

    @Test
    void aMastersAdvertTimerAllocatesNothing() throws Exception {
        InstanceConfig c = config();
        Inet4Address primary = (Inet4Address) InetAddress.getByName("198.51.100.11");
        Link link = new Link("eth0", 2, new byte[]{2, 0, 0, 0, 0, 1}, primary, null);
        AdvertsOnly port = new AdvertsOnly();
        InstancePolicy policy = new InstancePolicy(c, primary, port);
        port.policy = policy;
        port.sender = new AdvertSender(link, primary, AuthType.NONE, new byte[8], null);
        Router router = policy.router();
        long[] now = {0};
        router.startup(0);
        now[0] = router.nextDeadline();
        router.fireTimers(now[0], 0);
        assertEquals(State.MASTER, router.state());
        double perRun = Allocated.perRun(20_000, () -> {
            now[0] += INTERVAL;
            router.fireTimers(now[0], 0);
        });
        assertEquals(40_001, port.adverts, "one advert a run");
        assertTrue(perRun < 1, perRun + " bytes per advert");
    }

    @Test
    void anAdvertsReceiveChecksAllocateNothing() throws Exception {
        AdvertCheck check = new AdvertCheck(config());
        VrrpPacket p = new VrrpPacket(3, 51, 100, 1, List.of(InetAddress.getByName("198.51.100.50")), AuthType.NONE,
                new byte[0], InetAddress.getByName("198.51.100.12"), InetAddress.getByName("224.0.0.18"), 255);
        long[] accepted = {0};
        AdvertCheck.Sink sink = new AdvertCheck.Sink() {
            @Override
            public void dropped(DropReason reason, VrrpPacket packet) {
            }

            @Override
            public void followsInterval(VrrpPacket packet, int ourIntervalCentis) {
            }

            @Override
            public void addressMismatch(VrrpPacket packet, List<InetAddress> ours, boolean log) {
            }
        };
        double perRun = Allocated.perRun(20_000, () -> accepted[0] += check.accept(p, sink) ? 1 : 0);
        assertEquals(40_000, accepted[0]);
        assertTrue(perRun < 1, perRun + " bytes per advert");
    }

    @Test
    void theSplitBrainWatchAllocatesNothingForArpItIsNotAbout() throws Exception {
        // A busy segment's ARP (the unicast filter lets all of it in) and a backup's view of its master's ARP.
        InstanceConfig c = config();
        Inet4Address primary = (Inet4Address) InetAddress.getByName("198.51.100.11");
        Link link = new Link("eth0", 2, new byte[]{2, 0, 0, 0, 0, 1}, primary, null);
        ConflictWatch watch = new ConflictWatch(c, link, new EventLoop(), primary, () -> 150); // not started
        byte[] other = io.floatip.protocol.ArpCodec.gratuitousRequest(new byte[]{2, 0, 0, 0, 0, 9},
                (Inet4Address) InetAddress.getByName("198.51.100.77"));
        byte[] vipFromMaster = io.floatip.protocol.ArpCodec.gratuitousRequest(new byte[]{2, 0, 0, 0, 0, 9},
                (Inet4Address) InetAddress.getByName("198.51.100.50"));
        long[] about = {0};
        double perRun = Allocated.perRun(20_000, () -> {
            about[0] += watch.frame(other, other.length) ? 1 : 0;
            // A backup passes its master's ARP on once a second at most: once in this test.
            about[0] += watch.frame(vipFromMaster, vipFromMaster.length) ? 1 : 0;
        });
        assertEquals(40_000, about[0], "the VIP's frames are recognised");
        assertTrue(perRun < 1, perRun + " bytes per frame");
    }

    @Test
    void theSplitBrainWatchAllocatesNothingForTheNeighbourAdvertsOfItsBackup() throws Exception {
        // An IPv6 instance's backup sees its master's NAs for the VIP (passed on once a second at most: once
        // here) and the link's check of each.
        InstanceConfig c = InstanceConfig.builder("VI_6", "eth0", 51).priority(150).advertIntervalCentis(1)
                .virtualIps(List.of(new VirtualIp(InetAddress.getByName("2001:db8:5::50"), 64)))
                .garp(new GarpConfig(0, 1)).build();
        java.net.Inet6Address linkLocal = (java.net.Inet6Address) InetAddress.getByName("fe80::ff:fe00:1");
        Link link = new Link("eth0", 2, new byte[]{2, 0, 0, 0, 0, 1}, null, null);
        ConflictWatch watch = new ConflictWatch(c, link, new EventLoop(), linkLocal, () -> 150); // not started
        byte[] fromMaster = io.floatip.protocol.NdpCodec.unsolicitedAdvert(new byte[]{2, 0, 0, 0, 0, 9},
                (java.net.Inet6Address) InetAddress.getByName("2001:db8:5::50"), false);
        byte[] other = io.floatip.protocol.NdpCodec.unsolicitedAdvert(new byte[]{2, 0, 0, 0, 0, 9},
                (java.net.Inet6Address) InetAddress.getByName("2001:db8:5::77"), false);
        long[] about = {0};
        double perRun = Allocated.perRun(20_000, () -> {
            about[0] += io.floatip.protocol.NeighborAdvert.check(fromMaster, fromMaster.length) == null
                    && watch.frame(fromMaster, fromMaster.length) ? 1 : 0;
            about[0] += watch.frame(other, other.length) ? 1 : 0;
        });
        assertEquals(40_000, about[0], "the VIP's NAs are recognised, the other address's not");
        assertTrue(perRun < 1, perRun + " bytes per frame");
    }
}
