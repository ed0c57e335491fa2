package io.floatip.agent;

import io.floatip.base.LogLimit;
import io.floatip.config.InstanceConfig;
import io.floatip.policy.AdvertCheck;
import io.floatip.policy.Conflict;
import io.floatip.policy.ConflictCause;
import io.floatip.policy.SplitBrain;
import io.floatip.protocol.ArpCodec;
import io.floatip.protocol.ClaimFrame;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.NdpCodec;
import io.floatip.protocol.VrrpPacket;
import io.floatip.config.Ipv6Text;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's split-brain watch at the edges: on the capture thread, ARP and NA frames about its VIPs from
 * another MAC and the adverts of its VRID that it dropped, handed to the loop (at most one of each kind per
 * {@link #SPACING_NANOS}: a flood costs the loop nothing more); on the loop, the {@link SplitBrain} decisions
 * carried out: the probe, the log line, the counter, the notifications.
 */
final class ConflictWatch implements SplitBrain.Port {
    private static final Logger log = LoggerFactory.getLogger("floatip");
    static final long SPACING_NANOS = 20_000_000L;
    /** Dropped adverts come every interval from a real holder; a sign every 250 ms is plenty. */
    static final long DROP_SPACING_NANOS = 250_000_000L;
    /**
     * A backup passes on a claim at most this often: its master's ARP is normal, but a claim seen just before
     * we take over (the other node took over beside us) must still count when we do.
     */
    static final long BACKUP_SPACING_NANOS = 1_000_000_000L;

    private final Link link;
    private final EventLoop loop;
    private final InetAddress source;
    private final IntSupplier priority;
    private volatile InstanceConfig config;
    private volatile byte[][] vips;
    /** Our virtual router MAC: a claim from it is one of ours (a node using keepalived's use_vmac). */
    private volatile byte[] vmac;
    private final SplitBrain splitBrain;
    /** The loop writes, the capture thread reads: whether we are master (claims are passed on more often). */
    private volatile boolean watching;
    private volatile long lastClaim;
    private volatile long lastDrop;
    final AtomicLong conflicts = new AtomicLong();
    private Notifications notifications;

    ConflictWatch(InstanceConfig config, Link link, EventLoop loop, InetAddress source, IntSupplier priority) {
        this.link = link;
        this.loop = loop;
        this.source = source;
        this.priority = priority;
        this.config = config;
        this.vips = bytes(AdvertCheck.addresses(config));
        this.vmac = ClaimFrame.virtualMac(config.vrid(), config.ipv6());
        // The probe asks for the first VIP, from our advert source of its family: an ARP request from the
        // IPv4 source, a Neighbor Solicitation from the link-local address. None without VIPs (nothing to ask).
        List<InetAddress> advertised = AdvertCheck.addresses(config);
        InetAddress probe = advertised.isEmpty() || source == null
                || source.getAddress().length != advertised.get(0).getAddress().length ? null : advertised.get(0);
        this.splitBrain = new SplitBrain(this, probe, config.advertIntervalCentis());
    }

    /** An instance's watch, hooked to its receive path and to the parts a heal acts on. */
    static ConflictWatch of(InstanceConfig config, Link link, EventLoop loop, InetAddress source,
                            io.floatip.router.Router router, AdvertReceiver receiver, AdvertSender sender,
                            Runnable announceVips) {
        ConflictWatch w = new ConflictWatch(config, link, loop, source, router::priority);
        receiver.watch(w);
        w.healWith(receiver, sender, announceVips);
        return w;
    }

    void reconfigure(InstanceConfig next) {
        config = next;
        vips = bytes(AdvertCheck.addresses(next));
        vmac = ClaimFrame.virtualMac(next.vrid(), next.ipv6());
        splitBrain.interval(next.advertIntervalCentis());
    }

    void notifications(Notifications n) {
        this.notifications = n;
    }

    private static byte[][] bytes(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getAddress).toArray(byte[][]::new);
    }

    // ---- capture thread ----

    /**
     * Whether the frame is an ARP or NA about one of our VIPs; one from another MAC goes to the loop. An NA
     * must be one {@link io.floatip.protocol.NeighborAdvert#check} took (the link checks it once for every watch).
     */
    boolean frame(byte[] f, int length) {
        byte[][] ours = vips;
        boolean v6 = config.ipv6();
        for (byte[] vip : ours) {
            boolean about = v6 ? ClaimFrame.advertFor(f, length, vip) : ClaimFrame.arpFrom(f, length, vip);
            if (!about) {
                continue;
            }
            byte[] own = link.mac();
            int macAt = v6 ? ClaimFrame.advertClaimant(f, length, own, vmac) : ClaimFrame.arpClaimant(f, own, vmac);
            if (macAt >= 0) {
                long now = System.nanoTime();
                if (now - lastClaim >= (watching ? SPACING_NANOS : BACKUP_SPACING_NANOS)) {
                    lastClaim = now;
                    String mac = Peers.format(Arrays.copyOfRange(f, macAt, macAt + 6));
                    loop.execute(() -> splitBrain.claimed(loop.now(), mac));
                }
            }
            return true;
        }
        return false;
    }

    /** An advert of our VRID dropped for {@code reason}; {@code frame} is the one it came in. */
    void dropped(DropReason reason, VrrpPacket p, byte[] frame) {
        ConflictCause cause = SplitBrain.cause(reason);
        if (cause == null || frame == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrop < DROP_SPACING_NANOS) {
            return;
        }
        lastDrop = now;
        String mac = Peers.format(Arrays.copyOfRange(frame, ClaimFrame.ETHERNET_SOURCE, ClaimFrame.ETHERNET_SOURCE + 6));
        InetAddress from = p.source();
        int prio = p.priority();
        int version = p.version();
        int interval = p.advertInterval();
        loop.execute(() -> splitBrain.dropped(loop.now(), cause, from, mac, prio, version, interval));
    }

    // ---- loop thread ----

    /** An advert the router took while we are master, below our priority: its sender is master too. */
    void accepted(InetAddress from, int advertPriority, boolean master, int ours) {
        if (master && advertPriority > 0 && advertPriority < ours) {
            splitBrain.lowerAdvert(loop.now(), from, advertPriority);
        }
    }

    void role(boolean master) {
        watching = master;
        splitBrain.role(loop.now(), master);
    }

    Conflict conflict() {
        return splitBrain.conflict();
    }

    @Override
    public void probe(InetAddress vip) {
        if (vip instanceof Inet4Address v4 && source instanceof Inet4Address from) {
            link.send(ArpCodec.request(link.mac(), from, v4));
        } else if (vip instanceof Inet6Address v6 && source instanceof Inet6Address from) {
            link.send(NdpCodec.solicitation(link.mac(), from, v6));
        }
    }

    @Override
    public void schedule(long afterNanos, long term) {
        loop.schedule(loop.now() + afterNanos, () -> splitBrain.fired(loop.now(), term));
    }

    @Override
    public void conflict(Conflict c) {
        InstanceConfig cfg = config;
        long n = conflicts.incrementAndGet();
        if (LogLimit.shouldLog(n)) {
            log.warn("{}: split brain: {} ({} so far)", cfg.name(), c.describe(cfg.vrid(), cfg.version(),
                    cfg.advertIntervalCentis(), AdvertCheck.addresses(cfg)), n);
        }
        if (notifications != null) {
            notifications.conflict(priority.getAsInt());
        }
        if (yieldTo != null && SplitBrain.yields(c, priority.getAsInt(), source)) {
            log.warn("{}: split_brain is yield: stepping down while {} keeps advertising", cfg.name(),
                    Ipv6Text.format(c.peerAddress()));
            yieldTo.fault(YIELD, "split brain: yielded to " + Ipv6Text.format(c.peerAddress()) + " (priority "
                    + c.peerPriority() + ")");
            loop.schedule(loop.now() + 1_000_000_000L, this::checkYield);
        }
    }

    static final String YIELD = "split_brain";

    /** Loop thread: the yield lasts while the winner's dropped adverts keep coming. */
    private void checkYield() {
        if (splitBrain.droppedRecently(loop.now())) {
            loop.schedule(loop.now() + 1_000_000_000L, this::checkYield);
        } else {
            log.info("{}: the other holder's adverts stopped; no longer yielding", config.name());
            yieldTo.fault(YIELD, null);
        }
    }

    private Tracking yieldTo;

    /** Loop thread: global.split_brain: yield (the instance's tracking takes the FAULT), or report (null). */
    void yieldWith(Tracking tracking) {
        this.yieldTo = tracking;
    }

    @Override
    public void resolved(Conflict c, String why) {
        log.info("{}: split brain over ({}): {}", config.name(), c.cause().key(), why);
        if (splitBrain.master() && announce != null) {
            announce.run(); // the one holder left tells the clients' ARP caches again
        }
    }

    @Override
    public void heal(Conflict c) {
        byte[] mac = java.util.HexFormat.ofDelimiter(":").parseHex(c.peerMac());
        InetAddress to = c.peerAddress() != null ? c.peerAddress() : AdvertCheck.addresses(config).get(0);
        if (c.cause() == io.floatip.policy.ConflictCause.UNKNOWN_PEER && c.peerAddress() != null) {
            receiver.check().adopt(c.peerAddress());
        }
        if (sender.sendAlsoTo(to, mac)) {
            log.warn("{}: healing the split brain: adverts go to {} at {} too, from now on, so the election can "
                    + "settle it{}", config.name(), Ipv6Text.format(to), c.peerMac(),
                    c.cause() == io.floatip.policy.ConflictCause.UNKNOWN_PEER
                            ? "; its adverts are taken though it is not in unicast_peers (fix the lists)" : "");
        }
    }

    private AdvertReceiver receiver;
    private AdvertSender sender;
    private Runnable announce;

    /** The instance's parts the heal acts on. */
    void healWith(AdvertReceiver r, AdvertSender s, Runnable announceVips) {
        this.receiver = r;
        this.sender = s;
        this.announce = announceVips;
    }
}
