package io.floatip.agent;

import io.floatip.base.AddressText;
import io.floatip.config.InstanceConfig;
import io.floatip.config.UnicastPeer;
import io.floatip.protocol.AuthType;
import io.floatip.protocol.VrrpCodec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An instance's adverts onto the wire: to the multicast group or to each unicast peer, each destination's
 * frame built once and re-sent with a new IPv4 identification (so a master's steady state allocates nothing).
 * Sends are serialised: the loop's, and a stopping master's priority 0 from the stopping thread, after which
 * nothing is sent.
 */
final class AdvertSender {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("floatip");
    private static final byte[] NO_DATA = new byte[0];

    private final Link link;
    /** Our advert source (see {@link Instance}). */
    private final InetAddress source;
    private final AuthType authType;
    private final byte[] authData;
    /** Null in multicast mode. */
    private final Peers peers;
    final AtomicLong advertsSent = new AtomicLong();
    /** Under {@link #sending}: the last advert's frame, per destination, and the IPv4 identification. */
    private final AdvertFrame multicastFrame = new AdvertFrame();
    private AdvertFrame[] unicastFrames = new AdvertFrame[0];
    private int ipId;
    /**
     * The other holders of a split brain that frames still reach (see ConflictWatch): each advert goes to
     * each of them too, to its MAC, so the RFC election settles it and stays settled. Replaced whole, under
     * {@link #sending}; at most {@link #MAX_DIRECT}.
     */
    private Direct[] direct = new Direct[0];
    static final int MAX_DIRECT = 4;
    private final Object sending = new Object();

    private record Direct(InetAddress address, byte[] mac, AdvertFrame frame) {
    }
    private boolean resigned;
    /**
     * The parent interface's own MAC: a router that is not master (its priority 0 after yielding, or after a
     * failed claim) must not send from use_vmac's virtual MAC, or the switches would send the clients' frames
     * for that MAC to it, which no longer holds the VIPs. The link's own MAC without use_vmac.
     */
    private final byte[] ownMac;
    /** Under {@link #sending}: the source MAC of the advert being sent. */
    private byte[] sourceMac;

    AdvertSender(Link link, InetAddress source, AuthType authType, byte[] authData, Peers peers) {
        this(link, link.mac(), source, authType, authData, peers);
    }

    AdvertSender(Link link, byte[] ownMac, InetAddress source, AuthType authType, byte[] authData, Peers peers) {
        this.link = link;
        this.ownMac = ownMac.clone();
        this.source = source;
        this.authType = authType;
        this.authData = authData;
        this.peers = peers;
    }

    /** Loop thread: one advert as master, unless a stop has resigned already. */
    void send(InstanceConfig c, List<InetAddress> addresses, int priority) {
        send(c, addresses, priority, true);
    }

    /** Loop thread: one advert, from the virtual MAC only if {@code master}, unless a stop has resigned already. */
    void send(InstanceConfig c, List<InetAddress> addresses, int priority, boolean master) {
        synchronized (sending) {
            if (!resigned) {
                sourceMac = master ? link.mac() : ownMac;
                sendNow(c, addresses, priority);
            }
        }
    }

    /**
     * A stopping master's priority 0 advert, sent from the thread that stops the agent (the signal's) rather
     * than after a hop to the event loop, a wake-up that cost 0.2 to 0.3 ms of every graceful handover here.
     * Nothing is sent after it: an advert the loop was about to send with the old priority would tell the
     * backups the master is back and cost them a whole Master_Down_Interval. Router.shutdown then finds the
     * advert sent and releases the addresses as usual.
     */
    void resign(InstanceConfig c, List<InetAddress> addresses, boolean master) {
        synchronized (sending) {
            if (!resigned && master) {
                sourceMac = link.mac();
                sendNow(c, addresses, 0);
                resigned = true;
            }
        }
    }

    /**
     * Loop thread: from now on every advert also goes to {@code mac} at {@code address} (the other holder's
     * advert source, or the VIP it answers for). False when it is there already or the list is full.
     */
    boolean sendAlsoTo(InetAddress address, byte[] mac) {
        synchronized (sending) {
            for (Direct d : direct) {
                if (java.util.Arrays.equals(d.mac(), mac)) {
                    return false;
                }
            }
            if (direct.length >= MAX_DIRECT) {
                return false;
            }
            Direct[] grown = java.util.Arrays.copyOf(direct, direct.length + 1);
            grown[direct.length] = new Direct(address, mac.clone(), new AdvertFrame());
            direct = grown;
            return true;
        }
    }

    private void sendNow(InstanceConfig c, List<InetAddress> addresses, int priority) {
        for (int i = 0; i < direct.length; i++) { // indexed: no iterator in the steady state
            Direct d = direct[i];
            if (d.address().getAddress().length == (c.ipv6() ? 16 : 4)) {
                send(d.frame(), c, addresses, priority, d.address(), d.mac());
            }
        }
        if (peers == null) {
            if (c.ipv6()) {
                send(multicastFrame, c, addresses, priority, VrrpCodec.MULTICAST_GROUP_V6, Link.GROUP_MAC_V6);
            } else {
                send(multicastFrame, c, addresses, priority, VrrpCodec.MULTICAST_GROUP, Link.GROUP_MAC);
            }
            return;
        }
        List<UnicastPeer> all = peers.all();
        if (unicastFrames.length != all.size()) {
            unicastFrames = new AdvertFrame[all.size()];
        }
        for (int i = 0; i < all.size(); i++) { // indexed: no iterator in the steady state
            Inet4Address peer = all.get(i).address();
            if (unicastFrames[i] == null) {
                unicastFrames[i] = new AdvertFrame();
            }
            send(unicastFrames[i], c, addresses, priority, peer, peers.macOf(peer));
        }
    }

    private void send(AdvertFrame cached, InstanceConfig c, List<InetAddress> addresses, int priority,
                      InetAddress destination, byte[] destinationMac) {
        ipId = (ipId + 1) & 0xffff;
        byte[] frame = cached.frame(c.version(), c.vrid(), priority, c.advertIntervalCentis(), addresses, authType,
                c.version() == 2 ? authData : NO_DATA, source, destination, sourceMac, destinationMac, ipId);
        if (link.send(frame)) {
            advertsSent.incrementAndGet();
            if (LOG.isDebugEnabled()) { // keepalived's -D: every advert; nothing is built at info
                LOG.debug("{}: sent advert priority {} to {}", c.name(), priority, AddressText.format(destination));
            }
        }
    }

    /** For the takeover's warm-up: our own advert's frame, built twice (the second patches the first). */
    byte[] primeFrame(InstanceConfig c, List<InetAddress> addresses) {
        AdvertFrame scratch = new AdvertFrame();
        byte[] frame = null;
        for (int id = 0; id < 2; id++) {
            frame = scratch.frame(c.version(), c.vrid(), 1, c.advertIntervalCentis(), addresses, authType,
                    c.version() == 2 ? authData : NO_DATA, source,
                    c.ipv6() ? VrrpCodec.MULTICAST_GROUP_V6 : VrrpCodec.MULTICAST_GROUP, link.mac(),
                    c.ipv6() ? Link.GROUP_MAC_V6 : Link.GROUP_MAC, id);
        }
        return frame;
    }
}
