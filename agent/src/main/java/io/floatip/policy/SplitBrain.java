package io.floatip.policy;

import io.floatip.config.Ipv6Text;
import io.floatip.protocol.DropReason;
import io.floatip.protocol.PolicyDrop;
import java.net.InetAddress;

/**
 * Sees a dual master: while we are master, signs that another node holds our VIP too (its ARP or NA for the
 * VIP from a MAC not ours, its advert of our VRID that we dropped, its advert we accepted at a lower
 * priority) are checked once more after one advert interval and a probe, so that a normal handover (the
 * other steps down when it hears us) is not reported. Confirmed, it becomes one {@link Conflict} with its
 * likely cause, reported through the {@link Port}; it ends once no sign has come for {@link #quiet()}, or
 * when we stop being master. Loop thread, virtual time: every method takes {@code now}.
 */
public final class SplitBrain {
    /** What the detector asks the world to do (the instance's driver, or a test). */
    public interface Port {
        /** Ask who holds {@code vip} (an ARP request, or a Neighbor Solicitation; the other holder answers, we do not). */
        void probe(InetAddress vip);

        /** Call {@link #fired} with {@code term} back after {@code afterNanos}. */
        void schedule(long afterNanos, long term);

        /** A dual master is confirmed. */
        void conflict(Conflict c);

        /** The conflict is over: {@code why}. */
        void resolved(Conflict c, String why);

        /**
         * Frames still pass between us ({@link ConflictCause#healable()}): send our adverts straight to the other
         * holder (and, for {@link ConflictCause#UNKNOWN_PEER}, take its adverts), so the RFC election settles it.
         */
        void heal(Conflict c);
    }

    private static final long MS = 1_000_000L;
    /** A confirming sign counts if we are still master this long after it. */
    static final long GRACE = 200 * MS;
    /** When a confirming sign came while pending, Long.MIN_VALUE for none; whether the probe went out. */
    private long seenAt = Long.MIN_VALUE;
    private boolean probed;
    /** How long a probe's answer may take, at least. */
    private static final long ANSWER = 500 * MS;

    private final Port port;
    private final InetAddress probeVip;
    private long intervalNanos;
    private boolean master;
    /** Bumped on every change of phase: a timer from an earlier phase is ignored. */
    private long term;
    /** When the last sign came, Long.MIN_VALUE for never. */
    private long lastSign = Long.MIN_VALUE;
    /** Pending: signs after this time confirm; Long.MAX_VALUE when nothing is pending. */
    private long confirmFrom = Long.MAX_VALUE;
    private Conflict conflict;
    /** While in conflict: when the last probe went out (Long.MIN_VALUE: none yet). */
    private long lastProbe = Long.MIN_VALUE;
    // What the signs said, newest of each kind.
    private ConflictCause dropCause;
    private long dropAt = Long.MIN_VALUE;
    private long lowerAt = Long.MIN_VALUE;
    private InetAddress peerAddress;
    private String peerMac;
    /** The MAC of the last ARP or NA for our VIP (not ours). */
    private String claimMac;
    private int peerPriority = -1;
    private int peerVersion;
    private int peerInterval;

    /** @param probeVip the VIP to probe for (IPv4 or IPv6), or null (no VIP: the dropped adverts only) */
    public SplitBrain(Port port, InetAddress probeVip, int intervalCentis) {
        this.port = port;
        this.probeVip = probeVip;
        interval(intervalCentis);
    }

    public void interval(int intervalCentis) {
        this.intervalNanos = intervalCentis * 10L * MS;
    }

    /** Signs older than this do not count; a conflict with none this long is over. */
    long quiet() {
        return Math.max(3 * intervalNanos, 3000 * MS);
    }

    /** The drop reasons that say the advert came from another master of our VRID, and which setting differs. */
    public static ConflictCause cause(DropReason reason) {
        if (!(reason instanceof PolicyDrop d)) {
            return null;
        }
        return switch (d) {
            case AUTH_MISMATCH -> ConflictCause.AUTH_MISMATCH;
            case VERSION_MISMATCH -> ConflictCause.VERSION_MISMATCH;
            case INTERVAL_MISMATCH -> ConflictCause.INTERVAL_MISMATCH;
            case UNKNOWN_PEER -> ConflictCause.UNKNOWN_PEER;
            case TTL_OUT_OF_RANGE -> ConflictCause.TTL_OUT_OF_RANGE;
            default -> null;
        };
    }

    /** An advert of our VRID we dropped for {@code cause}; only a master sends adverts. */
    public void dropped(long now, ConflictCause cause, InetAddress source, String mac, int priority, int version,
                        int advertInterval) {
        if (priority == 0) {
            return; // a master leaving: it holds nothing once this is out
        }
        dropCause = cause;
        dropAt = now;
        peerAddress = source;
        peerMac = mac != null ? mac : sameSourceMac(source);
        peerPriority = priority;
        peerVersion = version;
        peerInterval = advertInterval;
        sign(now, false);
    }

    /** An advert we accepted, from a master of lower priority than ours, while we are master. */
    public void lowerAdvert(long now, InetAddress source, int priority) {
        if (!master || priority == 0) {
            return;
        }
        lowerAt = now;
        if (!source.equals(peerAddress)) {
            peerMac = null;
        }
        peerAddress = source;
        peerPriority = priority;
        sign(now, false);
    }

    /** Someone at {@code mac} (not us) said it has our VIP: a gratuitous ARP, an ARP reply, an NA. */
    public void claimed(long now, String mac) {
        claimMac = mac;
        if (peerMac == null || !fresh(now)) {
            peerMac = mac;
        }
        sign(now, true);
    }

    private String sameSourceMac(InetAddress source) {
        return source.equals(peerAddress) ? peerMac : null;
    }

