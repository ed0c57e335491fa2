package io.floatip.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.floatip.os.LibC;
import io.floatip.os.LibCDirect;
import java.time.Duration;
import java.util.List;

/**
 * A bound NETLINK_ROUTE socket. It lives in the network namespace of the thread that opened it,
 * whichever thread uses it later.
 */
final class NetlinkSocket implements AutoCloseable {
    /** Larger than any datagram the kernel builds for a dump batch (it caps them near 32 KiB). */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final LibC libc = LibC.INSTANCE;
    private final Memory receiveBuffer = new Memory(RECEIVE_BUFFER);
    private final byte[] datagram = new byte[RECEIVE_BUFFER];
    private volatile int fd;

    /**
     * @param groups        multicast groups (RTMGRP_*) to join, 0 for a request socket
     * @param receiveTimeout how long one {@link #receive()} waits before returning no messages
     * @param kernelBuffer  SO_RCVBUF in bytes, 0 for the system default
     */
    NetlinkSocket(int groups, Duration receiveTimeout, int kernelBuffer) throws NetlinkException {
        int socket = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        if (socket < 0) {
            throw new NetlinkException("open NETLINK_ROUTE socket", Native.getLastError());
        }
        fd = socket;
        try {
            if (kernelBuffer > 0) {
                setIntOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, kernelBuffer, "SO_RCVBUF");
            }
            setReceiveTimeout(receiveTimeout);
            // Best effort, both since Linux 4.x: short acks, and the kernel's reason for an error.
            optional(LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK);
            optional(LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK);
            bind(groups);
        } catch (NetlinkException e) {
            close();
            throw e;
        }
    }

    void send(byte[] message) throws NetlinkException {
        long sent = LibCDirect.send(fd, message, message.length, 0);
        if (sent < 0) {
            throw new NetlinkException("send netlink request", Native.getLastError());
        }
        if (sent != message.length) {
            throw new NetlinkException("send netlink request (" + sent + " of " + message.length + " bytes)",
                    Errno.EMSGSIZE);
        }
    }

    /**
     * Reads one datagram.
     *
     * @return its messages; empty when the receive timeout passed without one
     * @throws NetlinkException ENOBUFS when the kernel dropped messages because we read too slowly
     */
    List<NetlinkMessage> receive() throws NetlinkException {
        while (true) {
            long length = libc.recv(fd, receiveBuffer, new NativeLong(RECEIVE_BUFFER), LibC.MSG_TRUNC).longValue();
            if (length < 0) {
                int errno = Native.getLastError();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN) {
                    return List.of();
                }
                throw new NetlinkException("receive from netlink socket", errno);
            }
            if (length > RECEIVE_BUFFER) {
                throw new NetlinkException("receive from netlink socket (" + length + "-byte datagram)",
                        Errno.EMSGSIZE);
            }
            receiveBuffer.read(0, datagram, 0, (int) length);
            return NetlinkMessage.split(datagram, (int) length);
        }
    }

    @Override
    public synchronized void close() {
        int socket = fd;
        fd = -1;
        if (socket >= 0) {
            libc.close(socket);
        }
    }

    private void bind(int groups) throws NetlinkException {
        try (Memory address = new Memory(12)) { // struct sockaddr_nl
            address.clear();
            address.setShort(0, (short) LibC.AF_NETLINK); // nl_family
            address.setInt(4, 0); // nl_pid 0: the kernel picks our port id
            address.setInt(8, groups); // nl_groups
            if (libc.bind(fd, address, 12) < 0) {
                throw new NetlinkException("bind netlink socket to groups 0x" + Integer.toHexString(groups),
                        Native.getLastError());
            }
        }
    }

    private void setReceiveTimeout(Duration timeout) throws NetlinkException {
        try (Memory timeval = new Memory(2L * NativeLong.SIZE)) { // struct timeval { long tv_sec; long tv_usec; }
            timeval.setNativeLong(0, new NativeLong(timeout.toSeconds()));
            timeval.setNativeLong(NativeLong.SIZE, new NativeLong(timeout.toMillisPart() * 1000L));
            if (libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeval, (int) timeval.size()) < 0) {
                throw new NetlinkException("set SO_RCVTIMEO", Native.getLastError());
            }
        }
    }

    /** Joins or leaves one multicast group (RTNLGRP_*) after the bind, from any thread. */
    void membership(int group, boolean join) throws NetlinkException {
        setIntOption(LibC.SOL_NETLINK, join ? NetlinkConstants.NETLINK_ADD_MEMBERSHIP
                : NetlinkConstants.NETLINK_DROP_MEMBERSHIP, group, (join ? "join" : "leave") + " group " + group);
    }

    private void setIntOption(int level, int option, int value, String name) throws NetlinkException {
        if (!trySetIntOption(level, option, value)) {
            throw new NetlinkException("set " + name, Native.getLastError());
        }
    }

    private void optional(int level, int option) {
        trySetIntOption(level, option, 1);
    }

    private boolean trySetIntOption(int level, int option, int value) {
        try (Memory memory = new Memory(4)) {
            memory.setInt(0, value);
            return libc.setsockopt(fd, level, option, memory, 4) == 0;
        }
    }
}
