package io.floatip.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * floatip's one binding of the C library's ordinary calls (interface-mapped: each call goes through JNA's
 * proxy, fine off the hot path). The per-frame and per-signal calls are in {@link LibCDirect}. After a failed
 * call (-1), {@link Native#getLastError()} holds errno for the calling thread.
 *
 * <p>size_t/ssize_t are mapped to {@link NativeLong}: on Linux, long has the width of size_t on every ABI.
 * Constant values are the Linux ones shared by x86_64 and aarch64.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int AF_UNIX = 1;
    int AF_INET = 2;
    int AF_NETLINK = 16;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_ROUTE = 0;
    int NETLINK_NETFILTER = 12;

    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    /** SO_RCVTIMEO_OLD: takes a struct timeval of two longs, right where time_t is a long. */
    int SO_RCVTIMEO = 20;
    int SO_ATTACH_FILTER = 26;
    int SOL_NETLINK = 270;
    int NETLINK_CAP_ACK = 10;
    int NETLINK_EXT_ACK = 11;

    /** recv flag: netlink then returns the datagram's real length, so truncation is visible. */
    int MSG_TRUNC = 0x20;
    /** Never block the caller (the event loop) when the receiver's queue is full: fail with EAGAIN instead. */
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;

    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    /** Differs by architecture: x86_64 (and most others) 0400000, aarch64 and arm 0100000. */
    int O_NOFOLLOW = System.getProperty("os.arch", "").startsWith("aarch64")
            || System.getProperty("os.arch", "").startsWith("arm") ? 0100000 : 0400000;

    int ENOENT = 2;
    int EAGAIN = 11;
    int CLONE_NEWNET = 0x40000000;

    int CLOCK_REALTIME = 0;
    int CLOCK_MONOTONIC = 1;

    int SIGKILL = 9;
    int SIGTERM = 15;

    int SCHED_RR = 2;
    int PR_SET_TIMERSLACK = 29;

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer address, int addressLength);

    int setsockopt(int fd, int level, int option, Pointer value, int valueLength);

    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags);

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

    NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    int close(int fd);

    int open(String path, int flags);

    /** mkfifo(3): notify_fifo when missing. */
    int mkfifo(String path, int mode);


    String strerror(int errno);

    /** strerror of the calling thread's last errno, e.g. "No such file or directory (errno 2)". */
    static String lastError() {
        int errno = Native.getLastError();
        return INSTANCE.strerror(errno) + " (errno " + errno + ")";
    }

    int setns(int fd, int nstype);

    int geteuid();

    /** struct timespec is two longs (time_t, long) on the 64-bit Linux ABIs we run on. */
    int clock_gettime(int clock, Pointer timespec);

    /** kill(2); a negative pid signals that process group. */
    int kill(int pid, int signal);

    /** sched_setscheduler(2) with pid 0: the calling thread, on Linux. */
    int sched_setscheduler(int pid, int policy, int[] param);

    /** prctl(2), for PR_SET_TIMERSLACK. */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** malloc_trim(3): 1 when memory went back to the system. glibc only: UnsatisfiedLinkError elsewhere (musl). */
    int malloc_trim(NativeLong pad);

    /** pidfd_open(2) (Linux 5.3): a file descriptor that polls readable once the process has exited. */
    long SYS_PIDFD_OPEN = 434; // the same on x86_64 and aarch64: syscalls added since 5.1 share their numbers
    short POLLIN = 0x1;
    int O_NONBLOCK = 0x800;

    /** syscall(2): for the calls glibc 2.36 has no wrapper of (pidfd_open). */
    long syscall(long number, Object... args);

    /** poll(2) over an array of struct pollfd (int fd; short events; short revents: 8 bytes each). */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);

    /** pipe2(2): {@code fds[0]} reads, {@code fds[1]} writes. */
    int pipe2(int[] fds, int flags);

    NativeLong read(int fd, byte[] buffer, NativeLong length);

    NativeLong write(int fd, byte[] buffer, NativeLong length);

    /** ioctl(2) with an int out-argument; FIONREAD: bytes waiting to be read (a pipe's unread bytes). */
    int ioctl(int fd, NativeLong request, int[] value);

    long FIONREAD = 0x541B; // asm-generic: the same on x86_64 and aarch64
}
