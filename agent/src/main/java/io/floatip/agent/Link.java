package io.floatip.agent;

import io.floatip.net.Netlink;
import io.floatip.net.PcapTransport;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.Decoded;
import io.floatip.protocol.DropCounters;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.VrrpCodec;
import io.floatip.protocol.VrrpPacket;
import java.net.Inet4Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interface the agent speaks VRRP on: its identity (index, MAC, primary address), its transport, and the
 * instances on it by VRID. The receive path runs on the capture thread: decode, find the instance, hand over.
 */
final class Link {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final byte[] GROUP_MAC = VrrpCodec.multicastMac(VrrpCodec.MULTICAST_GROUP);

    private final String name;
    private volatile int ifIndex;
    private volatile byte[] mac;
    private final Inet4Address primaryAddress;
    private final Netlink netlink;
    private final Instance[] byVrid = new Instance[256];
    final DropCounters drops = new DropCounters();
    private volatile PcapTransport transport;

    Link(String name, int ifIndex, byte[] mac, Inet4Address primaryAddress, Netlink netlink) {
        this.name = name;
        this.ifIndex = ifIndex;
        this.mac = mac.clone();
        this.primaryAddress = primaryAddress;
        this.netlink = netlink;
    }

    /** Instances in unicast mode: they learn their peers' MACs from ARP, and check TTL ranges themselves. */
    private volatile Instance[] unicast = new Instance[0];

    private io.floatip.net.MulticastMembership membership;

    void attach(Instance instance) {
        byVrid[instance.config().vrid()] = instance;
        if (instance.unicast()) {
            Instance[] grown = java.util.Arrays.copyOf(unicast, unicast.length + 1);
            grown[unicast.length] = instance;
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
        membership = null; // the old membership left with the old interface; refresh() joins again
    }

    /** A reload removed the instance: its VRID is unknown here from now on. */
    void detach(Instance instance) {
        if (byVrid[instance.config().vrid()] == instance) {
            byVrid[instance.config().vrid()] = null;
        }
        unicast = java.util.Arrays.stream(unicast).filter(i -> i != instance).toArray(Instance[]::new);
    }

    io.floatip.net.MulticastMembership membership() {
        return membership;
    }

    void membership(io.floatip.net.MulticastMembership membership) {
        this.membership = membership;
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

    /** The capture filter: adverts, and ARP too when a unicast instance must learn its peers' MACs. */
    static String filter(boolean anyUnicast) {
        return anyUnicast ? "ip proto 112 or arp" : "ip proto 112";
    }

    void transport(PcapTransport transport) {
        this.transport = transport;
    }

    /** Capture thread. */
    void onFrame(byte[] frame) {
        Instance[] unicastInstances = unicast;
        if (unicastInstances.length > 0) {
            Inet4Address sender = ArpCodec.senderIp(frame, frame.length);
            if (sender != null) {
                for (Instance i : unicastInstances) {
                    i.peers().learn(sender, frame, ArpCodec.SENDER_MAC_OFFSET);
                }
                return;
            }
        }
        // On a link with unicast peers the TTL is each instance's to judge (keepalived's per-peer range).
        Decoded d = VrrpCodec.decodeFrame(frame, frame.length, unicastInstances.length == 0);
        if (d instanceof Decoded.Dropped dropped) {
            drop(dropped.reason(), null);
            return;
        }
        VrrpPacket p = ((Decoded.Accepted) d).packet();
        if (p.source().equals(primaryAddress)) {
            drop(DropReason.OWN_ADVERT, p);
            return;
        }
        Instance instance = byVrid[p.vrid()];
        if (instance == null) {
            drop(DropReason.UNKNOWN_VRID, p);
            return;
        }
        instance.accept(p, frame);
    }

    private void drop(DropReason reason, VrrpPacket p) {
        long n = drops.count(reason);
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: dropped frame{}: {} ({} so far)", name,
                    p == null ? "" : " from " + p.source().getHostAddress() + " vrid " + p.vrid(),
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

    Netlink netlink() {
        return netlink;
    }
}
