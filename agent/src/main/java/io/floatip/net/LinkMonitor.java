package io.floatip.net;

import static io.floatip.net.NetlinkConstants.AF_UNSPEC;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV4_IFADDR;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV6_IFADDR;
import static io.floatip.net.NetlinkConstants.RTMGRP_LINK;
import static io.floatip.net.NetlinkConstants.RTM_DELADDR;
import static io.floatip.net.NetlinkConstants.RTM_NEWADDR;
import static io.floatip.net.NetlinkConstants.RTM_DELLINK;
import static io.floatip.net.NetlinkConstants.RTM_NEWLINK;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV4_ROUTE;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV4_RULE;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV6_ROUTE;
import static io.floatip.net.NetlinkConstants.RTMGRP_IPV6_RULE;
import static io.floatip.net.NetlinkConstants.RTM_DELROUTE;
import static io.floatip.net.NetlinkConstants.RTM_DELRULE;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches link changes (RTMGRP_LINK), and address changes when asked, on a daemon thread and hands them to a
 * {@link LinkListener}.
 * Like {@link Netlink}, it sees the network namespace of the thread that starts it.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);
    /**
     * The read's timeout, only a safety net: close() wakes the read itself (see wake()), so an idle agent's
     * monitor wakes for link changes and nothing else. Polling once a second cost an idle agent more CPU than
     * its adverts (the JNA call of a timed-out read, interpreted at that rate: ~0.5 ms each).
     */
    private static final Duration POLL = Duration.ofSeconds(60);
    /** close() waits this long at most; a thread still in its read closes the socket itself on the way out. */
    private static final long JOIN_MILLIS = 50;
    /** Bursts (many links flapping at once) would otherwise overflow the default buffer. */
    private static final int KERNEL_BUFFER = 1 << 20;
    private static final long ERROR_BACKOFF_MILLIS = 1_000;

    private final NetlinkSocket socket;
    private final LinkListener listener;
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether the route and rule groups are joined: at start, or by a later {@link #watchRouting}. */
    private boolean routing;

    private LinkMonitor(NetlinkSocket socket, LinkListener listener) {
        this.socket = socket;
        this.listener = listener;
        this.thread = new Thread(this::run, "floatip-link-monitor");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("link monitor thread died", e));
    }

    /** Subscribes to link changes and starts delivering them to {@code listener}. */
    public static LinkMonitor start(LinkListener listener) throws NetlinkException {
        return start(listener, false);
    }

    /** As {@link #start(LinkListener)}; with {@code addresses}, IPv4 and IPv6 address changes too. */
    public static LinkMonitor start(LinkListener listener, boolean addresses) throws NetlinkException {
        return start(listener, addresses, false);
    }

    /**
     * As {@link #start(LinkListener, boolean)}; with {@code routing}, the deletion of floatip's own routes and
     * rules too. Only when asked: on a router with full BGP tables every route change would wake this thread.
     */
    public static LinkMonitor start(LinkListener listener, boolean addresses, boolean routing)
            throws NetlinkException {
        int groups = RTMGRP_LINK | (addresses ? RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR : 0)
                | (routing ? RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE | RTMGRP_IPV4_RULE | RTMGRP_IPV6_RULE : 0);
        LinkMonitor monitor = new LinkMonitor(new NetlinkSocket(groups, POLL, KERNEL_BUFFER), listener);
        monitor.routing = routing;
        monitor.thread.start();
        return monitor;
    }

    /**
     * Starts or stops delivering the deletion of floatip's routes and rules, for a reload that adds the first
     * ones or removes the last: joins or leaves those groups on the running socket. A failure is logged.
     */
    public synchronized void watchRouting(boolean on) {
        if (on == routing) {
            return;
        }
        try {
            for (int group : NetlinkConstants.RTNLGRP_ROUTING) {
                socket.membership(group, on);
            }
            routing = on;
        } catch (NetlinkException e) {
            LOG.error("cannot {} watching floatip's routes and rules (one deleted stays so until a transition): {}",
                    on ? "start" : "stop", e.getMessage());
        }
    }

    /** Whether the deletion of floatip's routes and rules is delivered now. */
    public synchronized boolean watchesRouting() {
        return routing;
    }

    /**
     * Stops the thread: it notices within one poll ({@link #POLL}) and then closes the socket itself. Does not
     * wait for that (an agent's stop must stay within a second), except briefly, to close at once when it can.
     */
    @Override
    public void close() {
        running = false;
        wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive()) {
            socket.close();
        }
    }

    /**
     * A request for the loopback interface (index 1 in every namespace) on the monitor's own socket: the
     * kernel's answer, unicast to this socket, ends the thread's read. Best effort; the read's timeout
     * would end it otherwise.
     */
    private void wake() {
        try {
            socket.send(NetlinkMessages.getLink(1, 1));
        } catch (NetlinkException | RuntimeException e) {
            LOG.debug("link monitor: no wake-up on close ({}); it ends within {}", e.getMessage(), POLL);
        }
    }

    /** For tests: whether the reading thread is still alive. */
    boolean threadAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            loop();
        } finally {
            socket.close(); // idempotent: close() may have done it already
        }
    }

    private void loop() {
        while (running) {
            try {
                List<NetlinkMessage> messages = socket.receive();
                long readAt = System.nanoTime();
                if (!running) {
                    break; // close()'s wake-up, or a change that no one is listening for any more
                }
                deliver(messages, readAt);
            } catch (NetlinkException e) {
                if (!running) {
                    break;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    LOG.warn("link notifications were lost (ENOBUFS); asking the listener to resynchronise");
                    notifyEventsLost();
                } else {
                    LOG.error("link monitor cannot read its netlink socket; retrying", e);
                    backOff();
                }
            } catch (RuntimeException e) {
                LOG.error("link monitor could not decode a netlink message; skipping it", e);
            }
        }
    }

    private void deliver(List<NetlinkMessage> messages, long readAt) {
        for (NetlinkMessage message : messages) {
            if (message.type() == RTM_NEWADDR || message.type() == RTM_DELADDR) {
                deliverAddress(message);
                continue;
            }
            if ((message.type() == RTM_DELROUTE || message.type() == RTM_DELRULE) && RoutingMessages.ours(message)) {
                deliverRoutingRemoved();
                continue;
            }
            if (message.type() != RTM_NEWLINK && message.type() != RTM_DELLINK) {
                continue;
            }
            LinkReply link = NetlinkReplies.link(message);
            // Bridge ports and the like also report on this group, with their own family.
            if (link.family() != AF_UNSPEC) {
                continue;
            }
            try {
                listener.linkChanged(link.state(), readAt);
            } catch (RuntimeException e) {
                LOG.error("link listener failed on {}", link.state(), e);
            }
        }
    }

    private void deliverAddress(NetlinkMessage message) {
        InterfaceAddress address = NetlinkReplies.address(message);
        if (address.address() == null) {
            return;
        }
        try {
            listener.addressChanged(address, message.type() == RTM_NEWADDR);
        } catch (RuntimeException e) {
            LOG.error("link listener failed on the address change {}", address, e);
        }
    }

    private void deliverRoutingRemoved() {
        try {
            listener.routingRemoved();
        } catch (RuntimeException e) {
            LOG.error("link listener failed on a removed route or rule", e);
        }
    }

    private void notifyEventsLost() {
        try {
            listener.eventsLost();
        } catch (RuntimeException e) {
            LOG.error("link listener failed on eventsLost()", e);
        }
    }

    private void backOff() {
        try {
            Thread.sleep(ERROR_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            // close() does not interrupt; whoever did, the loop checks running next
        }
    }
}
