package io.floatip.net;

import com.sun.jna.NativeLong;
import io.floatip.os.LibC;

/**
 * Hands the C heap's free pages back to the kernel. A start (class loading, the JIT's first compilations)
 * and a reload leave a few megabytes free in glibc's arenas that glibc keeps for later; an agent then runs
 * for months needing none of it, so it would only sit in the RSS.
 */
public final class NativeHeap {
    private NativeHeap() {
    }

    /** True when pages went back; false when there were none, or this C library has no malloc_trim (musl). */
    public static boolean trim() {
        try {
            return LibC.INSTANCE.malloc_trim(new NativeLong(0)) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
