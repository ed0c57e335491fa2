package io.floatip.net;

import static io.floatip.net.NetlinkConstants.*;

import io.floatip.base.AddressText;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests to the kernel over one NETLINK_ROUTE socket: addresses and link state.
 *
 * <p>The socket belongs to the network namespace of the thread that constructs this object;
 * after that any thread may call it. Calls are serialised: one request is in flight at a time,
 * matched to its reply by sequence number.
 */
public final class Netlink implements AutoCloseable {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(500);
    /** The kernel answers in microseconds; this only guards against a reply that never comes. */
    private static final long REPLY_DEADLINE_NANOS = Duration.ofSeconds(5).toNanos();
    /** A dump racing with address changes is flagged NLM_F_DUMP_INTR; try again this often. */
    private static final int DUMP_ATTEMPTS = 5;

    private final NetlinkSocket socket;
    private int seq;

    public Netlink() throws NetlinkException {
        socket = new NetlinkSocket(0, RECEIVE_TIMEOUT, 0);
        seq = (int) (System.nanoTime() & 0x7fff_ffff);
    }

    /**
     * Adds an address (RTM_NEWADDR). IPv6 addresses are added with IFA_F_NODAD.
     * The kernel treats an IPv4 address as existing only with the same prefix length, an IPv6
     * address with any.
     *
     * @param label IPv4 label (at most 15 bytes, by convention "eth0:vip"), or null
     * @return true if added, false if the interface already had it (EEXIST)
     */
    public synchronized boolean addAddress(int ifIndex, InetAddress address, int prefixLength, String label)
            throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(NetlinkMessages.newAddress(request, ifIndex, address, prefixLength, label), request);
        if (reply.errno() == Errno.EEXIST) {
            return false;
        }
        reply.check("add " + AddressText.cidr(address, prefixLength) + " on interface index " + ifIndex, ifIndex);
        return true;
    }

    /** One address to add, for {@link #addAddresses}. */
    public record AddressToAdd(int ifIndex, InetAddress address, int prefixLength, String label) {
    }

    /** How one add ended: added, already there (EEXIST), or failed. */
    public record AddOutcome(boolean added, NetlinkException error) {
    }

    /**
     * Adds addresses as {@link #addAddress} does, and runs {@code whenSent} between sending the requests and
     * reading the kernel's answers. rtnetlink does a request's work inside sendmsg(2): when the send returns,
     * the address is in place and only its acknowledgement is left to read, which through JNA took as long
     * as the add itself (~0.2 ms). A new master's gratuitous ARPs go out in between.
     */
    public synchronized List<AddOutcome> addAddresses(List<AddressToAdd> adds, Runnable whenSent) {
        int[] requests = new int[adds.size()];
        List<AddOutcome> outcomes = new ArrayList<>(adds.size());
        for (int i = 0; i < adds.size(); i++) {
            AddressToAdd a = adds.get(i);
            requests[i] = nextSeq();
            try {
                socket.send(NetlinkMessages.newAddress(requests[i], a.ifIndex(), a.address(), a.prefixLength(),
                        a.label()));
                outcomes.add(null);
            } catch (NetlinkException e) {
                requests[i] = 0;
                outcomes.add(new AddOutcome(false, e));
            }
        }
        try {
            whenSent.run();
        } finally {
            // The kernel answers in order; each answer is read even if whenSent failed.
            for (int i = 0; i < adds.size(); i++) {
                if (requests[i] != 0) {
                    outcomes.set(i, addOutcome(adds.get(i), requests[i]));
                }
            }
        }
        return outcomes;
    }

    private AddOutcome addOutcome(AddressToAdd a, int request) {
        try {
            Reply reply = collect(request);
            if (reply.errno() == Errno.EEXIST) {
                return new AddOutcome(false, null);
            }
            reply.check("add " + AddressText.cidr(a.address(), a.prefixLength()) + " on interface index "
                    + a.ifIndex(), a.ifIndex());
            return new AddOutcome(true, null);
        } catch (NetlinkException e) {
            return new AddOutcome(false, e);
        }
    }

    /**
     * Removes an address (RTM_DELADDR). Removing a primary IPv4 address also removes its
     * secondaries unless net.ipv4.conf.*.promote_secondaries is set.
     *
     * @return true if removed, false if the interface did not have it
     */
    public synchronized boolean deleteAddress(int ifIndex, InetAddress address, int prefixLength)
            throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(NetlinkMessages.deleteAddress(request, ifIndex, address, prefixLength), request);
        if (reply.errno() == Errno.EADDRNOTAVAIL || reply.errno() == Errno.ENOENT || reply.errno() == Errno.ESRCH) {
            return false;
        }
        reply.check("delete " + AddressText.cidr(address, prefixLength) + " on interface index " + ifIndex, ifIndex);
        return true;
    }

    /**
     * Adds a route (RTM_NEWROUTE) tagged with floatip's protocol.
     *
     * @return true if added, false if an equal route was there already (EEXIST)
     */
    public synchronized boolean addRoute(RouteRequest route) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(RoutingMessages.newRoute(request, route), request);
        if (reply.errno() == Errno.EEXIST) {
            return false;
        }
        reply.check("add route " + route, route.oif());
        return true;
    }

    /** Deletes floatip's route (RTM_DELROUTE); false if there was none (ESRCH, ENOENT). */
    public synchronized boolean deleteRoute(RouteRequest route) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(RoutingMessages.deleteRoute(request, route), request);
        if (reply.errno() == Errno.ESRCH || reply.errno() == Errno.ENOENT) {
            return false;
        }
        reply.check("delete route " + route, route.oif());
        return true;
    }

    /** Adds a rule (RTM_NEWRULE) tagged with floatip's protocol; false if an equal one was there (EEXIST). */
    public synchronized boolean addRule(RuleRequest rule) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(RoutingMessages.newRule(request, rule), request);
        if (reply.errno() == Errno.EEXIST) {
            return false;
        }
        reply.check("add rule " + rule, 0);
        return true;
    }

    /** Deletes floatip's rule (RTM_DELRULE); false if there was none (ENOENT). */
    public synchronized boolean deleteRule(RuleRequest rule) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(RoutingMessages.deleteRule(request, rule), request);
        if (reply.errno() == Errno.ENOENT || reply.errno() == Errno.ESRCH) {
            return false;
        }
        reply.check("delete rule " + rule, 0);
        return true;
    }

    /** IPv4 and IPv6 addresses of one interface (RTM_GETADDR dump), in the kernel's order. */
    public synchronized List<InterfaceAddress> addresses(int ifIndex) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            int request = nextSeq();
            Reply reply = exchange(NetlinkMessages.dumpAddresses(request), request);
            reply.check("list addresses of interface index " + ifIndex, ifIndex);
            if (reply.interrupted() && attempt < DUMP_ATTEMPTS) {
                continue;
            }
            List<InterfaceAddress> addresses = new ArrayList<>();
            for (NetlinkMessage message : reply.messages()) {
                if (message.type() == RTM_NEWADDR) {
                    InterfaceAddress address = NetlinkReplies.address(message);
                    if (address.ifIndex() == ifIndex) {
                        addresses.add(address);
                    }
                }
            }
            return addresses;
        }
    }

    /** Current state of an interface (RTM_GETLINK); ENODEV if there is none of that name. */
    public LinkState query(String name) throws NetlinkException {
        return getLink(name).state();
    }

    /** Current state of an interface (RTM_GETLINK); ENODEV if there is none with that index. */
    public synchronized LinkState query(int ifIndex) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(NetlinkMessages.getLink(request, ifIndex), request);
        reply.check("query interface index " + ifIndex, ifIndex);
        return reply.link().state();
    }

    /** The interface index for a name, in this socket's namespace. */
    public int ifIndex(String name) throws NetlinkException {
        return getLink(name).state().ifIndex();
    }

    /** IFLA_ADDRESS of an interface (6 bytes for Ethernet); empty for links without one. */
    public byte[] macAddress(String name) throws NetlinkException {
        return getLink(name).hardwareAddress().clone();
    }

    /** An interface's index, MAC, parent and kind; null when there is none of that name. */
    public synchronized LinkDetails details(String name) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(NetlinkMessages.getLink(request, name), request);
        if (reply.errno() == Errno.ENODEV) {
            return null;
        }
        if (reply.errno() != 0) {
            throw new NetlinkException("query interface " + name, reply.errno(), "name " + name, reply.kernelMessage());
        }
        LinkReply link = reply.link();
        return new LinkDetails(link.state().ifIndex(), link.hardwareAddress(), link.parentIndex(), link.kind());
    }

    /** Creates a private-mode macvlan (see {@link LinkMessages#newMacvlan}); EEXIST if the name is taken. */
    public synchronized void createMacvlan(int parentIndex, String name, byte[] mac) throws NetlinkException {
        int request = nextSeq();
        exchange(LinkMessages.newMacvlan(request, parentIndex, name, mac), request)
                .check("create macvlan " + name, parentIndex);
    }

    /** Sets IFF_UP. */
    public synchronized void up(int ifIndex) throws NetlinkException {
        int request = nextSeq();
        exchange(LinkMessages.up(request, ifIndex), request).check("bring up", ifIndex);
    }

    /** No automatic IPv6 link-local address from now on (addrgenmode none). */
    public synchronized void addrGenModeNone(int ifIndex) throws NetlinkException {
        int request = nextSeq();
        exchange(LinkMessages.addrGenModeNone(request, ifIndex), request).check("set addrgenmode none", ifIndex);
    }

    /** Sets net.ipv4.conf.IF.KEY for the interface, {@code devconf} being the key's IPV4_DEVCONF_ index. */
    public synchronized void setIpv4Conf(int ifIndex, int devconf, int value) throws NetlinkException {
        int request = nextSeq();
        exchange(LinkMessages.ipv4Conf(request, ifIndex, devconf, value), request)
                .check("set IPv4 setting " + devconf + " to " + value, ifIndex);
    }

    /** Deletes an interface; false when it was gone already (ENODEV). */
    public synchronized boolean deleteLink(int ifIndex) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(LinkMessages.delete(request, ifIndex), request);
        if (reply.errno() == Errno.ENODEV) {
            return false;
        }
        reply.check("delete interface", ifIndex);
        return true;
    }

    @Override
    public void close() {
        socket.close();
    }

    private synchronized LinkReply getLink(String name) throws NetlinkException {
        int request = nextSeq();
        Reply reply = exchange(NetlinkMessages.getLink(request, name), request);
        if (reply.errno() != 0) {
            throw new NetlinkException("query interface " + name, reply.errno(), "name " + name, reply.kernelMessage());
        }
        return reply.link();
    }

    private int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    /**
     * Sends a request and collects the replies carrying its sequence number up to the ack
     * (NLMSG_ERROR) or the end of the dump (NLMSG_DONE). Leftovers from an earlier, abandoned
     * request have an older sequence number and are skipped.
     */
    private Reply exchange(byte[] request, int requestSeq) throws NetlinkException {
        socket.send(request);
        return collect(requestSeq);
    }

    private Reply collect(int requestSeq) throws NetlinkException {
        long deadline = System.nanoTime() + REPLY_DEADLINE_NANOS;
        List<NetlinkMessage> messages = new ArrayList<>();
        boolean interrupted = false;
        while (true) {
            List<NetlinkMessage> batch = socket.receive();
            if (batch.isEmpty() && System.nanoTime() - deadline > 0) {
                throw new NetlinkException("wait for the kernel's reply to request " + requestSeq, Errno.ETIMEDOUT);
            }
            for (NetlinkMessage message : batch) {
                if (message.seq() != requestSeq) {
                    continue;
                }
                interrupted |= message.hasFlag(NLM_F_DUMP_INTR);
                switch (message.type()) {
                    case NLMSG_ERROR: {
                        Ack ack = Ack.parse(message);
                        return new Reply(messages, ack.errno(), ack.kernelMessage(), interrupted);
                    }
                    case NLMSG_DONE:
                        return new Reply(messages, Ack.doneErrno(message), null, interrupted);
                    case NLMSG_NOOP:
                    case NLMSG_OVERRUN:
                        break;
                    default:
                        messages.add(message);
                }
            }
        }
    }

    /** The data messages of one request and how it ended. */
    private record Reply(List<NetlinkMessage> messages, int errno, String kernelMessage, boolean interrupted) {

        void check(String operation, int ifIndex) throws NetlinkException {
            if (errno != 0) {
                throw new NetlinkException(operation, errno, "index " + ifIndex, kernelMessage);
            }
        }

        LinkReply link() throws NetlinkException {
            for (NetlinkMessage message : messages) {
                if (message.type() == RTM_NEWLINK) {
                    return NetlinkReplies.link(message);
                }
            }
            throw new NetlinkException("RTM_GETLINK acknowledged without a link", Errno.EIO);
        }
    }
}
