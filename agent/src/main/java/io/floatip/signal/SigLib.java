package io.floatip.signal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * libc's signal-set calls, mapped directly: bound once when this class initialises, and each call goes
 * straight to the native function rather than through a proxy's reflection. A failed call returns -1.
 */
final class SigLib {
    static {
        Native.register("c");
    }

    /** glibc's sigset_t: 1024 bits, whatever the kernel's 64 signals use of it. */
    static final int SIGSET_BYTES = 128;

    private SigLib() {
    }

    static native int sigemptyset(Pointer set);

    static native int sigaddset(Pointer set, int signal);

    /** The signal taken (removed from the pending set), or -1 (EINTR when a handler ran meanwhile). */
    static native int sigwaitinfo(Pointer set, Pointer info);
}
