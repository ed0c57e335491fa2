package io.floatip.policy;

import io.floatip.config.VirtualIp;
import io.floatip.config.VirtualRouting;
import io.floatip.router.Router;
import io.floatip.router.State;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * What an {@link InstancePolicy} asks the world to do, on the event loop. The agent's driver carries it out
 * with libpcap, netlink and the notifier; a test records it. Arguments are primitives or values the policy
 * built once, so a master's steady state (one {@link #sendAdvert} per interval) allocates nothing.
 */
public interface InstancePort {
    /** One advertisement with this priority (0 when stopping or yielding as master). */
    void sendAdvert(int priority);

    /** An advert from a router that is not master: from the interface's own MAC, never use_vmac's virtual MAC. */
    default void sendAdvertAsBackup(int priority) {
        sendAdvert(priority);
    }

    /**
     * Adds {@code vips} to the link, and as soon as the kernel has them (before its acknowledgements are read)
     * announces {@code announce}, {@code repeat} times each. One {@link Claim} per VIP, in order.
     */
    List<Claim> addVips(List<VirtualIp> vips, List<InetAddress> announce, int repeat);

    /** The VIPs that are on the link now, for a line each once the takeover's frames are out. */
    void claimed(List<Claim> claims);

    /** A VIP could not be added ({@link Claim#error()}), the first failure of an episode: worth an error line. */
    void claimFailed(Claim claim);

    /** Adds routes and rules (virtual_routes, virtual_rules), once the VIPs they may depend on are in place. */
    void addRouting(VirtualRouting routing);

    /** Removes routes and rules (those that are there). */
    void removeRouting(VirtualRouting routing);

    /**
     * From now on packets to {@code addresses} are dropped (RFC 9568 6.4.3, Accept_Mode false); none: accepted
     * again. Called only when the list changes.
     */
    void refuse(List<VirtualIp> addresses);

    /** Removes one VIP from the link (if it is there). */
    void removeVip(VirtualIp vip);

    /** Gratuitous ARPs (IPv4) or unsolicited neighbour advertisements (IPv6), {@code repeat} times each. */
    void announce(List<InetAddress> which, int repeat);

    /** An ARP request for a unicast peer's MAC. */
    void arpRequest(Inet4Address peer);

    /** Whether every unicast peer's MAC is known. */
    boolean peersResolved();

    /** A master's claim failed (a reload's new VIP): {@link Router#claimFailed} after the current event. */
    void stepDownLater(String why);

    /** Calls {@link InstancePolicy#fired}({@code timer}, {@code term}) back on the loop {@code afterNanos} from now. */
    void schedule(long afterNanos, Timer timer, long term);

    /** The router changed state: the line, the counters, the notifications, the sync group. */
    void transitioned(State from, State to, String reason, int priority);
}
