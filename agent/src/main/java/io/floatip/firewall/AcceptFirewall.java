package io.floatip.firewall;

import io.floatip.base.LogLimit;
import io.floatip.config.VirtualIp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each instance refuses now (RFC 9568 Accept_Mode false, while master), applied to floatip's nftables
 * table by {@link Nft} on a thread of its own: nft takes tens of ms (over 100 on a busy host), which must
 * delay neither a takeover's advert and ARPs nor any other instance's timers. The latest wish wins: changes
 * that come faster than nft are written as one table. A failure is logged (1st, 10th, 100th...) and counted, never thrown; the next
 * change writes the whole table again, so it also repairs one an operator's {@code nft flush ruleset} took.
 * Any thread.
 */
public final class AcceptFirewall implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("floatip");

    private final Nft nft;
    /** Instance name to what it refuses; guarded by this. */
    private final Map<String, List<VirtualIp>> refused = new LinkedHashMap<>();
    private final Map<String, String> ownInterface = new LinkedHashMap<>();
    /** Bumped on every change; guarded by this. */
    private long wanted;
    private long written;
    private final ExecutorService writer;
    /** Tables nft refused to write (or could not be run for). */
    public final AtomicLong failures = new AtomicLong();
    /** Tables written. */
    public final AtomicLong applied = new AtomicLong();
    private volatile String lastError;

    public AcceptFirewall(Nft nft) {
        this.nft = nft;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "floatip-nft");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * At start: takes away the table a run that was killed left (its drop rules would outlive its VIPs), on the
     * nft thread, ahead of any write, so the agent's start does not wait for nft. Silent when nft is absent or
     * fails and no instance needs it ({@code needed} false): a host without nftables that never sets
     * {@code accept: false} has nothing to clean.
     */
    public void removeStale(boolean needed) {
        writer.execute(() -> {
            if (!nft.present()) {
                if (needed) {
                    failed("nft not found: accept: false needs the nftables package (apt install nftables); "
                            + "until then a master accepts packets to its VIPs");
                }
                return;
            }
            String error = nft.apply(NftRuleset.remove());
            if (error != null && needed) {
                failed("cannot clean table " + NftRuleset.TABLE + ": " + error);
            } else if (error != null) {
                log.debug("could not clean nftables table {}: {}", NftRuleset.TABLE, error);
            }
        });
    }

    /**
     * {@code instance} refuses {@code addresses} from now on (none: it accepts again); {@code iface} is its
     * own interface, for a link-local VIP. Written soon, on the nft thread, if it changes anything.
     */
    public void refuse(String instance, String iface, List<VirtualIp> addresses) {
        synchronized (this) {
            List<VirtualIp> before = refused.getOrDefault(instance, List.of());
            if (before.equals(addresses)) {
                return;
            }
            if (addresses.isEmpty()) {
                refused.remove(instance);
                log.info("{}: accepting packets to its addresses again (nftables table {})", instance,
                        NftRuleset.TABLE);
            } else {
                log.info("{}: accept: false: dropping packets to {} (nftables table {})", instance, addresses,
                        NftRuleset.TABLE);
                refused.put(instance, List.copyOf(addresses));
                ownInterface.put(instance, iface);
            }
            wanted++;
        }
        try {
            writer.execute(this::write);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: close() removes the whole table.
        }
    }

    /** What {@code instance} refuses as last asked (status), whether or not nft has written it yet. */
    public synchronized List<VirtualIp> refused(String instance) {
        return refused.getOrDefault(instance, List.of());
    }

    /** The last failure's reason, or null. */
    public String lastError() {
        return lastError;
    }

    private void write() {
        String script;
        long version;
        synchronized (this) {
            if (written == wanted) {
                return; // an earlier run wrote this wish already
            }
            version = wanted;
            script = NftRuleset.replace(new LinkedHashMap<>(refused), new LinkedHashMap<>(ownInterface));
        }
        String error = nft.apply(script);
        synchronized (this) {
            written = version;
        }
        if (error == null) {
            applied.incrementAndGet();
            lastError = null;
        } else {
            failed("cannot write nftables table " + NftRuleset.TABLE + ": " + error + "; packets to the VIPs "
                    + "of accept: false instances are accepted until it works");
        }
    }

    private void failed(String why) {
        lastError = why;
        long n = failures.incrementAndGet();
        if (LogLimit.shouldLog(n)) {
            log.error("{} ({} so far)", why, n);
        }
    }

    /**
     * At stop, after the instances released their VIPs: waits for a write under way, then removes the table
     * (when nft is there at all). Runs once.
     */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("nft still running after 10 s at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean had;
        synchronized (this) {
            had = !refused.isEmpty() || applied.get() > 0;
            refused.clear();
        }
        if (had && nft.present()) {
            String error = nft.apply(NftRuleset.remove());
            if (error != null) {
                failed("cannot remove nftables table " + NftRuleset.TABLE + " at stop: " + error);
            }
        }
    }
}