    private boolean fresh(long now) {
        return within(now, lastSign);
    }

    /** Whether {@code at} (Long.MIN_VALUE: never) is at most {@link #quiet()} before {@code now}. */
    private boolean within(long now, long at) {
        return at != Long.MIN_VALUE && now - at <= quiet();
    }

    /**
     * @param claim an ARP or NA for the VIP: with a probe, only that confirms (the other node holds the VIP; a
     *              forged advert alone is not enough), and only if we are still master {@link #GRACE} later (a
     *              preempting master's advert comes with its ARP, and we step down on it)
     */
    private void sign(long now, boolean claim) {
        lastSign = now;
        if (!master) {
            return;
        }
        if (conflict == null && confirmFrom == Long.MAX_VALUE) {
            pend(now);
        } else if (conflict == null && now >= confirmFrom && (claim || probeVip == null) && seenAt == Long.MIN_VALUE) {
            seenAt = now;
            port.schedule(GRACE, term);
        }
    }

    /** Our router's state changed. */
    public void role(long now, boolean isMaster) {
        if (isMaster == master) {
            return;
        }
        master = isMaster;
        term++;
        confirmFrom = Long.MAX_VALUE;
        if (!isMaster) {
            if (conflict != null) {
                Conflict c = conflict;
                conflict = null;
                lastProbe = Long.MIN_VALUE;
                port.resolved(c, "we are no longer master");
            }
            return;
        }
        lowerAt = Long.MIN_VALUE; // lower adverts count only from masters we are master beside
        if (fresh(now)) {
            pend(now);
        }
    }

    /**
     * A sign while master: wait one advert interval (a node that became master beside us hears our next advert
     * and steps down), then probe; a sign after that confirms.
     */
    private void pend(long now) {
        confirmFrom = now + intervalNanos + 50 * MS;
        seenAt = Long.MIN_VALUE;
        probed = false;
        term++;
        port.schedule(confirmFrom - now, term);
    }

    private void confirm(long now) {
        term++;
        confirmFrom = Long.MAX_VALUE;
        conflict = new Conflict(likelyCause(now), peerAddress, peerMac, peerPriority, peerVersion, peerInterval, now);
        port.conflict(conflict);
        port.schedule(recheck(), term);
        // Taking an unknown source's adverts only when that MAC also answers for the VIP: a forged advert alone
        // must not get a hearing that could make us yield.
        if (conflict.cause().healable() && conflict.peerMac() != null
                && (conflict.cause() != ConflictCause.UNKNOWN_PEER || conflict.peerMac().equals(claimMac))) {
            port.heal(conflict);
        }
    }

    private ConflictCause likelyCause(long now) {
        if (dropCause != null && within(now, dropAt)) {
            return dropCause;
        }
        if (within(now, lowerAt)) {
            return ConflictCause.NOT_HEARD;
        }
        peerPriority = -1;
        peerAddress = null;
        return ConflictCause.SILENT;
    }

    private long recheck() {
        return Math.max(intervalNanos, 1000 * MS);
    }

    /** A timer of {@link Port#schedule}. */
    public void fired(long now, long firedTerm) {
        if (firedTerm != term || !master) {
            return;
        }
        if (conflict == null) {
            if (confirmFrom == Long.MAX_VALUE) {
                return;
            }
            if (seenAt != Long.MIN_VALUE) {
                if (now >= seenAt + GRACE) {
                    confirm(now);
                }
                return; // the grace's own timer comes
            }
            long answer = answer();
            if (!probed) { // the check point: probe, then give the signs time to come
                probed = true;
                port.schedule(confirmFrom + answer - now, term);
                if (probeVip != null) {
                    port.probe(probeVip);
                }
                return;
            }
            confirmFrom = Long.MAX_VALUE; // none came: a handover that settled by itself
            return;
        }
        boolean unanswered = probeVip != null && lastProbe != Long.MIN_VALUE && lastSign < lastProbe;
        if (unanswered || now - lastSign > quiet()) {
            Conflict c = conflict;
            conflict = null;
            lastProbe = Long.MIN_VALUE;
            term++;
            port.resolved(c, unanswered ? "the other holder no longer answers for " + Ipv6Text.format(probeVip)
                    : "no sign of the other holder for " + (now - lastSign) / MS + " ms");
            return;
        }
        port.schedule(recheck(), term);
        if (probeVip != null) {
            lastProbe = now;
            port.probe(probeVip);
        }
    }

    /** How long after the check point a sign still confirms: a probe's answer, or the next dropped advert. */
    private long answer() {
        return Math.max(ANSWER, Math.max(intervalNanos, peerInterval * 10L * MS) + 100 * MS);
    }

    /**
     * Whether {@code global.split_brain: yield} steps us down for {@code c}: the other holder's advert was
     * dropped for a setting (so the election cannot run) and it wins the election as RFC 9568 6.4.3 would
     * decide it: the higher priority, or the same and the higher address.
     */
    public static boolean yields(Conflict c, int ourPriority, InetAddress ourAddress) {
        boolean dropped = c.cause() != ConflictCause.NOT_HEARD && c.cause() != ConflictCause.SILENT;
        if (!dropped || c.peerAddress() == null || c.peerPriority() < 0) {
            return false;
        }
        if (c.peerPriority() != ourPriority) {
            return c.peerPriority() > ourPriority;
        }
        return java.util.Arrays.compare(c.peerAddress().getAddress(), ourAddress.getAddress()) > 0;
    }

    /** Whether an advert of a conflict cause came within the last {@link #quiet()}. */
    public boolean droppedRecently(long now) {
        return dropCause != null && within(now, dropAt);
    }

    /** The conflict now, or null. */
    public Conflict conflict() {
        return conflict;
    }

    public boolean master() {
        return master;
    }
}
