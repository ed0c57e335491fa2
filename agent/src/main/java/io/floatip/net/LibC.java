package io.floatip.net;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the netlink edge needs. After a failed call (-1), {@link Native#getLastError()}
 * holds errno for the calling thread.
 *
 * <p>size_t/ssize_t are mapped to {@link NativeLong}: on Linux, long has the width of size_t on
 * every ABI. Constant values are the Linux ones shared by x86_64 and aarch64.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;

    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    /** SO_RCVTIMEO_OLD: takes a struct timeval of two longs, right where time_t is a long. */
    int SO_RCVTIMEO = 20;
    int SOL_NETLINK = 270;
    int NETLINK_CAP_ACK = 10;
    int NETLINK_EXT_ACK = 11;

    /** recv flag: netlink then returns the datagram's real length, so truncation is visible. */
    int MSG_TRUNC = 0x20;

    int O_RDONLY = 0;
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer address, int addressLength);

    int setsockopt(int fd, int level, int option, Pointer value, int valueLength);

    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

    NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    int close(int fd);

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int geteuid();
}
