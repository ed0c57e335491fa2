package io.floatip.net;

import io.floatip.os.LibC;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches nftables' change notifications (NETLINK_NETFILTER, group NFNLGRP_NFTABLES) on a daemon thread and
 * calls back when a transaction damaged one table ({@link NftablesChanges}): an {@code nft flush ruleset}
 * costs one wake-up, and an idle host none (no process forked, no timer but a read timeout once a minute).
 * Lives in the network namespace of the thread that starts it. Needs CAP_NET_ADMIN, as nft does.
 */
public final class NftablesMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NftablesMonitor.class);
    /** linux/netfilter/nfnetlink.h. */
    private static final int NFNLGRP_NFTABLES = 7;
    /** NFPROTO_INET. */
    public static final int INET = 1;
    private static final Duration POLL = Duration.ofSeconds(60);
    private static final int KERNEL_BUFFER = 1 << 20;
    private static final long ERROR_BACKOFF_MILLIS = 1_000;

    private final NetlinkSocket socket;
    private final NftablesChanges changes;
    private final Runnable damaged;
    private final Thread thread;
    private volatile boolean running = true;

    private NftablesMonitor(NetlinkSocket socket, NftablesChanges changes, Runnable damaged) {
        this.socket = socket;
        this.changes = changes;
        this.damaged = damaged;
        this.thread = new Thread(this::run, "floatip-nft-watch");
        thread.setDaemon(true);
    }

    /** Starts watching {@code family} {@code table}; {@code damaged} runs on the watching thread. */
    public static NftablesMonitor start(int family, String table, Runnable damaged) throws NetlinkException {
        NftablesMonitor m = new NftablesMonitor(new NetlinkSocket(LibC.NETLINK_NETFILTER,
                1 << (NFNLGRP_NFTABLES - 1), POLL, KERNEL_BUFFER), new NftablesChanges(family, table), damaged);
        m.thread.start();
        return m;
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (NetlinkMessage message : socket.receive()) {
                        if (running && changes.take(message)) {
                            tell();
                        }
                    }
                } catch (NetlinkException e) {
                    if (!running) {
                        break;
                    }
                    if (e.errno() == Errno.ENOBUFS) {
                        tell(); // what was lost may have been a flush: write again, it is idempotent
                    } else {
                        LOG.error("nftables watch cannot read its netlink socket; retrying", e);
                        sleep();
                    }
                } catch (RuntimeException e) {
                    LOG.error("nftables watch could not decode a notification; skipping it", e);
                }
            }
        } finally {
            socket.close();
        }
    }

    private void tell() {
        try {
            damaged.run();
        } catch (RuntimeException e) {
            LOG.error("nftables watch listener failed", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(ERROR_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread: a request for the generation id, whose answer ends its read; else the read's timeout. */
    @Override
    public void close() {
        running = false;
        try {
            MessageBuilder m = new MessageBuilder((NftablesChanges.NFNL_SUBSYS_NFTABLES << 8)
                    | NftablesChanges.NFT_MSG_GETGEN, NetlinkConstants.NLM_F_REQUEST, 1);
            m.u8(NetlinkConstants.AF_UNSPEC).u8(0).u16(0);
            socket.send(m.build());
        } catch (NetlinkException | RuntimeException e) {
            LOG.debug("nftables watch: no wake-up on close ({}); it ends within {}", e.getMessage(), POLL);
        }
    }
}
