package io.floatip.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library calls on hot or time-critical paths (a frame, a signal, a process exit, a takeover's netlink
 * request), direct-mapped: bound once when this class initialises, and each call goes straight to the native
 * function rather than through a proxy's reflection, with primitive arrays copied in and out in native code,
 * so no Java object is made per call. A proxy call that runs seldom also runs interpreted: ~0.1 ms or more.
 * Everything else is in {@link LibC}. Linux on a 64-bit ABI: long, time_t and a pointer are 8 bytes.
 */
public final class LibCDirect {
    static {
        Native.register(LibCDirect.class, NativeLibrary.getInstance("c"));
    }

    /** glibc's sigset_t: 1024 bits, whatever the kernel's 64 signals use of it. */
    public static final int SIGSET_BYTES = 128;

    private LibCDirect() {
    }

    /** Binds the calls now (class initialisation), so the first frame or signal does not pay for it. */
    public static void bind() {
        // the static initialiser did it
    }

    /** memcpy(3) from native {@code source} into {@code destination[0, length)}. */
    public static native long memcpy(byte[] destination, long source, long length);

    /** clock_gettime(2) into {@code timespec[0]} (seconds) and {@code timespec[1]} (nanoseconds). */
    public static native int clock_gettime(int clock, long[] timespec);

    /**
     * poll(2) over {@code count} struct pollfd packed two ints each: the fd, then events and revents (two shorts,
     * see {@code io.floatip.net.FrameWait}). The number of fds with events, 0 on the timeout, -1 on an error.
     */
    public static native int poll(int[] fds, long count, int timeoutMillis);

    /** eventfd(2): a counter a write makes readable, to wake a thread in poll. */
    public static native int eventfd(int initialValue, int flags);

    /** write(2) of {@code count} bytes of {@code value} (an eventfd takes one 8-byte counter). */
    public static native long write(int fd, long[] value, long count);

    /** read(2) of {@code count} bytes into {@code value}. */
    public static native long read(int fd, long[] value, long count);

    public static native int sigemptyset(Pointer set);

    public static native int sigaddset(Pointer set, int signal);

    /** The signal taken (removed from the pending set), or -1 (EINTR when a handler ran meanwhile). */
    public static native int sigwaitinfo(Pointer set, Pointer info);

    /**
     * poll(2): the process watch's wait for an exit. Through {@link LibC}'s proxy, the return from poll to
     * the watch's own code took 0.1 to 0.3 ms of an exit's hand-off to the event loop; direct, 0.02 to 0.06.
     */
    public static native int poll(Pointer fds, long count, int timeoutMillis);

    /** close(2), for the same thread's descriptors (and the capture's eventfd, FrameWait). */
    public static native int close(int fd);

    /**
     * send(2) of {@code buffer[0, length)}: a netlink request, among them a takeover's RTM_NEWADDR. Through
     * {@link LibC}'s proxy, building the message and sending it took ~0.24 ms of the ~0.33 ms from a backup's
     * Master_Down_Timer to the kernel's add (medians, perf against the loop's own stamps); direct, ~0.08 of
     * ~0.22.
     */
    public static native long send(int fd, byte[] buffer, long length, int flags);
}
