package io.floatip.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The libc calls sd_notify needs. After a call returns -1, {@link Native#getLastError()} is its errno. */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    /** Never block the caller (the event loop) when the receiver's queue is full: fail with EAGAIN instead. */
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;
    int CLOCK_MONOTONIC = 1;

    int socket(int domain, int type, int protocol);

    /** size_t and ssize_t as NativeLong: long has their width on Linux. */
    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

    int close(int fd);

    /** struct timespec is two longs (time_t, long) on the 64-bit Linux ABIs we run on. */
    int clock_gettime(int clock, Pointer timespec);
}
