package io.floatip.firewall;

import io.floatip.base.LogLimit;
import io.floatip.config.VirtualIp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each instance refuses now (RFC 9568 Accept_Mode false, while master), applied to floatip's nftables
 * table by {@link Nft} on a thread of its own: nft takes tens of ms (over 100 on a busy host), which must
 * delay neither a takeover's advert and ARPs nor any other instance's timers. The latest wish wins: changes
 * that come faster than nft are written as one table. A failure is logged (1st, 10th, 100th...) and counted,
 * never thrown. Once a table is written, a {@link Watcher} reports what else removes or changes it (an
 * operator's {@code nft flush ruleset}, an nftables.service reload): it is written again at once, at most once
 * a second. Any thread.
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
    private final ScheduledExecutorService writer;
    /** Tables nft refused to write (or could not be run for). */
    public final AtomicLong failures = new AtomicLong();
    /** Tables written. */
    public final AtomicLong applied = new AtomicLong();
    private volatile String lastError;
    /** Tables written again because something else removed or changed them. */
    public final AtomicLong rewritten = new AtomicLong();
    /** Writes again come this far apart at least: a tool that removes the table on every write must not spin. */
    static final long REWRITE_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Watcher watcher;
    /** The running watch, once a table was written; nft thread, and close(). */
    private volatile AutoCloseable watch;
    private boolean watchFailed;
    /** When the last write again may run (System.nanoTime()); guarded by this. */
    private long nextRewrite = System.nanoTime() - REWRITE_GAP_NANOS;

    /** Starts watching floatip's table; {@code damaged} runs when something else removed or changed it. */
    @FunctionalInterface
    public interface Watcher {
        AutoCloseable start(Runnable damaged) throws Exception;
    }

    /** Without a watch: a table something else removes comes back at the next change only. */
    public AcceptFirewall(Nft nft) {
        this(nft, null);
    }

    public AcceptFirewall(Nft nft, Watcher watcher) {
        this.nft = nft;
        this.watcher = watcher;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "floatip-nft");
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.writer = pool;
    }

    /**
     * The watch's call: something else removed or changed the table. While an instance refuses anything, the
     * whole table is written again (counted, logged), no sooner than a second after the last time.
     */
    public void damaged() {
        long delay;
        synchronized (this) {
            if (refused.isEmpty()) {
                return; // nothing to drop: no table wanted (and our own removal says the same)
            }
            wanted++;
            long now = System.nanoTime();
            delay = Math.max(0, nextRewrite - now);
            nextRewrite = now + delay + REWRITE_GAP_NANOS;
        }
        long n = rewritten.incrementAndGet();
        if (LogLimit.shouldLog(n)) {
            log.warn("nftables table {} was removed or changed by something else (nft flush ruleset, an "
                    + "nftables.service reload?); writing it again ({} so far)", NftRuleset.TABLE, n);
        }
        try {
            writer.schedule(this::write, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: close() removes the whole table.
        }
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
            startWatch();
        } else {
            failed("cannot write nftables table " + NftRuleset.TABLE + ": " + error + "; packets to the VIPs "
                    + "of accept: false instances are accepted until it works");
        }
    }

    /** nft thread, after a table was written: from now on, what removes it is noticed. */
    private void startWatch() {
        if (watch != null || watcher == null || watchFailed) {
            return;
        }
        try {
            watch = watcher.start(this::damaged);
        } catch (Exception e) {
            watchFailed = true;
            log.warn("cannot watch nftables changes ({}): a table something else removes (nft flush ruleset) "
                    + "comes back at the instance's next change only", e.getMessage());
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
        AutoCloseable w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (Exception e) {
                log.debug("closing the nftables watch: {}", e.getMessage());
            }
        }
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
