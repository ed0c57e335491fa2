package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.base.LogLimit;
import io.floatip.protocol.Ethernet;
import io.floatip.protocol.PolicyDrop;
import io.floatip.net.Netlink;
import io.floatip.net.PcapTransport;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.Inet4Address;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interface the agent speaks VRRP on: its identity (index, MAC, primary address), its transport, and the
 * instances on it by VRID. The receive path runs on the capture thread: decode, find the instance, queue the
 * advert in its inbox; at the end of each read round the loop is woken once for every instance with adverts.
 * Decoding stays on the capture thread: the frame is the capture's own buffer, so taking it to the loop would
 * cost a copy per frame, and a dropped frame never reaches the loop at all.
 */
final class Link implements io.floatip.net.FrameListener {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final byte[] GROUP_MAC = Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP);
    static final byte[] GROUP_MAC_V6 = Ethernet.multicastMac(VrrpCodec.MULTICAST_GROUP_V6);

    private final String name;
    private volatile int ifIndex;
    private volatile byte[] mac;
    /** Capture thread: a master's repeated advert is decoded once. */
    private final io.floatip.protocol.RepeatDecoder decoder = new io.floatip.protocol.RepeatDecoder();
    /** Null when no IPv4 instance runs here. */
    private final Inet4Address primaryAddress;
    /** The interface's IPv6 link-local address, the source of IPv6 adverts; null when no IPv6 instance runs. */
    private volatile java.net.Inet6Address linkLocal;
    private final Netlink netlink;
    /**
     * RFC 9568 lets an IPv4 and an IPv6 router share a VRID: one table per family. Written on the loop, read
     * on the capture thread: an atomic array makes each write visible there (a volatile read, no allocation).
     */
    private final AtomicReferenceArray<AdvertReceiver> byVrid4 = new AtomicReferenceArray<>(256);
    private final AtomicReferenceArray<AdvertReceiver> byVrid6 = new AtomicReferenceArray<>(256);
    final DropCounters drops = new DropCounters();
    private volatile PcapTransport transport;
    /** Capture thread to loop: the instances with adverts from this read round. */
    private final AdvertHandover handover = new AdvertHandover();

    Link(String name, int ifIndex, byte[] mac, Inet4Address primaryAddress, Netlink netlink) {
        this.name = name;
        this.ifIndex = ifIndex;
        this.mac = mac.clone();
        this.primaryAddress = primaryAddress;
        this.netlink = netlink;
    }

    /** Every instance's split-brain watch: ARP and NA frames about its VIPs. */
    private volatile ConflictWatch[] watches = new ConflictWatch[0];

    /** Instances in unicast mode: they learn their peers' MACs from ARP, and check TTL ranges themselves. */
    private volatile Peers[] unicast = new Peers[0];

    private io.floatip.net.MulticastMembership membership4;
    private io.floatip.net.MulticastMembership membership6;

    private AtomicReferenceArray<AdvertReceiver> table(boolean ipv6) {
        return ipv6 ? byVrid6 : byVrid4;
    }

    void attach(Instance instance) {
        table(instance.config().ipv6()).set(instance.config().vrid(), instance.receiver());
        ConflictWatch[] moreWatches = java.util.Arrays.copyOf(watches, watches.length + 1);
        moreWatches[watches.length] = instance.conflictWatch;
        watches = moreWatches;
        if (instance.unicast()) {
            Peers[] grown = java.util.Arrays.copyOf(unicast, unicast.length + 1);
            grown[unicast.length] = instance.receiver().peers();
            unicast = grown;
        }
    }

    /**
     * The interface was deleted and created again under the same name: a new index, perhaps a new MAC. The
     * capture reopens by name on its own; addresses and frames must use the new identity.
     */
    void rebind(int newIndex, byte[] newMac) {
        ifIndex = newIndex;
        if (newMac != null && newMac.length == 6) {
            mac = newMac.clone();
        }
        membership4 = null; // the old memberships left with the old interface; refresh() joins again
        membership6 = null;
    }

    /** A reload removed the instance: its VRID is unknown here from now on. */
    void detach(Instance instance) {
        table(instance.config().ipv6()).compareAndSet(instance.config().vrid(), instance.receiver(), null);
        Peers gone = instance.receiver().peers();
        unicast = java.util.Arrays.stream(unicast).filter(p -> p != gone).toArray(Peers[]::new);
        ConflictWatch goneWatch = instance.conflictWatch;
        watches = java.util.Arrays.stream(watches).filter(w -> w != goneWatch).toArray(ConflictWatch[]::new);
    }

    io.floatip.net.MulticastMembership membership(boolean ipv6) {
        return ipv6 ? membership6 : membership4;
    }

    void membership(boolean ipv6, io.floatip.net.MulticastMembership membership) {
        if (ipv6) {
            membership6 = membership;
        } else {
            membership4 = membership;
        }
    }

    void transportFilter(String filter) throws io.floatip.net.TransportException {
        PcapTransport t = transport;
        if (t != null) {
            t.filter(filter);
        }
    }

    PcapTransport transport() {
        return transport;
    }

    /** A filter no frame passes: a link only sent on (ARPs for the VIPs of an instance elsewhere). */
    static final String NO_FRAMES = "less 1";

    /** The capture filter: adverts, and ARP too when a unicast instance must learn its peers' MACs. */
    static String filter(boolean anyUnicast) {
        // Not "inbound and ...", though it would keep a master's own adverts from waking the capture thread:
        // with it a backup lost the first advert of a master that came up beside it (8 starts in 12).
        return anyUnicast ? "ip proto 112 or ip6 proto 112 or arp" : "ip proto 112 or ip6 proto 112";
    }

    /**
     * The capture filter with the split-brain watch's frames: ARP sent by each IPv4 VIP (gratuitous, or an
     * answer) and NAs for each IPv6 VIP, matched in the kernel so that other ARP traffic never wakes us.
     */
    static String filter(boolean anyUnicast, java.util.Collection<java.net.InetAddress> vips) {
        StringBuilder sb = new StringBuilder(filter(anyUnicast));
        for (java.net.InetAddress vip : vips) {
            if (vip instanceof Inet4Address) {
                if (!anyUnicast) { // all ARP is in the filter already
                    sb.append(" or ").append(io.floatip.protocol.ClaimFrame.arpFilter(vip.getAddress()));
                }
            } else {
                sb.append(" or ").append(io.floatip.protocol.ClaimFrame.advertFilter(vip.getAddress()));
            }
        }
        return sb.toString();
    }

    void transport(PcapTransport transport) {
        this.transport = transport;
    }

    /** Capture thread; {@code receivedAt}: the kernel's receive time on the System.nanoTime clock. */
    @Override
    public void frame(byte[] frame, int length, long receivedAt) {
        Peers[] unicastPeers = unicast;
        boolean arp = io.floatip.protocol.ClaimFrame.isArp(frame, length);
        if (arp || io.floatip.protocol.ClaimFrame.isIcmp6(frame, length)) {
            // The split-brain watch's frames (see filter): never an advert. An NA no node would take claims
            // nothing: dropped here, once for every watch.
            io.floatip.protocol.NaDrop invalid = arp ? null : io.floatip.protocol.NeighborAdvert.check(frame, length);
            if (invalid != null) {
                drop(invalid, null);
                return;
            }
            ConflictWatch[] w = watches;
            for (int i = 0; i < w.length; i++) {
                w[i].frame(frame, length);
            }
            if (arp && unicastPeers.length > 0) {
                Inet4Address sender = ArpCodec.senderIp(frame, length);
                if (sender != null) {
                    for (Peers peers : unicastPeers) {
                        peers.learn(sender, frame, ArpCodec.SENDER_MAC_OFFSET);
                    }
                }
            }
            return;
        }
        // On a link with unicast peers the TTL is each instance's to judge (keepalived's per-peer range).
        Decoded d = decoder.decode(frame, length, unicastPeers.length == 0);
        if (d instanceof Decoded.Dropped dropped) {
            drop(dropped.reason(), null);
            return;
        }
        VrrpPacket p = ((Decoded.Accepted) d).packet();
        if (p.source().equals(p.ipv6() ? linkLocal : primaryAddress)) {
            drop(PolicyDrop.OWN_ADVERT, p);
            return;
        }
        AdvertReceiver receiver = table(p.ipv6()).get(p.vrid());
        if (receiver == null) {
            drop(PolicyDrop.UNKNOWN_VRID, p);
            return;
        }
        if (receiver.accept(p, frame, receivedAt)) {
            handover.list(receiver.drainTask(), receiver.loop());
        }
    }

    /** Capture thread: the round's adverts go to the loop, one wake-up for all. */
    @Override
    public void roundEnd() {
        handover.roundEnd();
    }

    private void drop(DropReason reason, VrrpPacket p) {
        long n = drops.count(reason);
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: dropped frame{}: {} ({} so far)", name,
                    p == null ? "" : " from " + AddressText.format(p.source()) + " vrid " + p.vrid(),
                    reason.description(), n);
        }
    }

    long sendErrors() {
        PcapTransport t = transport;
        return t == null ? 0 : t.sendErrors();
    }

    boolean send(byte[] frame) {
        PcapTransport t = transport;
        return t != null && t.send(frame);
    }

    String name() {
        return name;
    }

    int ifIndex() {
        return ifIndex;
    }

    byte[] mac() {
        return mac;
    }

    Inet4Address primaryAddress() {
        return primaryAddress;
    }

    java.net.Inet6Address linkLocal() {
        return linkLocal;
    }

    void linkLocal(java.net.Inet6Address address) {
        this.linkLocal = address;
    }

    Netlink netlink() {
        return netlink;
    }
}
